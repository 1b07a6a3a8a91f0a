// What replicas of the bot must agree on: each person's rate limit, knowledge reloads, who
// has already voted on what, and the conversations a follow-up may come back to. One process keeps these to itself (state/memory.ts);
// several replicas share them through Redis (state/redis.ts). The core sees only this port.
import type { RateLimiter } from './command.js';
import type { ReloadReport, ReplicaTally } from '../knowledge/store.js';
import type { Platform } from './recorder.js';
import type { TurnStore } from '../conversation/turns.js';

export type { ReplicaTally };

/** Reloads the knowledge base on every replica, each loading and checking the files itself. */
export interface ReloadFanout {
  /** This replica's own report, with how the others fared in `replicas` when there are others to ask. */
  reloadEverywhere(): Promise<ReloadReport>;
}

export interface VoteLedger {
  /**
   * Claims a person's one vote on an entry: true the first time, false after that, and
   * undefined when the ledger cannot tell (it is unreachable): the question log decides then.
   */
  claim(platform: Platform, userId: string, entryId: string): Promise<boolean | undefined>;
  /** Gives a claim back, for a vote that was not recorded after all. Never rejects. */
  release(platform: Platform, userId: string, entryId: string): Promise<void>;
}

/**
 * Platform deliveries already taken: a Slack event retried (X-Slack-Retry-Num) or a signed
 * Discord interaction replayed inside its signature window carries the id of the first one,
 * and may reach another replica, so the ids seen are shared where the replicas are.
 */
export interface DeliveryLedger {
  /** True the first time a platform's delivery id is seen (within the time kept), false for a repeat. Never rejects. */
  first(platform: Platform, deliveryId: string): Promise<boolean>;
}

export interface SharedState {
  readonly kind: 'memory' | 'redis';
  readonly limiter: RateLimiter;
  readonly reloads: ReloadFanout;
  /** Absent in one process, where the question log's own (person, entry) key is the ledger. */
  readonly votes?: VoteLedger;
  /** Slack event ids and Discord interaction ids already taken, for retries and replays. */
  readonly deliveries: DeliveryLedger;
  /** Each conversation's last answer, and each answer by reply id, with their expiry. */
  readonly turns: TurnStore;
  /** Whether the replicas can be reached; always so for one process. */
  connected(): boolean;
  close(): Promise<void>;
}
