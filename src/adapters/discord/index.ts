// The Discord adapter: a transport that brings interactions in (the gateway, or signed HTTP
// requests when DISCORD_PUBLIC_KEY is set), and the listeners that turn them into shared
// commands and render the replies. Which transport it has, nothing outside this folder knows.
import type { DiscordTransportConfig } from '../../config.js';
import { TokenBucketLimiter } from '../../core/answering/token-bucket.js';
import type { Adapter, AdapterDeps } from '../adapter.js';
import { onInteraction } from './listeners/index.js';
import { gatewayTransport } from './transport/gateway.js';
import { httpInteractionsTransport } from './transport/http-interactions.js';
import type { DiscordTransport, Receive } from './transport/port.js';

export interface DiscordAdapterOptions extends AdapterDeps {
  applicationId: string;
  /** REST base such as https://discord.com/api; discord.js's default when absent. */
  apiUrl?: string;
  transport: DiscordTransportConfig;
  deferAfterMs?: number;
  /** DISCORD_ANSWER_VISIBILITY: answers to /ask go to the channel unless said otherwise. */
  visibility?: 'ephemeral' | 'in_channel';
}

export const DISCORD_DEFAULTS = Object.freeze({
  // Discord drops an interaction after 3 s; this leaves time for the deferral itself.
  deferAfterMs: 1500,
  /**
   * Discord sends an autocomplete request per keystroke. Typing a long question takes a few
   * dozen; a script sending thousands only gets empty lists past this.
   */
  completions: Object.freeze({ capacity: 30, windowSeconds: 10 }),
});

export function createTransport(options: DiscordAdapterOptions): DiscordTransport {
  const { transport, logger, apiUrl } = options;
  return transport.mode === 'http'
    ? httpInteractionsTransport({ publicKey: transport.publicKey, host: transport.host, port: transport.port, apiUrl, logger })
    : gatewayTransport({ token: transport.token, shards: transport.shards, applicationId: options.applicationId, apiUrl, logger });
}

/** The transport may be given, made by createTransport, for whoever needs to reach it (a test, for the port it listens on). */
export function createDiscordAdapter(options: DiscordAdapterOptions, transport: DiscordTransport = createTransport(options)): Adapter {
  const completions = new TokenBucketLimiter(DISCORD_DEFAULTS.completions);
  const deps = { ctx: options.ctx, logger: options.logger, deferAfterMs: options.deferAfterMs ?? DISCORD_DEFAULTS.deferAfterMs, visibility: options.visibility ?? 'in_channel', completions };
  const inFlight = new Set<Promise<void>>();
  const receive: Receive = (payload, first, arrivedAt) => {
    const work = onInteraction(payload, first, transport.rest, deps, arrivedAt);
    // The app's intake sees it too: shutdown waits for the whole exchange, reply included.
    options.ctx.intake?.track(work);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  };

  return {
    name: 'discord',
    start: () => transport.start(receive),
    stop: () => transport.stop(Promise.allSettled([...inFlight])),
    connected: () => transport.connected(),
    shards: () => transport.shards(),
  };
}
