// The Discord adapter: a discord.js client on the gateway, whose listeners turn interactions
// into shared commands and render the replies. DISCORD_API_URL goes to discord.js's own
// `rest.api` option, and the gateway address is then discovered from it (GET /gateway/bot).
import { Client, DiscordjsErrorCodes, Events, GatewayIntentBits, Status, type RESTOptions } from 'discord.js';
import { TokenBucketLimiter } from '../../core/answering/token-bucket.js';
import { AdapterStartError, type Adapter, type AdapterDeps } from '../adapter.js';
import { registerListeners } from './listeners/index.js';

export interface DiscordAdapterOptions extends AdapterDeps {
  token: string;
  applicationId: string;
  /** REST base such as https://discord.com/api; discord.js's default when absent. */
  apiUrl?: string;
  deferAfterMs?: number;
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

export function restOptions(apiUrl: string | undefined): Partial<RESTOptions> {
  // Only when set: an explicit undefined would replace discord.js's default address.
  return apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {};
}

export function createDiscordAdapter(options: DiscordAdapterOptions): Adapter {
  const { logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: restOptions(options.apiUrl),
    allowedMentions: { parse: [] },
  });
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    // The app's intake sees it too: shutdown waits for the whole exchange, reply included.
    options.ctx.intake?.track(work);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const completions = new TokenBucketLimiter(DISCORD_DEFAULTS.completions);
  registerListeners(client, { ctx: options.ctx, logger, deferAfterMs: options.deferAfterMs ?? DISCORD_DEFAULTS.deferAfterMs, completions }, track);

  return {
    name: 'discord',
    async start() {
      const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
      try {
        await client.login(options.token);
      } catch (error) {
        throw startError(error, options.apiUrl);
      }
      const me = await ready;
      if (me.application.id !== options.applicationId) {
        logger.warn({ tokenApplication: me.application.id, configured: options.applicationId }, 'DISCORD_APPLICATION_ID is not the application of DISCORD_TOKEN; deploy:discord would register the commands elsewhere');
      }
      logger.info({ user: me.user.tag, application: me.application.id }, 'discord connected');
    },
    async stop() {
      await Promise.allSettled([...inFlight]);
      // Closing our own connection is not a reconnect worth logging.
      client.removeAllListeners(Events.ShardReconnecting);
      await client.destroy();
    },
    connected: () => client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready),
  };
}

function startError(error: unknown, apiUrl: string | undefined): AdapterStartError {
  const where = apiUrl ?? 'Discord';
  if (error instanceof Error && 'code' in error && error.code === DiscordjsErrorCodes.TokenInvalid) {
    return new AdapterStartError('discord', 'token-rejected', `${where} rejected DISCORD_TOKEN. Copy a new one from the Developer Portal (Bot, Reset Token).`, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new AdapterStartError('discord', 'unreachable', `Could not connect to ${where}: ${reason}`, { cause: error });
}
