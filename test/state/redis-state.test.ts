// Shared state on a real redis-server: two replicas in one process, each with its own
// knowledge store and its own connections, as two StoryBot processes would have.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeStore, type ReloadReport } from '../../src/core/knowledge/store.js';
import { openRedisState, type RedisState } from '../../src/state/redis.js';
import { userHasher } from '../../src/storage/user-hash.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { copyOfRealKnowledge, entryYaml } from '../helpers/knowledge-dir.js';
import { startRedis, waitUntil, type RedisServer } from '../helpers/services/redis-server.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

const opened: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
  // Each test starts from an empty Redis: limits, votes and the reload generation.
  if (redis) await withClient((c) => c.flushall());
});

async function withClient<T>(work: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(redis.url);
  client.on('error', () => undefined);
  opened.push({ close: () => void client.disconnect() });
  return work(client);
}

interface Replica {
  state: RedisState;
  store: KnowledgeStore;
  reloads: ReloadReport[];
  log: ReturnType<typeof captureLogger>;
}

async function replica(name: string, options: { dir?: string; questions?: number; answerWaitMs?: number } = {}): Promise<Replica> {
  const store = await KnowledgeStore.open(options.dir ?? (await copyOfRealKnowledge()));
  const reloads: ReloadReport[] = [];
  store.onReload((report) => reloads.push(report));
  const log = captureLogger();
  const state = await openRedisState({
    url: redis.url,
    store,
    rateLimit: { questions: options.questions ?? 3, windowSeconds: 60 },
    retentionDays: 90,
    hash: userHasher('test-secret'),
    logger: log.logger,
    replicaId: name,
    answerWaitMs: options.answerWaitMs,
    countReplicasEveryMs: 200,
  });
  opened.push(state);
  return { state, store, reloads, log };
}

const NEW_ENTRY = entryYaml('who-is-the-new-person', 'Who is the newly added person?');

describe('rate limits shared through Redis', () => {
  it('hold one allowance per person across replicas, and leave other people alone', async () => {
    const [a, b] = [await replica('a'), await replica('b')];
    expect(await a.state.limiter.take('slack', 'U1')).toEqual({ ok: true });
    expect(await b.state.limiter.take('slack', 'U1')).toEqual({ ok: true });
    expect(await a.state.limiter.take('slack', 'U1')).toEqual({ ok: true });
    const refused = await b.state.limiter.take('slack', 'U1');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(await b.state.limiter.take('slack', 'U2')).toEqual({ ok: true });
    expect(await b.state.limiter.take('discord', 'U1')).toEqual({ ok: true });
  });

  it('keep no user id in Redis, only the keyed hash', async () => {
    const a = await replica('a');
    await a.state.limiter.take('slack', 'URAWUSERID');
    await a.state.votes!.claim('slack', 'URAWUSERID', 'what-is-edl');
    const keys = await withClient((c) => c.keys('*'));
    expect(keys.some((k) => k.startsWith('storybot:limit'))).toBe(true);
    expect(keys.some((k) => k.startsWith('storybot:vote:'))).toBe(true);
    expect(keys.join(' ')).not.toContain('URAWUSERID');
  });

  it('still hold while Redis is down, each replica allowing its share, and are shared again once it is back', async () => {
    const [a, b] = [await replica('a', { questions: 4 }), await replica('b', { questions: 4 })];
    const counted = (r: Replica) => r.log.lines.some((l) => l.msg.startsWith('replicas counted') && l.replicas === 2);
    await waitUntil(async () => counted(a) && counted(b), 10_000, () => undefined);
    await redis.stop();
    try {
      await waitUntil(async () => !a.state.connected() && !b.state.connected(), 10_000, () => undefined);
      const onA = [];
      for (let i = 0; i < 4; i++) onA.push((await a.state.limiter.take('slack', 'U1')).ok);
      expect(onA).toEqual([true, true, false, false]);
      expect((await b.state.limiter.take('slack', 'U1')).ok).toBe(true);
      expect(a.log.lines.map((l) => l.msg)).toContainEqual(expect.stringMatching(/^redis unreachable/));
    } finally {
      await redis.start();
    }
    await waitUntil(async () => a.state.connected() && b.state.connected(), 15_000, () => undefined);
    const shared = [];
    for (let i = 0; i < 5; i++) shared.push((await (i % 2 ? b : a).state.limiter.take('slack', 'U9')).ok);
    expect(shared).toEqual([true, true, true, true, false]);
    expect(a.log.lines.some((l) => l.msg.startsWith('redis reachable again'))).toBe(true);
  });
});

