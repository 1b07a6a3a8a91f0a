// No secret and no question reaches a log line. The whole bot runs, as npm start runs it,
// against the local Discord and Slack with every secret set to a marker value, every
// question carrying a marker word, and logging at its chattiest (trace, which Bolt and
// discord.js follow too), through answers, buttons, refusals, failures, a reload and
// shutdown. Then no line it wrote may hold a marker, an interaction token, or a raw user id.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, PERMISSIONS, startDiscordStandIn, type DiscordStandIn, type StoredMessage } from '../helpers/discord-stand-in/index.js';
import { postSigned as postSignedDiscord } from '../helpers/discord-stand-in/sign.js';
import { freePort } from '../helpers/long-running.js';
import { buttonIds } from '../helpers/slack-stand-in/read-message.js';
import { replyToCommand, startResponseUrl, type ResponseUrlStandIn } from '../helpers/slack-stand-in/response-url.js';
import { blockActionBody, FORM, JSON_TYPE, postSigned, slashCommandBody } from '../helpers/slack-stand-in/sign.js';
import { startSocketMode, type SocketModeStandIn } from '../helpers/slack-stand-in/socket-mode.js';
import { BOT_USER_ID, startWebApi, type WebApiStandIn } from '../helpers/slack-stand-in/web-api.js';
import { startWholeBot, type WholeBot } from '../helpers/whole-bot.js';

const MARKERS = Object.freeze({
  DISCORD_TOKEN: 'MTM-discord-token-marker-7Qx2',
  SLACK_BOT_TOKEN: 'xoxb-slack-bot-token-marker-9Kd4',
  SLACK_SIGNING_SECRET: 'slack-signing-secret-marker-3Vb8',
  SLACK_APP_TOKEN: 'xapp-slack-app-token-marker-5Rt1',
  USER_HASH_SECRET: 'user-hash-secret-marker-2Hn6',
});
const SLACK_USERS = ['UREPORT7Q2X', 'UADMIN9K4D'] as const;
/** In every question asked, after the part the bot answers: it must never be logged. */
const ASKED = 'Qmarkzx7asked';
const asking = (question: string) => `${question} Thanks, ${ASKED}`;
const [REPORTER, SLACK_ADMIN] = SLACK_USERS;

let discord: DiscordStandIn | undefined;
let api: WebApiStandIn | undefined;
let responses: ResponseUrlStandIn | undefined;
let socket: SocketModeStandIn | undefined;
let bot: WholeBot | undefined;
afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await Promise.all([discord?.close(), api?.close(), responses?.close(), socket?.close()]);
  discord = api = responses = socket = bot = undefined;
});

/** What a person would find, were a line to hold something it must not. */
function leaks(lines: readonly string[], forbidden: readonly string[]): string[] {
  return lines.flatMap((line) => forbidden.filter((f) => line.includes(f)).map((f) => `${f} in: ${line.slice(0, 300)}`));
}

const buttons = (message: StoredMessage) => message.components.flatMap((row: any) => row.components).filter((c: any) => c.type === 2);
const menu = (message: StoredMessage) => message.components.flatMap((row: any) => row.components).find((c: any) => c.type === 3);

function mentionPayload(user: string, ts: string) {
  return { type: 'event_callback', team_id: 'T0NEWS', api_app_id: 'A0STORY', event_id: `Ev${ts.replace('.', '')}`, event_time: 1736000000, authorizations: [{ team_id: 'T0NEWS', user_id: BOT_USER_ID, is_bot: true }], event: { type: 'app_mention', user, text: `<@${BOT_USER_ID}> ${asking('who is tommy robinson?')}`, ts, channel: 'C0DESK', event_ts: ts } };
}

function pressPayload(user: string, actionId: string, responseUrl: string) {
  return {
    type: 'block_actions',
    user: { id: user, username: 'reporter', team_id: 'T0NEWS' },
    team: { id: 'T0NEWS', domain: 'newsroom' },
    api_app_id: 'A0STORY',
    trigger_id: '4.5.6',
    channel: { id: 'C0DESK', name: 'news-desk' },
    container: { type: 'message', message_ts: '1736000000.000001', channel_id: 'C0DESK', is_ephemeral: true },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, value: 'x', action_ts: '1736000001.000000' }],
  };
}

