// The whole bot as npm start runs it, on the local Discord and Slack stand-ins: the ops
// endpoints over real HTTP, and graceful shutdown with a reply still on its way.
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { ADMIN, MEMBER, startDiscordStandIn, type DiscordStandIn } from '../helpers/discord-stand-in/index.js';
import { freePort } from '../helpers/long-running.js';
import { textsOf } from '../helpers/slack-stand-in/read-message.js';
import { replyToCommand, startResponseUrl, type ResponseUrlStandIn } from '../helpers/slack-stand-in/response-url.js';
import { FORM, JSON_TYPE, postSigned, slashCommandBody } from '../helpers/slack-stand-in/sign.js';
import { BOT_USER_ID, startWebApi, type WebApiStandIn } from '../helpers/slack-stand-in/web-api.js';
import { startWholeBot, type WholeBot } from '../helpers/whole-bot.js';

/** A metric's value in Prometheus text. */
const metric = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.slice(series.length + 1));
const messagesOf = (bot: WholeBot) => bot.logs().map((l) => l.msg as string);

let standIn: DiscordStandIn | undefined;
let api: WebApiStandIn | undefined;
let responses: ResponseUrlStandIn | undefined;
let bot: WholeBot | undefined;
afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await Promise.all([standIn?.close(), api?.close(), responses?.close()]);
  standIn = api = responses = bot = undefined;
});

/** "@StoryBot who is tommy robinson" in a channel, signed as Slack signs it. */
function mention(eventsUrl: string, secret: string) {
  const ts = '1736000300.000100';
  const payload = { type: 'event_callback', team_id: 'T0NEWS', api_app_id: 'A0STORY', event_id: 'Ev0SHUTDOWN', event_time: 1736000000, authorizations: [{ team_id: 'T0NEWS', user_id: BOT_USER_ID, is_bot: true }], event: { type: 'app_mention', user: 'UREPORT01', text: `<@${BOT_USER_ID}> who is tommy robinson`, ts, channel: 'C0DESK', event_ts: ts } };
  return postSigned(eventsUrl, JSON.stringify(payload), JSON_TYPE, { secret });
}

async function startSlackBot(env: NodeJS.ProcessEnv = {}) {
  const web = (api = await startWebApi());
  const urls = (responses = await startResponseUrl());
  const port = await freePort();
  const started = (bot = await startWholeBot({ SLACK_BOT_TOKEN: 'xoxb-shutdown', SLACK_SIGNING_SECRET: 'shutdown-secret', SLACK_PORT: String(port), SLACK_API_URL: web.url, ...env }));
  await started.logged('adapter started');
  return { bot: started, api: web, responses: urls, eventsUrl: `http://127.0.0.1:${port}/slack/events` };
}

const discordEnv = (s: DiscordStandIn) => ({ DISCORD_TOKEN: s.token, DISCORD_APPLICATION_ID: s.applicationId, DISCORD_API_URL: s.apiUrl });

