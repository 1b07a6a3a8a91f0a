// What the composition root needs from each platform adapter: start, stop, and whether it
// is connected, shard by shard where it has shards (for readiness and metrics).
import type { CommandContext } from '../core/answering/command.js';
import type { Logger } from '../logger.js';

export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  /** Stops taking new work; resolves once disconnected. */
  stop(): Promise<void>;
  connected(): boolean;
  /** Each gateway shard this adapter runs, for readiness and metrics; absent when it has none. */
  shards?(): readonly ShardState[];
}

export interface ShardState {
  id: number;
  /** The library's name for the shard's state, e.g. "ready", "resuming", "connecting". */
  status: string;
  ready: boolean;
  /** The last heartbeat's round trip, or null before the first one. */
  pingMs: number | null;
}

export interface AdapterDeps {
  ctx: CommandContext;
  logger: Logger;
}

/**
 * A platform refused the bot or could not be reached at start-up. The message is meant for
 * the person running the bot, and never holds a secret.
 */
export class AdapterStartError extends Error {
  constructor(
    readonly adapter: string,
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AdapterStartError';
  }
}
