// Turns kept in this process: a map with an expiry per turn, bounded so that a flood of
// conversations cannot grow it without limit (the oldest written go first). Map keeps
// insertion order, and a turn written again moves to the end, so the first key is the oldest.
import type { Turn, TurnStore } from '../core/conversation/turns.js';

export const MEMORY_TURNS_DEFAULTS = Object.freeze({
  /** About 300 bytes each: a few megabytes at most. */
  maxTurns: 20_000,
});

export function memoryTurns(options: { maxTurns?: number; now?: () => number } = {}): TurnStore & { readonly size: number } {
  const max = options.maxTurns ?? MEMORY_TURNS_DEFAULTS.maxTurns;
  const now = options.now ?? Date.now;
  const turns = new Map<string, { turn: Turn; until: number }>();
  return {
    get size() {
      return turns.size;
    },
    async get(key) {
      const kept = turns.get(key);
      if (!kept) return undefined;
      if (kept.until > now()) return kept.turn;
      turns.delete(key);
      return undefined;
    },
    async put(key, turn, ttlMs) {
      turns.delete(key);
      turns.set(key, { turn, until: now() + ttlMs });
      while (turns.size > max) turns.delete(turns.keys().next().value!);
    },
  };
}
