// A delivery sent again reaches the bot through its real HTTP entry points, and is taken once:
// a Slack mention retried with X-Slack-Retry-Num, and a signed Discord interaction replayed
// within its signature window. With Redis the repeat goes to the other replica, as a load
// balancer may send it; in one process, to the same one.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/answering/command.js';
import type { QuestionRecord, Recorder } from '../../src/core/answering/recorder.js';
import type { SharedState } from '../../src/core/answering/shared-state.js';
import { TokenBucketLimiter } from '../../src/core/answering/token-bucket.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { memoryState } from '../../src/state/memory.js';
import { openRedisState } from '../../src/state/redis.js';
import { userHasher } from '../../src/storage/user-hash.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { startTestBot, type TestBot } from '../helpers/discord-bot.js';
import { MEMBER } from '../helpers/discord-stand-in/index.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';
import { startRedis, type RedisServer } from '../helpers/services/redis-server.js';
import { textsOf } from '../helpers/slack-stand-in/read-message.js';
import { JSON_TYPE, slackSignature } from '../helpers/slack-stand-in/sign.js';
import { SIGNING_SECRET, startSlackBot, type BotUnderTest } from '../helpers/slack-stand-in/slack-bot.js';
import { BOT_USER_ID } from '../helpers/slack-stand-in/web-api.js';

/** Questions each person may ask per window: enough for what a test asks, not one more. */
const ALLOWANCE = 2;

let redis: RedisServer;
let store: KnowledgeStore;
beforeAll(async () => {
  [redis, store] = await Promise.all([startRedis(), KnowledgeStore.open(REAL_KNOWLEDGE)]);
});
afterAll(() => redis?.close());

const running: { stop?(): Promise<void>; close?(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await (item.stop ?? item.close)!.call(item);
});

type Backend = 'memory' | 'redis';

/** Each replica's shared state: its own in memory, or one Redis for all. */
async function stateFor(backend: Backend, name: string): Promise<SharedState> {
  const state =
    backend === 'memory'
      ? memoryState(store, new TokenBucketLimiter({ capacity: ALLOWANCE, windowSeconds: 600 }))
      : await openRedisState({ url: redis.url, store, rateLimit: { questions: ALLOWANCE, windowSeconds: 600 }, retentionDays: 1, hash: userHasher('test-secret'), logger: captureLogger().logger, replicaId: `${name}-${Date.now()}` });
  running.push(state);
  return state;
}

function recording() {
  const questions: QuestionRecord[] = [];
  const recorder: Recorder = { recordQuestion: (q) => void questions.push(q), recordVote: () => 'recorded' };
  return { questions, recorder };
}

function ctxOf(state: SharedState, recorder: Recorder): Partial<CommandContext> {
  return { recorder, limiter: state.limiter, deliveries: state.deliveries };
}

