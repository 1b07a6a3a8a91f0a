// Interactions Discord itself would never send, at the bot as npm start runs it, over the
// gateway and over HTTP interactions: unknown commands, missing, over-long and mistyped
// options, unknown and malformed custom ids. Each gets a message only the sender sees; the
// process stays up and answers the next question. Over HTTP, requests that are no signed
// interaction at all get the right status instead.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../../src/core/conversation/interactions.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import { startTs, type Background } from '../../helpers/background-node.js';
import { startDiscordStandIn, type DiscordStandIn, type Exchange, type Reply, type StoredMessage } from '../../helpers/discord-stand-in/index.js';
import { postSigned, type HttpReply } from '../../helpers/discord-stand-in/sign.js';
import { hostileText } from '../../helpers/hostile-strings.js';
import { freePort } from '../../helpers/long-running.js';

const TOKEN = 'hostile-discord-test-token.abc123';
const COMMAND = 2;
const COMPONENT = 3;
const MODAL_SUBMIT = 5;
const STRING = 3;

type Transport = 'gateway' | 'http';

let standIn: DiscordStandIn;
let bot: Background;
let answer: StoredMessage;
let interactionsUrl: string;

/** Fails at once, with what the bot printed, if it exits instead of answering. */
function unlessExited<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    bot.exited.then((code): never => {
      throw new Error(`npm start exited with ${code}:\n${bot.output().stderr}`);
    }),
  ]);
}
const replyTo = async (sent: Promise<Exchange>): Promise<Reply> => unlessExited((await unlessExited(sent)).reply());

const COMMON = { DISCORD_APPLICATION_ID: '1', DISCORD_GUILD_ID: '', SLACK_BOT_TOKEN: '', KNOWLEDGE_DIR: 'knowledge', QUESTION_LOG: 'off', RATE_LIMIT_QUESTIONS: '1000' };