describe('the logs of a whole run', () => {
  it('hold no token, signing secret, hash key, interaction token, raw user id or question: Discord and Slack over HTTP', async () => {
    discord = await startDiscordStandIn({ token: MARKERS.DISCORD_TOKEN });
    api = await startWebApi();
    responses = await startResponseUrl();
    const port = await freePort();
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    bot = await startWholeBot({
      LOG_LEVEL: 'trace',
      DISCORD_TOKEN: MARKERS.DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: MARKERS.SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET: MARKERS.SLACK_SIGNING_SECRET,
      SLACK_PORT: String(port),
      SLACK_API_URL: api.url,
      SLACK_ADMIN_USERS: SLACK_ADMIN,
      USER_HASH_SECRET: MARKERS.USER_HASH_SECRET,
      RATE_LIMIT_QUESTIONS: '3',
    });
    await bot.logged('discord connected');
    await bot.logged('slack listening for HTTP requests');

    // Discord: answers, autocomplete, buttons, a refusal, a reload, the rate limit, failures.
    const answer = await (await discord.slash('ask', { question: asking('Who is Tommy Robinson?') })).reply();
    await (await discord.autocomplete('ask', 'question', `tommy ${ASKED}`)).choices();
    await (await discord.press(answer.message, buttons(answer.message)[0].custom_id)).reply();
    await (await discord.choose(answer.message, menu(answer.message).custom_id, [menu(answer.message).options[0].value])).reply();
    await (await discord.slash('ask', { question: asking('What is the capital of Peru?') })).reply();
    await (await discord.slash('ask', { question: asking('Who is Jess Phillips?') })).reply();
    await (await discord.slash('reload', {}, { ...MEMBER, permissions: PERMISSIONS.none })).reply();
    await (await discord.slash('reload', {}, ADMIN)).reply();
    await (await discord.press(answer.message, 'sb:not-a-button')).reply();
    // A reply Discord refuses: the failure is logged with the request it made, whose URL holds the interaction token.
    discord.state.callbacksToReject = 1;
    const refused = await discord.slash('ask', { question: asking('Who is Tommy Robinson?') }, ADMIN);
    await refused.log.until((events) => events.find((e) => e.kind === 'rejected'));
    await bot.logged('discord interaction failed');
    // Malformed: discord.js itself trips over it.
    await discord.gateway.dispatch('INTERACTION_CREATE', { id: '5', type: 2, token: 'interaction-token-malformed', application_id: discord.applicationId, data: { name: 'ask', type: 1 } });
    await bot.logged('unhandled rejection');

    // Slack: commands, a forged request, buttons, a mention, an admin reload, the rate limit.
    const send = (body: string, type = FORM, secret: string = MARKERS.SLACK_SIGNING_SECRET) => postSigned(eventsUrl, body, type, { secret });
    const ask = (text: string, id: string, user: string = REPORTER) => send(slashCommandBody({ command: '/ask', text, user_id: user, response_url: responses!.url(id) }));
    const slackAnswer = await ask(asking('Who is Tommy Robinson?'), 's1');
    expect(slackAnswer.status).toBe(200);
    expect((await send(slashCommandBody({ command: '/ask', text: asking('forged'), user_id: REPORTER, response_url: responses.url('forged') }), FORM, 'not-the-secret')).status).toBe(401);
    const pick = buttonIds(await replyToCommand(slackAnswer.json, responses.posts, 's1')).find((id) => id.startsWith('sb:pick:'))!;
    await send(blockActionBody(pressPayload(REPORTER, pick, responses.url('s2'))));
    await send(blockActionBody(pressPayload(REPORTER, 'sb:vote:up:who-is-tommy-robinson', responses.url('s3'))));
    await send(JSON.stringify(mentionPayload(REPORTER, '1736000400.000100')), JSON_TYPE);
    await ask(asking('Who is Jess Phillips?'), 's4');
    await send(slashCommandBody({ command: '/reload', text: '', user_id: SLACK_ADMIN, response_url: responses.url('s5') }));
    await send(slashCommandBody({ command: '/reload', text: '', user_id: REPORTER, response_url: responses.url('s6') }));
    await bot.logged('rate limited');
    await fetch(`${bot.ops}/metrics`);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);

    const lines = bot.lines.items;
    const forbidden = [
      MARKERS.DISCORD_TOKEN,
      MARKERS.SLACK_BOT_TOKEN,
      MARKERS.SLACK_SIGNING_SECRET,
      MARKERS.USER_HASH_SECRET,
      // Interaction tokens let anyone answer as the bot for 15 minutes.
      'interaction-token-',
      MEMBER.id,
      ADMIN.id,
      ...SLACK_USERS,
      ASKED,
    ];
    expect(leaks(lines, forbidden)).toEqual([]);
    // The check covered the chattiest lines and the whole run, not a quiet start.
    const levels = new Set(bot.logs().map((l) => l.level));
    expect(levels.has(10) || levels.has(20)).toBe(true);
    expect(bot.logs().filter((l) => l.msg === 'question answered').length).toBeGreaterThanOrEqual(4);
    expect(bot.logs().map((l) => l.msg)).toContain('stopped');
  });

  it("hold no interaction token, user id or question with Discord's HTTP interactions", async () => {
    discord = await startDiscordStandIn();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/discord/interactions`;
    bot = await startWholeBot({ LOG_LEVEL: 'trace', DISCORD_PUBLIC_KEY: discord.publicKey, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl, DISCORD_HTTP_HOST: '127.0.0.1', DISCORD_HTTP_PORT: String(port), USER_HASH_SECRET: MARKERS.USER_HASH_SECRET });
    await bot.logged('discord listening for HTTP interactions');
    discord.deliverOverHttp(url);
    const answer = await (await discord.slash('ask', { question: asking('Who is Tommy Robinson?') })).reply();
    await (await discord.autocomplete('ask', 'question', `tommy ${ASKED}`)).choices();
    await (await discord.press(answer.message, buttons(answer.message)[0].custom_id)).reply();
    await (await discord.slash('reload', {}, ADMIN)).reply();
    // A mistyped option, a refused signature and a payload with no sender: each is logged.
    await (await discord.interact(2, { name: 'ask', type: 1, options: [{ name: 'question', type: 4, value: 42 }] })).reply();
    await bot.logged('discord command with an option of the wrong type');
    expect((await postSignedDiscord(url, '{"type":2,"token":"interaction-token-forged"}', { signer: discord.signer, signature: '0'.repeat(128) })).status).toBe(401);
    expect((await postSignedDiscord(url, JSON.stringify({ id: '5', type: 2, token: 'interaction-token-anonymous', application_id: '1' }), { signer: discord.signer })).status).toBe(400);
    await bot.logged('discord interaction without an id, a token or a sender: not answered');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(leaks(bot.lines.items, [MARKERS.USER_HASH_SECRET, 'interaction-token-', MEMBER.id, ADMIN.id, ASKED])).toEqual([]);
    expect(bot.logs().filter((l) => l.msg === 'question answered').length).toBeGreaterThanOrEqual(1);
    expect(bot.logs().some((l) => l.msg === 'request refused' && l.listener === 'discord' && l.reason === 'signature invalid')).toBe(true);
  });

  it('hold no app-level token, user id or question in Socket Mode', async () => {
    socket = await startSocketMode();
    const sm = socket;
    api = await startWebApi({ socketUrl: () => sm.url });
    responses = await startResponseUrl();
    bot = await startWholeBot({ LOG_LEVEL: 'trace', SLACK_BOT_TOKEN: MARKERS.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: MARKERS.SLACK_APP_TOKEN, SLACK_API_URL: api.url, USER_HASH_SECRET: MARKERS.USER_HASH_SECRET });
    await bot.logged('slack connected through Socket Mode');
    const command = Object.fromEntries(new URLSearchParams(slashCommandBody({ command: '/ask', text: asking('Who is Tommy Robinson?'), user_id: REPORTER, response_url: responses.url('m1') })));
    await socket.deliver('slash_commands', command);
    await socket.deliver('interactive', pressPayload(REPORTER, 'sb:vote:down:who-is-tommy-robinson', responses.url('m2')));
    await socket.deliver('events_api', mentionPayload(REPORTER, '1736000500.000100'));
    await api.calls.waitFor((c) => c.method === 'chat.postMessage');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(leaks(bot.lines.items, [MARKERS.SLACK_APP_TOKEN, MARKERS.SLACK_BOT_TOKEN, MARKERS.USER_HASH_SECRET, REPORTER, ASKED])).toEqual([]);
    expect(bot.logs().filter((l) => l.msg === 'question answered').length).toBeGreaterThanOrEqual(2);
  });
});