describe('reloads broadcast through Redis', () => {
  it('reload every replica, each from its own files, and say how many did', async () => {
    const dir = await copyOfRealKnowledge();
    const [a, b] = [await replica('a', { dir }), await replica('b', { dir })];
    await writeFile(path.join(dir, 'entries', 'new.yaml'), NEW_ENTRY);
    const report = await a.state.reloads.reloadEverywhere();
    expect(report).toMatchObject({ ok: true, added: ['who-is-the-new-person'], replicas: { replicas: 2, reloaded: 2, refused: 0, silent: 0, reached: true } });
    expect(b.reloads).toHaveLength(1);
    expect(b.store.ask('Who is the newly added person?')).toMatchObject({ answered: true, entry: { id: 'who-is-the-new-person' } });
  });

  it('count a replica whose files fail their checks as refused, and that replica keeps serving what it had', async () => {
    const [goodDir, badDir] = [await copyOfRealKnowledge(), await copyOfRealKnowledge()];
    const [a, b] = [await replica('a', { dir: goodDir }), await replica('b', { dir: badDir })];
    await writeFile(path.join(goodDir, 'entries', 'new.yaml'), NEW_ENTRY);
    await writeFile(path.join(badDir, 'entries', 'new.yaml'), NEW_ENTRY.replace('contempt of court', 'contempt of the senate'));
    const before = b.store.current();
    const report = await a.state.reloads.reloadEverywhere();
    expect(report.replicas).toEqual({ replicas: 2, reloaded: 1, refused: 1, silent: 0, reached: true });
    expect(b.reloads[0]).toMatchObject({ ok: false, keptPrevious: true });
    expect(b.store.current()).toBe(before);
    expect(b.store.current().index.entry('who-is-the-new-person')).toBeUndefined();
  });

  it('count a replica that does not answer in time as silent', async () => {
    const a = await replica('a', { answerWaitMs: 300 });
    // A subscriber that never answers stands for a replica stuck or gone mid-reload.
    const mute = await withClient(async (c) => (await c.subscribe('storybot:reload:ask'), c));
    expect(mute.status).toBe('ready');
    const report = await a.state.reloads.reloadEverywhere();
    expect(report.replicas).toEqual({ replicas: 2, reloaded: 1, refused: 0, silent: 1, reached: true });
  });

  it('reload the replica asked even while Redis is down, and say the others were not reached', async () => {
    const a = await replica('a');
    await redis.stop();
    try {
      await waitUntil(async () => !a.state.connected(), 10_000, () => undefined);
      const report = await a.state.reloads.reloadEverywhere();
      expect(report).toMatchObject({ ok: true, replicas: { replicas: 1, reloaded: 1, reached: false } });
      expect(a.reloads).toHaveLength(1);
    } finally {
      await redis.start();
    }
  });

  it('catch up on a broadcast missed while cut off from Redis, once reconnected', async () => {
    const b = await replica('b');
    await waitUntil(async () => b.state.connected(), 5_000, () => undefined);
    // A broadcast that never reached b, then b's connections drop and come back.
    await withClient(async (c) => {
      await c.incr('storybot:reload:generation');
      await c.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    });
    await waitUntil(async () => b.reloads.length === 1, 10_000, () => undefined);
    expect(b.log.lines.some((l) => l.msg.startsWith('a reload was broadcast while Redis was unreachable'))).toBe(true);
  });
});

describe('the vote ledger in Redis', () => {
  it('takes one vote per person per entry across replicas, gives a claim back, and cannot tell while Redis is down', async () => {
    const [a, b] = [await replica('a'), await replica('b')];
    expect(await a.state.votes!.claim('slack', 'U1', 'what-is-edl')).toBe(true);
    expect(await b.state.votes!.claim('slack', 'U1', 'what-is-edl')).toBe(false);
    expect(await b.state.votes!.claim('slack', 'U1', 'who-is-tommy-robinson')).toBe(true);
    expect(await b.state.votes!.claim('slack', 'U2', 'what-is-edl')).toBe(true);
    await a.state.votes!.release('slack', 'U1', 'what-is-edl');
    expect(await b.state.votes!.claim('slack', 'U1', 'what-is-edl')).toBe(true);
    await redis.stop();
    try {
      await waitUntil(async () => !a.state.connected(), 10_000, () => undefined);
      expect(await a.state.votes!.claim('slack', 'U3', 'what-is-edl')).toBeUndefined();
    } finally {
      await redis.start();
    }
  });
});
