// Every recorded payload in test/fixtures/payloads (README there names where each shape comes
// from), replayed signed against the bot's real HTTP entry points: Slack's events path in HTTP
// mode and Discord's interactions endpoint. Each is answered, ignored or acknowledged as a
// person would expect; and each event or interaction sent again (a Slack retry, a replay
// within Discord's signature window) is taken only once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionRecord, Recorder } from '../../src/core/answering/recorder.js';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { memoryDeliveries } from '../../src/state/memory-deliveries.js';
import { startTestBot, type TestBot } from '../helpers/discord-bot.js';
import { fixture, postToSlack as post, type Json } from '../helpers/recorded-payloads.js';
import type { ApiCall } from '../helpers/slack-stand-in/web-api.js';
import { textsOf } from '../helpers/slack-stand-in/read-message.js';
import { DM_CHANNEL, REPORTER, SIGNING_SECRET, startSlackBot, type BotUnderTest } from '../helpers/slack-stand-in/slack-bot.js';

function recording() {
  const questions: QuestionRecord[] = [];
  const recorder: Recorder = { recordQuestion: (q) => void questions.push(q), recordVote: () => 'recorded' };
  return { questions, recorder };
}

const postToSlack = (bot: BotUnderTest, payload: Json, retry = 0) => post(bot.eventsUrl, SIGNING_SECRET, payload, retry);
const messagesIn = (bot: BotUnderTest, channel: string) => bot.api.calls.items.filter((c) => c.method.startsWith('chat.') && c.args.channel === channel);

describe('recorded Slack payloads, signed, to the events path in HTTP mode', () => {
  const log = recording();
  let bot: BotUnderTest;
  let probes = 0;
  beforeAll(async () => {
    bot = await startSlackBot({ recorder: log.recorder, ctx: { deliveries: memoryDeliveries() } });
  });
  afterAll(() => bot?.stop());

  /**
   * Bolt acknowledges an event before its listener runs, so "nothing happened" is judged
   * after a later DM has been answered: the payload before it has been handled by then.
   */
  async function settled(): Promise<void> {
    const ts = `1800000000.${String(++probes).padStart(6, '0')}`;
    // Its own thread, so that its answer is told apart from every other.
    await bot.directMessage('Who is Tommy Robinson?', { ts, thread_ts: ts, user: 'UPROBE01' });
    await bot.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
  }

  const asked = (userId = REPORTER) => log.questions.filter((q) => q.userId === userId).map((q) => q.question);

  it.each([
    ['event-dm-message.json', 'Who is Tommy Robinson?', undefined],
    ['event-dm-file-share.json', 'Who is Jess Phillips?', undefined],
    ['event-dm-thread-broadcast.json', 'What is the English Defence League?', '1700000000.000100'],
  ])('answers %s in the DM, once, though Slack sends it again', async (file, question, thread) => {
    const payload = fixture(`slack/${file}`);
    const answered = (c: ApiCall) => c.method === 'chat.postMessage' && c.args.channel === DM_CHANNEL && c.args.thread_ts === thread && textsOf(c.args).includes(`*Question:* ${question}`);
    expect(await postToSlack(bot, payload)).toBe(200);
    await bot.api.calls.waitFor(answered);
    expect(await postToSlack(bot, payload, 1)).toBe(200);
    expect(await postToSlack(bot, payload, 2)).toBe(200);
    await settled();
    expect(bot.api.calls.items.filter(answered)).toHaveLength(1);
    expect(asked().filter((q) => q === question)).toHaveLength(1);
  });

  it('answers a DM holding only a file by asking for a question', async () => {
    const before = messagesIn(bot, DM_CHANNEL).length;
    expect(await postToSlack(bot, fixture('slack/event-dm-file-only.json'))).toBe(200);
    const reply = await bot.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === DM_CHANNEL && textsOf(c.args).includes(MESSAGES.declineEmpty));
    expect(reply.args.thread_ts).toBeUndefined();
    expect(messagesIn(bot, DM_CHANNEL).length).toBe(before + 1);
  });

  it('answers a mention that carries a file in a thread under it, once', async () => {
    const payload = fixture('slack/event-app-mention.json');
    const answered = (c: ApiCall) => c.method === 'chat.postMessage' && c.args.channel === 'C0DESK' && c.args.thread_ts === '1561776005.004000';
    expect(await postToSlack(bot, payload)).toBe(200);
    expect(textsOf((await bot.api.calls.waitFor(answered)).args)).toContain('*Question:* Who is Tommy Robinson?');
    expect(await postToSlack(bot, payload, 1)).toBe(200);
    await settled();
    expect(bot.api.calls.items.filter(answered)).toHaveLength(1);
  });

  it.each([
    ['event-dm-slackbot.json', 'USLACKBOT'],
    ['event-dm-slack-notice.json', 'USLACK'],
    ['event-message-changed.json', REPORTER],
  ])('ignores %s: no reply, and nothing in the question log', async (file, writer) => {
    const before = messagesIn(bot, DM_CHANNEL).length;
    const logged = log.questions.length;
    expect(await postToSlack(bot, fixture(`slack/${file}`))).toBe(200);
    await settled();
    // The probe's answer, and nothing else.
    expect(messagesIn(bot, DM_CHANNEL).length).toBe(before + 1);
    expect(log.questions.length).toBe(logged + 1);
    expect(log.questions.filter((q) => q.userId === writer && q.question.includes('removed'))).toEqual([]);
    expect(JSON.stringify(log.questions)).not.toContain('USLACK');
  });

  it('publishes the Home tab when it is opened, once for a retried event', async () => {
    const payload = fixture('slack/event-app-home-opened.json');
    expect(await postToSlack(bot, payload)).toBe(200);
    await bot.api.calls.waitFor((c) => c.method === 'views.publish' && c.args.user_id === REPORTER);
    expect(await postToSlack(bot, payload, 1)).toBe(200);
    await settled();
    expect(bot.api.calls.items.filter((c) => c.method === 'views.publish' && c.args.user_id === REPORTER)).toHaveLength(1);
  });

  it('tells the presser of a vote through response_url when the press has one', async () => {
    const payload = fixture('slack/action-vote-with-response-url.json', { response_url: bot.responses.url('recorded-vote') });
    expect(await postToSlack(bot, payload)).toBe(200);
    const told = await bot.responses.posts.waitFor((p) => p.id === 'recorded-vote');
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textsOf(told.body)).toEqual([MESSAGES.voteThanks]);
  });

  it('tells the presser ephemerally through the Web API when the press has no response_url', async () => {
    expect(await postToSlack(bot, fixture('slack/action-vote-without-response-url.json'))).toBe(200);
    const told = await bot.api.calls.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.user === REPORTER && c.args.channel === DM_CHANNEL);
    expect(textsOf(told.args)).toEqual([MESSAGES.voteThanks]);
    expect(told.args.thread_ts).toBeUndefined();
    expect(bot.logs.filter((l) => l.msg === 'slack listener failed')).toEqual([]);
  });

  it('tells the presser in the thread the button was in, when the press has no response_url', async () => {
    const payload = fixture('slack/action-vote-without-response-url.json');
    payload.message.thread_ts = '1600857000.000100';
    payload.user.id = 'UTHREAD01';
    expect(await postToSlack(bot, payload)).toBe(200);
    const told = await bot.api.calls.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.user === 'UTHREAD01');
    expect(told.args).toMatchObject({ channel: DM_CHANNEL, thread_ts: '1600857000.000100' });
    expect(textsOf(told.args)).toEqual([MESSAGES.voteThanks]);
  });

  it('tells the presser in their DM with the app when the press was on a view, with no channel', async () => {
    expect(await postToSlack(bot, fixture('slack/action-vote-on-home-view.json'))).toBe(200);
    const told = await bot.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === REPORTER);
    expect(textsOf(told.args)).toEqual([MESSAGES.voteThanks]);
    expect(bot.logs.filter((l) => l.msg === 'slack listener failed')).toEqual([]);
  });
});

