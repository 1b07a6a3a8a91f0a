// The ledger of deliveries already taken (Slack event ids, Discord interaction ids) behaves the
// same in one process and in Redis; in Redis it is one for all replicas, and an outage falls
// back to each replica's own memory instead of letting every repeat through.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryLedger } from '../../src/core/answering/shared-state.js';
import { TokenBucketLimiter } from '../../src/core/answering/token-bucket.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { memoryDeliveries } from '../../src/state/memory-deliveries.js';
import { memoryState } from '../../src/state/memory.js';
import { redisDeliveries } from '../../src/state/redis-deliveries.js';
import { openRedisState } from '../../src/state/redis.js';
import { userHasher } from '../../src/storage/user-hash.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';
import { startRedis, type RedisServer } from '../helpers/services/redis-server.js';

let redis: RedisServer;
let store: KnowledgeStore;
beforeAll(async () => {
  [redis, store] = await Promise.all([startRedis(), KnowledgeStore.open(REAL_KNOWLEDGE)]);
});
afterAll(() => redis?.close());

const opened: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
  if (redis) {
    await redis.start(); // Back, if a test took it down.
    const client = new Redis(redis.url);
    await client.flushall();
    client.disconnect();
  }
});

async function replica(name: string): Promise<DeliveryLedger> {
  const state = await openRedisState({ url: redis.url, store, rateLimit: { questions: 5, windowSeconds: 60 }, retentionDays: 1, hash: userHasher('test-secret'), logger: captureLogger().logger, replicaId: name });
  opened.push(state);
  return state.deliveries;
}

describe.each<[string, () => Promise<DeliveryLedger>]>([
  ['in memory (one process)', async () => memoryState(store, new TokenBucketLimiter({ capacity: 5, windowSeconds: 60 })).deliveries],
  ['in Redis', () => replica('only')],
])('the delivery ledger %s', (_, open) => {
  it('takes an id the first time and calls it a repeat after that', async () => {
    const ledger = await open();
    expect(await ledger.first('slack', 'Ev0AAA')).toBe(true);
    expect(await ledger.first('slack', 'Ev0AAA')).toBe(false);
    expect(await ledger.first('slack', 'Ev0AAA')).toBe(false);
  });

  it('keeps each platform and each id apart', async () => {
    const ledger = await open();
    expect(await ledger.first('slack', '1234')).toBe(true);
    expect(await ledger.first('discord', '1234')).toBe(true);
    expect(await ledger.first('discord', '1235')).toBe(true);
    expect(await ledger.first('discord', '1234')).toBe(false);
  });

  it('keeps an overlong id as its digest, still once', async () => {
    const ledger = await open();
    const long = 'x'.repeat(100_000);
    expect(await ledger.first('slack', long)).toBe(true);
    expect(await ledger.first('slack', long)).toBe(false);
    expect(await ledger.first('slack', `${long}y`)).toBe(true);
  });

  it('takes only one of the same id delivered at once', async () => {
    const ledger = await open();
    const taken = await Promise.all(Array.from({ length: 20 }, () => ledger.first('discord', '987654321')));
    expect(taken.filter(Boolean)).toHaveLength(1);
  });
});

describe('the delivery ledger in Redis, with replicas', () => {
  it('calls a retry that reaches another replica a repeat', async () => {
    const [a, b] = await Promise.all([replica('a'), replica('b')]);
    expect(await a.first('slack', 'Ev0RETRY')).toBe(true);
    expect(await b.first('slack', 'Ev0RETRY')).toBe(false);
    expect(await b.first('discord', '4000000001')).toBe(true);
    expect(await a.first('discord', '4000000001')).toBe(false);
  });

  it('keeps ids under the platform and id alone, for the time given, never a user id', async () => {
    const client = new Redis(redis.url);
    opened.push({ close: () => void client.disconnect() });
    const ledger = redisDeliveries(client, 'storybot:', { keepMs: 300 });
    expect(await ledger.first('slack', 'Ev0KEPT')).toBe(true);
    expect(await ledger.first('discord', 'z'.repeat(65))).toBe(true);
    expect((await client.keys('*')).sort()).toEqual(['storybot:delivery:discord:' + createHash('sha256').update('z'.repeat(65)).digest('hex'), 'storybot:delivery:slack:Ev0KEPT']);
    const ttl = await client.pttl('storybot:delivery:slack:Ev0KEPT');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it('still stops the repeats that come back to the same replica while Redis is down', async () => {
    const a = await replica('a');
    await redis.stop();
    expect(await a.first('slack', 'Ev0OUTAGE')).toBe(true);
    expect(await a.first('slack', 'Ev0OUTAGE')).toBe(false);
  });

  it('does not take again, once Redis is back, an id this replica took while it was down', async () => {
    const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 });
    client.on('error', () => undefined);
    opened.push({ close: () => void client.disconnect() });
    const ledger = redisDeliveries(client, 'storybot:');
    await redis.stop();
    expect(await ledger.first('slack', 'Ev0BETWEEN')).toBe(true);
    await redis.start();
    await new Promise<void>((resolve) => (client.status === 'ready' ? resolve() : client.once('ready', () => resolve())));
    expect(await ledger.first('slack', 'Ev0BETWEEN')).toBe(false);
  });
});

describe('the delivery ledger in memory', () => {
  it('forgets an id once its time is up', async () => {
    let now = 0;
    const ledger = memoryDeliveries({ keepMs: 1_000, now: () => now });
    expect(await ledger.first('slack', 'Ev0OLD')).toBe(true);
    now = 999;
    expect(await ledger.first('slack', 'Ev0OLD')).toBe(false);
    now = 1_001;
    expect(await ledger.first('slack', 'Ev0NEW')).toBe(true);
    expect(ledger.size).toBe(1);
    expect(await ledger.first('slack', 'Ev0OLD')).toBe(true);
  });

  it('is bounded: past its cap the oldest ids go first', async () => {
    const ledger = memoryDeliveries({ maxIds: 3 });
    for (const id of ['1', '2', '3', '4']) expect(await ledger.first('discord', id)).toBe(true);
    expect(ledger.size).toBe(3);
    expect(await ledger.first('discord', '4')).toBe(false);
    expect(await ledger.first('discord', '1')).toBe(true);
  });
});
