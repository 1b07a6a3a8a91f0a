// The shared state the settings ask for: Redis with REDIS_URL, this process alone without.
import type { Config } from '../config.js';
import type { SharedState } from '../core/answering/shared-state.js';
import type { KnowledgeStore } from '../core/knowledge/store.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ops/metrics.js';
import { countRefusals, meteredRateLimiter } from '../ops/rate-limit.js';
import type { UserHasher } from '../storage/user-hash.js';
import { memoryState } from './memory.js';
import { openRedisState } from './redis.js';

export interface StateDeps {
  store: Pick<KnowledgeStore, 'reload'>;
  metrics: Pick<Metrics, 'rateLimited'>;
  logger: Logger;
  /** Made only when Redis needs it: without USER_HASH_SECRET, the key is a file in DATA_DIR. */
  hash: () => UserHasher;
}

export async function openSharedState(config: Config, deps: StateDeps): Promise<SharedState> {
  const { store, metrics, logger } = deps;
  if (!config.redisUrl) return memoryState(store, meteredRateLimiter(config.rateLimit, metrics, logger));
  return openRedisState({
    url: config.redisUrl,
    store,
    rateLimit: config.rateLimit,
    retentionDays: config.data.retentionDays,
    hash: deps.hash(),
    logger,
    onLimited: countRefusals(metrics, logger),
  });
}
