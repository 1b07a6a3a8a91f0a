// A redis-server that freezes (SIGSTOP) with the bot's connections open: nothing is refused,
// nothing answers. The bot must notice, show it in storybot_redis_connected, say it once,
// stop waiting on Redis for each question, and use Redis again once it resumes (SIGCONT).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Turn } from '../../src/core/conversation/turns.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { Metrics } from '../../src/ops/metrics.js';
import { RunStatus } from '../../src/ops/run-status.js';
import { openRedisState, REDIS_DEFAULTS, type RedisState } from '../../src/state/redis.js';
import { userHasher } from '../../src/storage/user-hash.js';
import { captureLogger, LEVEL } from '../helpers/capture-logger.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';
import { startRedis, waitUntil, type RedisServer } from '../helpers/services/redis-server.js';

let redis: RedisServer;
let state: RedisState | undefined;
beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  redis?.thaw();
  await state?.close();
  state = undefined;
});
afterAll(() => redis?.close());

const ASKED = 'What did Musk say about the frozen server?';
const turn: Turn = { question: ASKED, asked: ASKED, entryId: 'who-is-tommy-robinson', names: ['robinson'], confidence: 0.96, strength: 'exact', at: Date.now() };

describe('a frozen Redis', () => {
  it('is noticed, skipped at once while frozen, said once without question text, and used again once it resumes', { timeout: 60_000 }, async () => {
    const log = captureLogger();
    const opened = await openRedisState({
      url: redis.url,
      store: await KnowledgeStore.open(REAL_KNOWLEDGE),
      rateLimit: { questions: 100, windowSeconds: 60 },
      retentionDays: 90,
      hash: userHasher('frozen-test'),
      logger: log.logger,
      replicaId: 'frozen',
    });
    state = opened;
    const status = new RunStatus();
    status.redis = opened;
    const metrics = new Metrics(status);
    const gauge = async () => (await metrics.registry.getSingleMetricAsString('storybot_redis_connected')).split('\n').find((l) => l.startsWith('storybot_redis_connected '));
    await waitUntil(async () => opened.connected(), 10_000, () => undefined);
    expect(await gauge()).toBe('storybot_redis_connected 1');
    await opened.turns.put('conversation', turn, 60_000);

    redis.freeze();
    try {
      await waitUntil(async () => !opened.connected(), 10_000, () => undefined);
      expect(await gauge()).toBe('storybot_redis_connected 0');
      // What a question uses of Redis (its allowance, its context, a vote) no longer waits
      // for a command to time out: the fallbacks decide at once.
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        expect(await opened.limiter.take('slack', 'U1')).toEqual({ ok: true });
        expect(await opened.turns.get('conversation')).toBeUndefined();
        expect(await opened.votes!.claim('slack', 'U1', 'what-is-edl')).toBeUndefined();
        expect(performance.now() - started).toBeLessThan(REDIS_DEFAULTS.commandTimeoutMs);
      }
      const errors = log.lines.filter((l) => l.level === LEVEL.error);
      expect(errors).toEqual([expect.objectContaining({ msg: expect.stringMatching(/^redis unreachable/) })]);
    } finally {
      redis.thaw();
    }
    await waitUntil(async () => opened.connected(), 10_000, () => undefined);
    expect(await gauge()).toBe('storybot_redis_connected 1');
    expect(await opened.turns.get('conversation')).toEqual(turn);
    expect(await opened.votes!.claim('slack', 'U1', 'what-is-edl')).toBe(true);
    expect(log.lines.filter((l) => String(l.msg).startsWith('redis reachable again'))).toHaveLength(1);
    expect(log.text()).not.toContain(ASKED);
  });
});