describe('recorded Discord interactions, signed, to the interactions endpoint', () => {
  const log = recording();
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ transport: 'http', ctx: { recorder: log.recorder, deliveries: memoryDeliveries() } });
  });
  afterAll(() => bot?.stop());

  let tokens = 0;
  const filled = (file: string) => fixture(`discord/${file}`, { application_id: bot.standIn.applicationId, token: `recorded-token-${++tokens}` });

  it('acknowledges a PING with a PONG', async () => {
    const exchange = await bot.standIn.deliver(filled('ping.json'));
    expect(exchange.http).toMatchObject({ status: 200, json: { type: 1 } });
  });

  it.each([
    ['command-ask-in-server.json', 'Who is Tommy Robinson?', '300000000000000001'],
    ['command-ask-in-dm.json', 'Who is Jess Phillips?', '300000000000000003'],
  ])('answers %s from the story, and a replay of it not at all', async (file, question, userId) => {
    const payload = filled(file);
    const first = await bot.standIn.deliver(payload);
    expect(first.http?.status).toBe(200);
    expect((await first.reply()).message.embeds[0].fields[0].name).toMatch(/^paragraph \d+/);
    const replay = await bot.standIn.deliver(payload);
    expect(replay.http?.status).toBe(400);
    expect(log.questions.filter((q) => q.userId === userId && q.question === question)).toHaveLength(1);
  });

  it('offers autocomplete choices for recorded typing', async () => {
    const exchange = await bot.standIn.deliver(filled('autocomplete-ask.json'));
    expect(exchange.http?.status).toBe(200);
    expect((await exchange.choices()).length).toBeGreaterThan(0);
  });

  it('answers a recorded button press privately', async () => {
    const exchange = await bot.standIn.deliver(filled('button-vote.json'));
    const reply = await exchange.reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toBe(MESSAGES.voteThanks);
  });
});