describe('npm start on Discord, seen from the ops port', () => {
  it('is alive, becomes ready once connected, counts questions, refusals and reloads, and logs each answer without a user id', async () => {
    standIn = await startDiscordStandIn();
    bot = await startWholeBot({ ...discordEnv(standIn), RATE_LIMIT_QUESTIONS: '1' });
    expect((await fetch(`${bot.ops}/healthz`)).status).toBe(200);
    await bot.logged('adapter started');
    const ready = await fetch(`${bot.ops}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, adapters: { discord: true }, knowledge: { loaded: true }, stopping: false });

    const answer = await (await standIn.slash('ask', { question: 'Who is Tommy Robinson?' })).reply();
    expect(answer.message.embeds[0].fields[0].name).toContain('paragraph 13');
    const refused = await (await standIn.slash('ask', { question: 'Who is Jess Phillips?' })).reply();
    expect(refused).toMatchObject({ ephemeral: true, message: { content: MESSAGES.rateLimited(30) } });
    const reload = await (await standIn.slash('reload', {}, ADMIN)).reply();
    expect(reload.message.embeds[0].title).toBe(MESSAGES.reloadedTitle);

    const text = await (await fetch(`${bot.ops}/metrics`)).text();
    expect(metric(text, 'storybot_questions_total{platform="discord",outcome="answered"}')).toBe(1);
    expect(metric(text, 'storybot_answer_duration_seconds_count{platform="discord"}')).toBe(1);
    expect(metric(text, 'storybot_rate_limited_total{platform="discord"}')).toBe(1);
    expect(metric(text, 'storybot_reloads_total{outcome="ok"}')).toBe(1);
    expect(metric(text, 'storybot_adapter_connected{adapter="discord"}')).toBe(1);
    expect(metric(text, 'storybot_knowledge_entries{status="published"}')).toBeGreaterThan(0);

    expect(await bot.logged('question answered')).toMatchObject({ level: 30, platform: 'discord', entry: 'who-is-tommy-robinson', outcome: 'answered', confidence: expect.any(Number), ms: expect.any(Number) });
    expect(bot.lines.items.join('\n')).not.toContain(MEMBER.id);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const order = ['shutting down', 'adapters disconnected', 'question log closed', 'stopped'].map((msg) => messagesOf(bot!).indexOf(msg));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });
});

describe('graceful shutdown', () => {
  it('on Discord: a question in flight at SIGTERM still gets its answer, a new one is told the bot is shutting down, then it exits 0', async () => {
    standIn = await startDiscordStandIn();
    bot = await startWholeBot(discordEnv(standIn));
    await bot.logged('adapter started');
    const held = standIn.state.holdNextCallback();
    const inFlight = await standIn.slash('ask', { question: 'Who is Tommy Robinson?' });
    await held.reached;

    bot.child.kill('SIGTERM');
    await bot.logged('shutting down: no new commands; finishing those in flight');
    expect((await fetch(`${bot.ops}/readyz`)).status).toBe(503);
    const late = await (await standIn.slash('ask', { question: 'Who is Jess Phillips?' })).reply();
    expect(late).toMatchObject({ ephemeral: true, message: { content: MESSAGES.shuttingDown } });
    expect(bot.child.exitCode).toBeNull();

    held.release();
    const answer = await inFlight.reply();
    expect(answer.ephemeral).toBe(false);
    expect(answer.message.embeds[0].fields[0].name).toContain('paragraph 13');
    expect(await bot.exited).toBe(0);
    expect(messagesOf(bot)).not.toContain('shutdown deadline passed with commands in flight; disconnecting anyway');
  });

  it('on Slack: a mention being answered at SIGTERM is finished, a new /ask is told the bot is shutting down, then it exits 0', async () => {
    const { bot, api, responses, eventsUrl } = await startSlackBot();
    const held = api.holdNext('chat.postMessage');
    expect((await mention(eventsUrl, 'shutdown-secret')).status).toBe(200);
    await held.reached;

    bot.child.kill('SIGTERM');
    await bot.logged('shutting down: no new commands; finishing those in flight');
    const late = await postSigned(eventsUrl, slashCommandBody({ command: '/ask', text: 'Who is Jess Phillips?', user_id: 'UREPORT01', response_url: responses.url('late') }), FORM, { secret: 'shutdown-secret' });
    const lateReply = await replyToCommand(late.json, responses.posts, 'late');
    expect(textsOf(lateReply)).toEqual([MESSAGES.shuttingDown]);
    expect(bot.child.exitCode).toBeNull();

    held.release();
    expect(await bot.exited).toBe(0);
    const posted = api.calls.items.filter((c) => c.method === 'chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(textsOf(posted[0]!.args).join('\n')).toContain('paragraph 13');
    expect(messagesOf(bot)).not.toContain('slack listener failed');
  });

  it('gives up on a reply in flight at SHUTDOWN_TIMEOUT_MS, says so, and still closes everything and exits 0', async () => {
    const { bot, api, eventsUrl } = await startSlackBot({ SHUTDOWN_TIMEOUT_MS: '200' });
    const held = api.holdNext('chat.postMessage');
    await mention(eventsUrl, 'shutdown-secret');
    await held.reached;
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(await bot.logged('shutdown deadline passed with commands in flight; disconnecting anyway')).toMatchObject({ level: 40, abandoned: 1, timeoutMs: 200 });
    expect(messagesOf(bot)).toContain('question log closed');
    held.release();
  });

  it('a second signal exits at once, without waiting for the reply in flight', async () => {
    standIn = await startDiscordStandIn();
    bot = await startWholeBot(discordEnv(standIn));
    await bot.logged('adapter started');
    const held = standIn.state.holdNextCallback();
    const inFlight = await standIn.slash('ask', { question: 'Who is Tommy Robinson?' });
    await held.reached;
    bot.child.kill('SIGTERM');
    await bot.logged('shutting down: no new commands; finishing those in flight');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(143);
    expect(inFlight.log.events).toEqual([]);
    held.release();
  });
});
