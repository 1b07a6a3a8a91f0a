// Interactions over the gateway: a discord.js client holds the WebSocket connection, one per
// shard (DISCORD_SHARDS: "auto" takes Discord's recommended count from GET /gateway/bot), and
// hands over each INTERACTION_CREATE as Discord sent it. The first response goes to the
// interaction's callback route, as discord.js itself would send it.
import { Client, DiscordjsErrorCodes, Events, GatewayDispatchEvents, GatewayIntentBits, Routes, Status, type ClientOptions } from 'discord.js';
import { AdapterStartError, type ShardState } from '../../adapter.js';
import type { Logger } from '../../../logger.js';
import { loggableError } from '../../../logger.js';
import { restOptions } from '../rest.js';
import type { DiscordTransport } from './port.js';

export interface GatewayOptions {
  token: string;
  applicationId: string;
  apiUrl?: string;
  shards: 'auto' | number;
  logger: Logger;
}

export function shardOptions(shards: 'auto' | number): Pick<ClientOptions, 'shards' | 'shardCount'> {
  return shards === 'auto' ? { shards: 'auto' } : { shards: Array.from({ length: shards }, (_, i) => i), shardCount: shards };
}

export function gatewayTransport(options: GatewayOptions): DiscordTransport {
  const { logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: restOptions(options.apiUrl),
    allowedMentions: { parse: [] },
    ...shardOptions(options.shards),
  });
  client.on(Events.Error, (error) => logger.error({ err: loggableError(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardReady, (shardId) => logger.info({ shardId }, 'discord shard ready'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ shardId, code: event.code }, 'discord gateway closed for good'));
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'discord gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'discord gateway resumed'));

  return {
    mode: 'gateway',
    rest: client.rest,
    async start(receive) {
      client.on(Events.Raw, (packet: { t?: string; d?: { id?: unknown; token?: unknown } }) => {
        if (packet.t !== GatewayDispatchEvents.InteractionCreate) return;
        const { id, token } = packet.d ?? {};
        void receive(packet.d, async (response) => {
          if (typeof id !== 'string' || typeof token !== 'string') throw new Error('an interaction without an id or a token cannot be answered');
          await client.rest.post(Routes.interactionCallback(id, token), { body: response, auth: false });
        });
      });
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
      logger.info({ user: me.user.tag, application: me.application.id, shards: client.ws.shards.size }, 'discord connected');
    },
    async stop(inFlight) {
      // Replies in flight still need the client's REST queue.
      await inFlight;
      // Closing our own connection is not a reconnect worth logging.
      client.removeAllListeners(Events.ShardReconnecting);
      await client.destroy();
    },
    connected: () => client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready),
    shards: () =>
      [...client.ws.shards.values()].map(
        (shard): ShardState => ({
          id: shard.id,
          status: statusName(shard.status),
          ready: shard.status === Status.Ready,
          pingMs: shard.ping >= 0 ? shard.ping : null,
        }),
      ),
  };
}

/** "WaitingForGuilds" -> "waiting-for-guilds", as a label reads. */
function statusName(status: Status): string {
  const name = (Status as unknown as Record<number, string>)[status] ?? String(status);
  return name.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
}

function startError(error: unknown, apiUrl: string | undefined): AdapterStartError {
  const where = apiUrl ?? 'Discord';
  if (error instanceof Error && 'code' in error && error.code === DiscordjsErrorCodes.TokenInvalid) {
    return new AdapterStartError('discord', 'token-rejected', `${where} rejected DISCORD_TOKEN. Copy a new one from the Developer Portal (Bot, Reset Token).`, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new AdapterStartError('discord', 'unreachable', `Could not connect to ${where}: ${reason}`, { cause: error });
}
