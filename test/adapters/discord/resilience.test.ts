// What must not break the bot: the gateway going away, slow work, a handler that throws,
// buttons it does not know, answers too long for Discord, and a token Discord refuses.
import { afterEach, describe, expect, it } from 'vitest';
import { AdapterStartError } from '../../../src/adapters/adapter.js';
import type { Answered } from '../../../src/core/answering/answer.js';
import type { KnowledgeStore } from '../../../src/core/knowledge/store.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import type { Recorder } from '../../../src/core/answering/recorder.js';
import { ADMIN, type DiscordStandIn } from '../../helpers/discord-stand-in/index.js';
import { startTestBot, type TestBot } from '../../helpers/discord-bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  if (!bot) return;
  expect(bot.standIn.state.rejections).toEqual([]);
  await bot.stop();
  bot = undefined;
});

async function expectAnswer(standIn: DiscordStandIn): Promise<void> {
  const reply = await (await standIn.slash('ask', { question: 'Who is Tommy Robinson?' })).reply();
  expect(reply.message.embeds[0].fields[0].name).toContain('paragraph 13');
}

describe('the Discord gateway going away', () => {
  it.each([
    ['closes the socket with 4000 (unknown error)', 'resumes', (s: DiscordStandIn) => s.gateway.drop(4000)],
    ['asks the bot to reconnect (opcode 7)', 'resumes', (s: DiscordStandIn) => s.gateway.requestReconnect()],
    ['closes the socket normally (1000)', 'identifies', (s: DiscordStandIn) => s.gateway.drop(1000)],
    [
      'closes the socket and has forgotten the session',
      'identifies',
      (s: DiscordStandIn) => {
        s.gateway.forgetSessions();
        s.gateway.drop(4000);
      },
    ],
  ])('when the gateway %s, the bot %s again and still answers', async (_, how, disrupt) => {
    bot = await startTestBot();
    await expectAnswer(bot.standIn);
    const before = { ...bot.standIn.gateway.stats };
    disrupt(bot.standIn);
    await expectAnswer(bot.standIn);
    const after = bot.standIn.gateway.stats;
    expect(after.connections).toBeGreaterThan(before.connections);
    if (how === 'resumes') expect([after.resumes, after.identifies]).toEqual([before.resumes + 1, before.identifies]);
    else expect(after.identifies).toBe(before.identifies + 1);
    expect(bot.adapter.connected()).toBe(true);
  });

  it('speaks plain v10 JSON, heartbeats and gets its heartbeats acknowledged', async () => {
    bot = await startTestBot({ heartbeatIntervalMs: 1000 });
    while (bot.standIn.gateway.stats.heartbeats < 2) await new Promise((resolve) => bot!.standIn.gateway.once('heartbeat', resolve));
    expect(bot.standIn.gateway.stats.queries).toEqual(['v=10&encoding=json']);
    // Two beats on one connection: an unacknowledged first beat would have made it reconnect.
    expect(bot.standIn.gateway.stats.connections).toBe(1);
    await expectAnswer(bot.standIn);
  });
});

