// Shared state in Redis (REDIS_URL), for several replicas: rate limits, reload broadcasts,
// the vote ledger, follow-up context and the deliveries already taken, on ioredis. Redis going away never stops an answer:
// commands fail at once instead of queueing (the insurance limiter and the question log
// decide meanwhile, and questions are read without their context), ioredis reconnects on
// its own, and the outage and the recovery are logged once each. A server that freezes with
// its connection open is found by redis-health.ts, and skipped the same way until it answers.
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Platform } from '../core/answering/recorder.js';
import type { SharedState, VoteLedger } from '../core/answering/shared-state.js';
import type { KnowledgeStore } from '../core/knowledge/store.js';
import type { Logger } from '../logger.js';
import type { UserHasher } from '../storage/user-hash.js';
import { redisDeliveries } from './redis-deliveries.js';
import { RedisRateLimiter } from './redis-limiter.js';
import { RedisReloadFanout } from './redis-reloads.js';
import { watchRedis, type RedisHealth } from './redis-health.js';
import { redisTurns } from './redis-turns.js';

export const REDIS_DEFAULTS = Object.freeze({
  keyPrefix: 'storybot:',
  /** A command slower than this fails, and the fallback decides: an answer never waits longer. */
  commandTimeoutMs: 500,
  connectTimeoutMs: 2_000,
  /** How long start-up waits for Redis before carrying on without it (ioredis keeps trying). */
  startWaitMs: 3_000,
  /** How often the replicas are counted, for each one's share of the limit while Redis is down. */
  countReplicasEveryMs: 10_000,
});

export interface RedisStateOptions {
  url: string;
  store: Pick<KnowledgeStore, 'reload'>;
  rateLimit: { questions: number; windowSeconds: number };
  /** Votes are remembered as long as the question log keeps them. */
  retentionDays: number;
  hash: UserHasher;
  logger: Logger;
  onLimited?: (platform: Platform) => void;
  answerWaitMs?: number;
  /** This process among the replicas; host and pid unless given (tests run several in one). */
  replicaId?: string;
  countReplicasEveryMs?: number;
}

export interface RedisState extends SharedState {
  readonly kind: 'redis';
}

export async function openRedisState(options: RedisStateOptions): Promise<RedisState> {
  const { logger } = options;
  const client = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_DEFAULTS.commandTimeoutMs,
    connectTimeout: REDIS_DEFAULTS.connectTimeoutMs,
  });
  // Subscriptions asked for while disconnected wait for the connection instead of failing.
  const subscriber = client.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
  const health = watchRedis(client, logger);
  // The command connection reports outages; the subscriber's errors are the same ones.
  subscriber.on('error', () => undefined);

  const keyPrefix = REDIS_DEFAULTS.keyPrefix;
  const replicaId = options.replicaId ?? `${hostname()}:${process.pid}`;
  const limiter = new RedisRateLimiter({ client, keyPrefix, ...options.rateLimit, hash: options.hash, logger, onLimited: options.onLimited, health });
  const reloads = new RedisReloadFanout({ store: options.store, client, subscriber, keyPrefix, replicaId, logger, answerWaitMs: options.answerWaitMs });
  const votes = redisVoteLedger(client, keyPrefix, options.hash, options.retentionDays, health);

  const ready = client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', () => resolve()));
  const reachable = await settlesWithin(Promise.all([ready, reloads.subscribe()]), REDIS_DEFAULTS.startWaitMs);
  if (reachable) logger.info({ replica: replicaId }, 'redis connected: rate limits, reloads and votes are shared with the other replicas');
  else logger.warn('redis is not reachable at start-up; carrying on with this replica alone until it is');

  const countReplicas = async () => {
    try {
      const [, subscribers] = (await client.pubsub('NUMSUB', reloads.askChannel)) as [string, number];
      limiter.shareAmong(Number(subscribers));
    } catch {
      // Unreachable: the last count stands, which is what the insurance limiter needs.
    }
  };
  await countReplicas();
  const counting = setInterval(() => void countReplicas(), options.countReplicasEveryMs ?? REDIS_DEFAULTS.countReplicasEveryMs).unref();

  return {
    kind: 'redis',
    limiter,
    reloads,
    votes,
    turns: redisTurns(client, keyPrefix, health),
    deliveries: redisDeliveries(client, keyPrefix, { health }),
    // Connected and answering: a frozen server keeps its socket, and is not counted as up.
    connected: () => health.usable(),
    async close() {
      clearInterval(counting);
      health.close();
      // Nothing in Redis waits on this replica's writes; a plain disconnect cannot hang.
      subscriber.disconnect();
      client.disconnect();
    },
  };
}

function redisVoteLedger(client: Redis, keyPrefix: string, hash: UserHasher, retentionDays: number, health: RedisHealth): VoteLedger {
  const key = (platform: Platform, userId: string, entryId: string) => `${keyPrefix}vote:${hash(platform, userId)}:${entryId}`;
  const seconds = Math.round(retentionDays * 24 * 60 * 60);
  return {
    async claim(platform, userId, entryId) {
      if (!health.usable()) return undefined;
      try {
        return (await client.set(key(platform, userId, entryId), '1', 'EX', seconds, 'NX')) === 'OK';
      } catch (error) {
        health.failed(error);
        return undefined;
      }
    },
    async release(platform, userId, entryId) {
      await client.del(key(platform, userId, entryId)).catch(() => undefined);
    },
  };
}

async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([work.then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}
