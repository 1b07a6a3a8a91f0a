// Turns kept in this process, each until its expiry, bounded so that a flood of
// conversations cannot grow them without limit. Turns live for different times (a
// conversation's last answer for FOLLOW_UP_MINUTES, a reply for a day), so when the bound is
// reached an expired turn goes first, however recently it was written; only when none has
// expired does the oldest written go. Turns are queued by how long they are kept: in each
// queue, the first written is the first to expire, so finding an expired one never means
// scanning them all. (Map keeps insertion order, and a turn written again moves to the end.)
import type { Turn, TurnStore } from '../core/conversation/turns.js';

export const MEMORY_TURNS_DEFAULTS = Object.freeze({
  /**
   * About 500 bytes each (`npm run bench -- memory`: 47 MiB of heap at the bound). A reply
   * is kept its full day while fewer answers than this come in a day; beyond, use REDIS_URL.
   */
  maxTurns: 100_000,
});

interface Kept {
  turn: Turn;
  until: number;
  /** Order of writing, across queues. */
  seq: number;
}

export function memoryTurns(options: { maxTurns?: number; now?: () => number } = {}): TurnStore & { readonly size: number } {
  const max = options.maxTurns ?? MEMORY_TURNS_DEFAULTS.maxTurns;
  const now = options.now ?? Date.now;
  const queues = new Map<number, Map<string, Kept>>();
  let size = 0;
  let seq = 0;

  const remove = (key: string) => {
    for (const queue of queues.values()) if (queue.delete(key)) size--;
  };
  const first = (queue: Map<string, Kept>) => queue.entries().next().value as [string, Kept] | undefined;

  /** The expired turn at the head of a queue if there is one, else the oldest written. */
  const dropOne = (at: number) => {
    let oldest: [Map<string, Kept>, string, number] | undefined;
    for (const queue of queues.values()) {
      const head = first(queue);
      if (!head) continue;
      if (head[1].until <= at) {
        queue.delete(head[0]);
        size--;
        return;
      }
      if (!oldest || head[1].seq < oldest[2]) oldest = [queue, head[0], head[1].seq];
    }
    if (!oldest) return;
    oldest[0].delete(oldest[1]);
    size--;
  };

  return {
    get size() {
      return size;
    },
    async get(key) {
      for (const queue of queues.values()) {
        const kept = queue.get(key);
        if (!kept) continue;
        if (kept.until > now()) return kept.turn;
        queue.delete(key);
        size--;
      }
      return undefined;
    },
    async put(key, turn, ttlMs) {
      const at = now();
      remove(key);
      let queue = queues.get(ttlMs);
      if (!queue) queues.set(ttlMs, (queue = new Map()));
      queue.set(key, { turn, until: at + ttlMs, seq: seq++ });
      size++;
      while (size > max) dropOne(at);
    },
  };
}