async function postEvent(bot: BotUnderTest, body: string, retry: number): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(bot.eventsUrl, {
    method: 'POST',
    headers: {
      'content-type': JSON_TYPE,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
      ...(retry > 0 ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
    body,
  });
  await response.text();
  return response.status;
}

describe.each<Backend>(['memory', 'redis'])('with %s shared state', (backend) => {
  it('answers and logs a Slack mention once, however many times Slack retries it', async () => {
    const log = recording();
    const bots: BotUnderTest[] = [];
    for (const name of backend === 'redis' ? ['a', 'b'] : ['only']) {
      const bot = await startSlackBot({ recorder: log.recorder, ctx: ctxOf(await stateFor(backend, name), log.recorder) });
      running.push(bot);
      bots.push(bot);
    }
    const ts = '1736100000.000100';
    const mention = JSON.stringify({
      token: 'verification-token-unused', team_id: 'T0NEWS', api_app_id: 'A0STORY', type: 'event_callback', event_id: 'Ev0RETRIED01', event_time: 1736100000,
      authorizations: [{ team_id: 'T0NEWS', user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false, enterprise_id: null }],
      event: { type: 'app_mention', user: 'URETRY01', text: `<@${BOT_USER_ID}> who is Tommy Robinson?`, ts, channel: 'C0DESK', event_ts: ts },
    });
    const answers = () => bots.flatMap((bot) => bot.api.calls.items.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts));
    expect(await postEvent(bots[0]!, mention, 0)).toBe(200);
    await bots[0]!.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
    // Slack's three retries, spread over the replicas as a load balancer would.
    for (const retry of [1, 2, 3]) expect(await postEvent(bots[retry % bots.length]!, mention, retry)).toBe(200);
    // A later mention answered by every replica: the retries before it have been handled by then.
    for (const [i, bot] of bots.entries()) {
      const later = `1736100001.00010${i}`;
      await postEvent(bot, mention.replaceAll(ts, later).replace('Ev0RETRIED01', `Ev0LATER0${i}`).replace('URETRY01', `ULATER0${i}`), 0);
      await bot.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === later);
    }
    expect(answers()).toHaveLength(1);
    expect(textsOf(answers()[0]!.args)).toContain('*Question:* Who is Tommy Robinson?');
    expect(log.questions.filter((q) => q.userId === 'URETRY01')).toHaveLength(1);
  });

  it('answers a signed Discord interaction once, and its replay neither answers nor spends the asker\'s allowance', async () => {
    const log = recording();
    const first = await startTestBot({ transport: 'http', ctx: ctxOf(await stateFor(backend, 'a'), log.recorder) });
    running.push(first);
    const second = backend === 'redis' ? await startTestBot({ transport: 'http', sharedStandIn: first.standIn, ctx: ctxOf(await stateFor(backend, 'b'), log.recorder) }) : first;
    if (second !== first) running.push(second);
    const { standIn } = first;

    standIn.deliverOverHttp(first.interactionsUrl!);
    const asked = await standIn.slash('ask', { question: 'Who is Tommy Robinson?' });
    expect((await asked.reply()).message.embeds[0].fields[0].name).toMatch(/^paragraph \d+/);

    // The same signed request again, well inside the 300 s window, to the other replica.
    standIn.deliverOverHttp(second.interactionsUrl!);
    const replay = await standIn.deliver(asked.log.payload);
    expect(replay.http?.status).toBe(400);
    expect(standIn.state.requests.filter((r) => r.route.includes(asked.log.payload.token))).toEqual([]);
    expect(log.questions.filter((q) => q.userId === MEMBER.id)).toHaveLength(1);
    await second.logged((line) => line.msg === 'discord interaction delivered again: already taken, not answered twice');

    // The allowance is two: the replay did not take the second one.
    const next = await (await standIn.slash('ask', { question: 'Who is Jess Phillips?' })).reply();
    expect(next.message.embeds[0].fields[0].name).toMatch(/^paragraph \d+/);
    const third = await (await standIn.slash('ask', { question: 'Who is Keir Starmer?' })).reply();
    const seconds = Number(/wait (\d+) second/.exec(String(third.message.content))?.[1]);
    expect(third.message.content).toBe(MESSAGES.rateLimited(seconds));
  });
});

describe('in Socket Mode', () => {
  it('answers an event once though Slack delivers it again over the socket', async () => {
    const log = recording();
    const bot = await startSlackBot({ socketMode: true, recorder: log.recorder, ctx: ctxOf(await stateFor('memory', 'socket'), log.recorder) });
    running.push(bot);
    const ts = '1736300000.000100';
    const dm = { type: 'message', channel_type: 'im', channel: 'D0REPORT1', user: 'USOCKET01', text: 'Who is Tommy Robinson?', ts, event_ts: ts };
    // The same envelope payload, so the same event_id, twice.
    await bot.event(dm);
    await bot.event(dm);
    const later = '1736300001.000100';
    await bot.event({ ...dm, user: 'USOCKET02', channel: 'D0SOCKET2', ts: later, event_ts: later });
    await bot.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'D0SOCKET2');
    await bot.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'D0REPORT1');
    expect(bot.api.calls.items.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    expect(log.questions.filter((q) => q.userId === 'USOCKET01')).toHaveLength(1);
  });
});
