// Follow-up context in Redis, on a real redis-server: what one replica keeps, another finds;
// turns expire on their own; and while Redis is down a question is only read without its
// context, never failed.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { askerKey, keepTurn, previousTurn, type Conversations } from '../../src/core/conversation/conversations.js';
import type { Turn } from '../../src/core/conversation/turns.js';
import { redisTurns } from '../../src/state/redis-turns.js';
import { startRedis, waitUntil, type RedisServer } from '../helpers/services/redis-server.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

const clients: Redis[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  if (redis) {
    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();
  }
});

/** One replica's connection, set up as state/redis.ts sets it up: fail at once rather than queue. */
function replica(): Redis {
  const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 });
  client.on('error', () => undefined);
  clients.push(client);
  return client;
}

async function ready(client: Redis): Promise<Redis> {
  await waitUntil(async () => client.status === 'ready', 10_000, () => undefined);
  return client;
}

const turn: Turn = { question: 'Who is Tommy Robinson?', asked: 'Who is Tommy Robinson?', entryId: 'who-is-tommy-robinson', names: ['robinson'], confidence: 0.96, strength: 'exact', at: Date.now() };

describe('turns in Redis', () => {
  it('are found by another replica: a follow-up may reach either', async () => {
    const a: Conversations = { store: redisTurns(await ready(replica()), 'storybot:'), followUpMs: 60_000 };
    const b: Conversations = { store: redisTurns(await ready(replica()), 'storybot:'), followUpMs: 60_000 };
    const replyId = await keepTurn(a, { key: 'slack:C1:1.2' }, { ...turn, at: Date.now() });
    expect(await previousTurn(b, { key: 'slack:C1:1.2' })).toMatchObject({ entryId: 'who-is-tommy-robinson', names: ['robinson'] });
    expect(await previousTurn(b, { after: replyId! })).toMatchObject({ entryId: 'who-is-tommy-robinson' });
  });

  it('expire in Redis itself, and keep no user id in their keys', async () => {
    const client = await ready(replica());
    const store = redisTurns(client, 'storybot:');
    await store.put('talk:slack:C1:1.2', turn, 150);
    expect(await client.pttl('storybot:turn:talk:slack:C1:1.2')).toBeGreaterThan(0);
    await waitUntil(async () => (await store.get('talk:slack:C1:1.2')) === undefined, 5_000, () => undefined);
    expect(await client.exists('storybot:turn:talk:slack:C1:1.2')).toBe(0);
  });

  it('carry who asked only as a hash, with the title, the quote check and earlier names a follow-up needs', async () => {
    const client = await ready(replica());
    const store = redisTurns(client, 'storybot:');
    const kept: Turn = { ...turn, title: 'Quote check: 18-month jail term', check: true, by: askerKey('slack', 'UREPORT01'), earlier: ['musk'], readFromOthers: true, followedTitle: 'Who is Jess Phillips?', followed: 'who-is-jess-phillips' };
    await store.put('reply:0123456789abcdef', kept, 60_000);
    expect(await store.get('reply:0123456789abcdef')).toEqual(kept);
    expect(await client.get('storybot:turn:reply:0123456789abcdef')).not.toContain('UREPORT01');
    await client.set('storybot:turn:reply:fedcba9876543210', JSON.stringify({ ...kept, by: 42 }));
    expect(await store.get('reply:fedcba9876543210')).toBeUndefined();
  });

  it('ignore what is not a turn, as another version of the bot might have written', async () => {
    const client = await ready(replica());
    await client.set('storybot:turn:talk:x', '{"entryId": 7}');
    await client.set('storybot:turn:talk:y', 'not json');
    const store = redisTurns(client, 'storybot:');
    expect(await store.get('talk:x')).toBeUndefined();
    expect(await store.get('talk:y')).toBeUndefined();
  });

  it('read as nothing while Redis is down, and writing them does not fail, so every question is still answered', async () => {
    const client = await ready(replica());
    const store = redisTurns(client, 'storybot:');
    await store.put('talk:kept', turn, 60_000);
    await redis.stop();
    try {
      await waitUntil(async () => client.status !== 'ready', 10_000, () => undefined);
      expect(await store.get('talk:kept')).toBeUndefined();
      await expect(store.put('talk:new', turn, 60_000)).resolves.toBeUndefined();
    } finally {
      await redis.start();
    }
  });
});