async function startBot(transport: Transport): Promise<void> {
  standIn = await startDiscordStandIn({ token: TOKEN, applicationId: '1' });
  if (transport === 'gateway') {
    bot = startTs('src/index.ts', { ...COMMON, DISCORD_TOKEN: TOKEN, DISCORD_PUBLIC_KEY: '', DISCORD_API_URL: standIn.apiUrl });
    return;
  }
  const port = await freePort();
  interactionsUrl = `http://127.0.0.1:${port}/discord/interactions`;
  bot = startTs('src/index.ts', { ...COMMON, DISCORD_TOKEN: '', DISCORD_PUBLIC_KEY: standIn.publicKey, DISCORD_HTTP_HOST: '127.0.0.1', DISCORD_HTTP_PORT: String(port), DISCORD_API_URL: standIn.apiUrl });
  // Ready once it answers Discord's PING, as the Developer Portal checks.
  const ping = JSON.stringify({ id: '1', application_id: '1', type: 1, token: 'ping', version: 1 });
  for (;;) {
    const pong = await unlessExited(postSigned(interactionsUrl, ping, { signer: standIn.signer }).catch(() => undefined));
    if (pong?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  standIn.deliverOverHttp(interactionsUrl);
}

async function expectStillAnswering(): Promise<void> {
  const reply = await replyTo(standIn.slash('ask', { question: 'Who is Jess Phillips?' }));
  expect(reply.ephemeral).toBe(false);
  expect(reply.message.embeds[0].fields[0].name).toMatch(/^paragraph \d+/);
}

const ask = (options: { name: string; type: number; value: unknown }[]) => ({ name: 'ask', type: 1, guild_id: '100000000000000001', options });
const press = (customId: string) => ({ custom_id: customId, component_type: 2 });

describe.each<Transport>(['gateway', 'http'])('hostile interactions at a running Discord bot, over %s', (transport) => {
  beforeAll(async () => {
    await startBot(transport);
    answer = (await replyTo(standIn.slash('ask', { question: 'Who is Tommy Robinson?' }))).message;
  });
  afterAll(async () => {
    await bot?.stop('SIGKILL');
    await standIn?.close();
  });

  it.each<[string, () => Promise<Exchange>, string]>([
    ['a command it does not have', () => standIn.slash('frobnicate', { question: 'x' }), MESSAGES.unknownCommand('frobnicate')],
    ['/ask without its question', () => standIn.interact(COMMAND, ask([])), MESSAGES.declineEmpty],
    ['/ask with an option of another name', () => standIn.interact(COMMAND, ask([{ name: 'query', type: STRING, value: 'Who is Tommy Robinson?' }])), MESSAGES.declineEmpty],
    ['/ask with a question of 10,000 characters', () => standIn.slash('ask', { question: 'Why? '.repeat(2_000) }), MESSAGES.declineTooLong(300)],
    ['/ask with a question of emoji and lone surrogates only', () => standIn.slash('ask', { question: '😀\uD800👍🏽\uDFFF🇬🇧' }), MESSAGES.declineEmpty],
    ['/ask with a number where the question belongs', () => standIn.interact(COMMAND, ask([{ name: 'question', type: 4, value: 42 }])), MESSAGES.optionNotText('question')],
    ['/ask with a question declared as text whose value is a number', () => standIn.interact(COMMAND, ask([{ name: 'question', type: STRING, value: 42 }])), MESSAGES.optionNotText('question')],
    ['a button from another app', () => standIn.press(answer, 'someone-elses-button'), MESSAGES.unknownAction],
    ['a button whose custom id is cut short', () => standIn.press(answer, 'sb:vote:up:'), MESSAGES.unknownAction],
    ['a vote that is neither up nor down', () => standIn.press(answer, 'sb:vote:sideways:who-is-tommy-robinson'), MESSAGES.unknownAction],
    ['a pick naming a path instead of an entry', () => standIn.press(answer, 'sb:pick:../../knowledge/entries'), MESSAGES.unknownAction],
    ['a custom id of 500 characters', () => standIn.press(answer, `sb:pick:${'a'.repeat(492)}`), MESSAGES.unknownAction],
    ['a custom id with control characters and a lone surrogate', () => standIn.press(answer, 'sb:pick:\u0000\uD800'), MESSAGES.unknownAction],
    ['an empty custom id', () => standIn.press(answer, ''), MESSAGES.unknownAction],
    ['a pick of an entry that does not exist', () => standIn.press(answer, 'sb:pick:no-such-entry'), MESSAGES.entryGone],
    ['the related menu with nothing chosen', () => standIn.choose(answer, 'related', []), MESSAGES.unknownAction],
    ['the related menu with a value that is no action', () => standIn.choose(answer, 'related', ['drop table entries']), MESSAGES.unknownAction],
    ['a vote on a message the bot never sent', () => standIn.press({ id: '999', channel_id: '100000000000000002', flags: 0 }, 'sb:vote:up:who-is-tommy-robinson'), MESSAGES.voteNotRecorded],
    ['a form submission it never asked for', () => standIn.interact(MODAL_SUBMIT, { custom_id: 'modal', components: [] }), MESSAGES.unknownAction],
  ])('answers %s with a message only the sender sees, and answers the next question', async (_, send, words) => {
    const reply = await replyTo(send());
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toContain(words);
    await expectStillAnswering();
  });

  it('answers a button with any custom id at all privately, with a refusal unless the id is one of its own', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileText.map((t) => t.slice(0, 120)), fc.string({ unit: fc.constantFrom('s', 'b', ':', 'v', 'o', 't', 'e', 'u', 'p', 'i', 'c', 'k', '-', 'a') })), async (customId) => {
        const reply = await replyTo(standIn.press(answer, customId));
        expect(reply.ephemeral || decodeAction(customId)?.type === 'pick').toBe(true);
        if (!decodeAction(customId)) expect(reply.message.content).toBe(MESSAGES.unknownAction);
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('offers only choices Discord accepts, whatever is typed into /ask', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (typed) => {
        const choices = await unlessExited((await unlessExited(standIn.autocomplete('ask', 'question', typed))).choices());
        expect(choices.length).toBeLessThanOrEqual(25);
      }),
      { seed: 43, numRuns: 25 },
    );
  });

  // Requests that are no signed interaction at all exist only over HTTP.
  if (transport === 'http') {
    it.each<[string, () => Promise<HttpReply>, number]>([
      ['a request without a signature', () => postSigned(interactionsUrl, '{"type":2}', { signer: standIn.signer, signature: null }), 401],
      ['a forged signature', () => postSigned(interactionsUrl, '{"type":2}', { signer: standIn.signer, signature: '0'.repeat(128) }), 401],
      ['a replayed request signed an hour ago', () => postSigned(interactionsUrl, '{"type":2}', { signer: standIn.signer, timestamp: Math.floor(Date.now() / 1000) - 3600 }), 401],
      ['a signed body cut off mid-JSON', () => postSigned(interactionsUrl, '{"type":2,"data":{"name":"ask"', { signer: standIn.signer }), 400],
      ['a signed JSON array', () => postSigned(interactionsUrl, '[1,2,3]', { signer: standIn.signer }), 400],
      ['a signed body of 2 MB', () => postSigned(interactionsUrl, `{"type":2,"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`, { signer: standIn.signer }), 413],
    ])('answers %s with %i over HTTP, and answers the next question', async (_, send, status) => {
      expect((await unlessExited(send())).status).toBe(status);
      await expectStillAnswering();
    });
  }

  it('never sent Discord anything it refused, stayed up, and kept every token out of its output', async () => {
    expect(standIn.state.rejections).toEqual([]);
    expect(bot.child.exitCode).toBeNull();
    await expectStillAnswering();
    const { stdout, stderr } = bot.output();
    // The bot token (on the gateway) and the interactions' tokens: each lets anyone act as the bot.
    expect(stdout + stderr).not.toContain('interaction-token-');
    if (transport === 'gateway') expect(stdout + stderr).not.toContain(TOKEN);
    // Nothing failed: the two mistyped options were told so, and logged as warnings that
    // name the type sent, never the value.
    const lines = (stdout + stderr).split('\n');
    expect(lines.filter((line) => line.includes('"level":50'))).toEqual([]);
    const mistyped = lines.filter((line) => line.includes('option of the wrong type'));
    expect(mistyped).toHaveLength(2);
    expect(mistyped.join('\n')).toContain('must be text (String) but was sent as Integer');
    expect(mistyped.join('\n')).toContain('is declared as text (String) but its value is a number');
  });
});
