// Turns in Redis, shared by the replicas: a follow-up, a "Why this answer?" or a Share may
// reach a replica other than the one that answered. Each turn is one JSON string with its
// own expiry. Keys name conversations and replies by ids the platforms made up (a thread's
// timestamp, a channel id, a random reply id), never by a user id. When Redis cannot answer,
// a question is simply read without its context, as it would be after the context expired.
import type { Redis } from 'ioredis';
import { isTurn, type Turn, type TurnStore } from '../core/conversation/turns.js';
import type { RedisHealth } from './redis-health.js';

/** Without health, every command is tried (and waits out its timeout when Redis is frozen). */
export function redisTurns(client: Redis, keyPrefix: string, health?: RedisHealth): TurnStore {
  const key = (name: string) => `${keyPrefix}turn:${name}`;
  return {
    async get(name) {
      if (health && !health.usable()) return undefined;
      try {
        const text = await client.get(key(name));
        if (text === null) return undefined;
        const turn: unknown = JSON.parse(text);
        return isTurn(turn) ? turn : undefined;
      } catch (error) {
        health?.failed(error);
        return undefined;
      }
    },
    async put(name, turn: Turn, ttlMs) {
      if (health && !health.usable()) return;
      await client.set(key(name), JSON.stringify(turn), 'PX', Math.max(1, Math.round(ttlMs))).catch((error: unknown) => health?.failed(error));
    },
  };
}
