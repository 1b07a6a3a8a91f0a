// One process keeps to itself what replicas would share: each person's allowance is a token
// bucket in memory, a reload is this process's own, and the question log's (person, entry)
// key is the only vote ledger needed; conversations and the deliveries already taken are remembered here too. What the bot did before REDIS_URL existed.
import type { RateLimiter } from '../core/answering/command.js';
import type { SharedState } from '../core/answering/shared-state.js';
import type { KnowledgeStore } from '../core/knowledge/store.js';
import { memoryDeliveries } from './memory-deliveries.js';
import { memoryTurns } from './memory-turns.js';

export function memoryState(store: Pick<KnowledgeStore, 'reload'>, limiter: RateLimiter): SharedState {
  return {
    kind: 'memory',
    limiter,
    reloads: { reloadEverywhere: () => store.reload() },
    turns: memoryTurns(),
    deliveries: memoryDeliveries(),
    connected: () => true,
    close: async () => undefined,
  };
}
