// How interactions reach the bot: the one thing the gateway and HTTP interactions do
// differently. Each transport delivers every interaction's raw payload with a way to send
// its first response; reading it, answering it, editing and following up are the same for
// both (listeners/, reply.ts), and the rest of the bot never knows which transport it has.
import type { REST } from 'discord.js';
import type { ShardState } from '../../adapter.js';
import type { FirstResponse } from '../reply.js';

/**
 * Handles one interaction; resolves once the whole exchange is over (a deferred reply's
 * edit included), so that shutdown can wait for it. `arrivedAt` (performance.now()) is when
 * the transport received it, when earlier than the call.
 */
export type Receive = (payload: unknown, first: FirstResponse, arrivedAt?: number) => Promise<void>;

export interface DiscordTransport {
  readonly mode: 'gateway' | 'http';
  /** For edits and follow-ups, through the interaction's webhook (no bot token needed). */
  readonly rest: REST;
  /** Resolves once interactions can arrive: the gateway is connected, or the port listens. */
  start(receive: Receive): Promise<void>;
  /**
   * Stops taking interactions and lets go of the connection or the port, letting the work
   * still in flight finish first.
   */
  stop(inFlight: Promise<unknown>): Promise<void>;
  connected(): boolean;
  shards(): readonly ShardState[];
}