describe('replies that take longer', () => {
  it.each([
    ['/ask', 'ask', { question: 'Who is Tommy Robinson?' }, false],
    ['/reload', 'reload', {}, true],
    // Deferred in public as an ordinary command, then replaced by a private follow-up.
    ['/about', 'about', {}, true],
  ])('%s is acknowledged at once and its reply delivered afterwards with the right visibility', async (_, name, options, ephemeral) => {
    bot = await startTestBot({ deferAfterMs: 0 });
    const exchange = await bot.standIn.slash(name, options, ADMIN);
    const reply = await exchange.reply();
    expect(reply.deferred).toBe(true);
    expect(reply.ephemeral).toBe(ephemeral);
    expect(reply.message.embeds).toHaveLength(1);
    expect(reply.message.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('a handler that throws', () => {
  const failing: Recorder = {
    recordQuestion: () => {
      throw new Error('the question log is unavailable');
    },
    recordVote: () => 'not-recorded',
  };

  it.each([
    ['before replying', { ctx: { recorder: failing } }, 0, 'the question log is unavailable'],
    ['after deferring in public', { ctx: { recorder: failing }, deferAfterMs: 0 }, 0, 'the question log is unavailable'],
    ['because Discord refused its reply', {}, 1, 'rejected by the stand-in'],
  ])('%s still tells the person, only them, that something went wrong, and logs it once', async (_, options, refusals, cause) => {
    bot = await startTestBot(options);
    bot.standIn.state.callbacksToReject = refusals;
    const exchange = await bot.standIn.slash('ask', { question: 'Who is Tommy Robinson?' });
    const reply = await exchange.reply();
    expect(reply).toMatchObject({ ephemeral: true, message: { content: MESSAGES.somethingWentWrong } });
    const failure = await bot.logged((line) => line.msg === 'discord interaction failed');
    expect(failure).toMatchObject({ level: 50, interaction: { command: 'ask' } });
    expect(failure.err.message).toContain(cause);
    expect(failure.replyFailed).toBeUndefined();

    // Later work is answered and logs nothing more at error level: the failure was logged once.
    await expect(bot.standIn.slash('about').then((e) => e.reply())).resolves.toMatchObject({ ephemeral: true });
    expect(bot.logs.filter((line) => line.level >= 50)).toHaveLength(1);
    // An interaction's token lets anyone answer as the bot; it must not reach the log.
    expect(JSON.stringify(bot.logs)).not.toContain(exchange.log.payload.token);
    expect(bot.standIn.state.rejections).toHaveLength(refusals);
    bot.standIn.state.rejections.length = 0;
  });
});

describe('buttons and menus the bot does not know', () => {
  it.each([
    ['a malformed vote', 'button', 'sb:vote:maybe:who-is-tommy-robinson', MESSAGES.unknownAction],
    ['a custom id from elsewhere', 'button', 'someone-elses-button', MESSAGES.unknownAction],
    ['a question no longer in the knowledge base', 'button', 'sb:pick:no-such-entry', MESSAGES.entryGone],
    ['an unknown menu', 'menu', 'not-the-related-menu', MESSAGES.unknownAction],
  ])('answers %s with a message only the presser sees, and keeps answering', async (_, kind, customId, text) => {
    bot = await startTestBot();
    const answer = await (await bot.standIn.slash('ask', { question: 'Who is Tommy Robinson?' })).reply();
    const exchange = kind === 'button' ? await bot.standIn.press(answer.message, customId) : await bot.standIn.choose(answer.message, customId, ['sb:pick:what-is-edl']);
    await expect(exchange.reply()).resolves.toMatchObject({ ephemeral: true, message: { content: text } });
    await expectAnswer(bot.standIn);
  });

  it('answers a command it no longer has with a message only the asker sees', async () => {
    bot = await startTestBot();
    const reply = await (await bot.standIn.slash('frobnicate')).reply();
    expect(reply).toMatchObject({ ephemeral: true, message: { content: MESSAGES.unknownCommand('frobnicate') } });
  });
});

describe('an answer longer than Discord allows', () => {
  const long = 'The story says so at length. '.repeat(400);
  const overLong = (question: string): Answered => ({
    kind: 'answer',
    answered: true,
    strength: 'likely',
    question,
    answer: long,
    citations: Array.from({ length: 30 }, (_, i) => ({ source: 's', paragraph: i + 1, quote: `*${'quoted words '.repeat(120)}*`, published: '2025-01-03' })),
    confidence: 0.9,
    entry: { id: 'long-entry', question },
    related: Array.from({ length: 40 }, (_, i) => ({ id: `related-${i}`, question: `${'A very long related question '.repeat(8)}${i}?` })),
    asOf: '2025-01-03',
  });

  it('is trimmed to fit every limit instead of failing', async () => {
    bot = await startTestBot();
    // The real store, with only its answer made longer than any knowledge file may hold.
    const store = Object.create(bot.ctx.store, { ask: { value: (q: string) => overLong(q) } }) as KnowledgeStore;
    bot.ctx.store = store;
    const reply = await (await bot.standIn.slash('ask', { question: `Tell me everything ${'please '.repeat(40)}` })).reply();
    const [embed] = reply.message.embeds;
    const total = [embed.title, embed.description, embed.footer.text, ...embed.fields.flatMap((f: any) => [f.name, f.value])].join('').length;
    expect(embed.description.length).toBeLessThanOrEqual(4096);
    expect(embed.description.endsWith('…')).toBe(true);
    expect(embed.title.length).toBeLessThanOrEqual(256);
    expect(embed.fields.length).toBeLessThanOrEqual(25);
    for (const field of embed.fields) expect(field.value.length).toBeLessThanOrEqual(1024);
    expect(total).toBeLessThanOrEqual(6000);
    expect(embed.footer.text).toContain('as of 2025-01-03');
    const menu = reply.message.components[1].components[0];
    expect(menu.options).toHaveLength(25);
    for (const option of menu.options) expect(option.label.length).toBeLessThanOrEqual(100);
  });
});

describe('starting with a token Discord refuses', () => {
  it('fails with a coded error that does not contain the token', async () => {
    const started = startTestBot({ token: 'wrong-secret-token' });
    await expect(started).rejects.toBeInstanceOf(AdapterStartError);
    const error = (await started.catch((e: unknown) => e)) as AdapterStartError;
    expect(error.code).toBe('token-rejected');
    expect(error.message).toContain('rejected DISCORD_TOKEN');
    expect(error.message).not.toContain('wrong-secret-token');
  });
});
