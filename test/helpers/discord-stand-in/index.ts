// A local Discord for tests: the REST API and the gateway on one 127.0.0.1 port, started by
// the test. The real discord.js client logs in through DISCORD_API_URL = apiUrl, finds the
// gateway at GET /gateway/bot, and receives the interactions a test sends.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayStandIn } from './gateway.js';
import { handleRest } from './rest.js';
import { InteractionLog, StandInState, type StoredMessage } from './state.js';

export type { StoredMessage } from './state.js';

type Json = Record<string, any>;

const BASE_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n); // view, send, history, use commands
export const PERMISSIONS = Object.freeze({
  none: '0',
  member: BASE_PERMISSIONS.toString(),
  manageServer: (BASE_PERMISSIONS | (1n << 5n)).toString(),
  administrator: (1n << 3n).toString(),
});

export interface Member {
  id: string;
  username: string;
  permissions: string;
}

export const MEMBER: Member = Object.freeze({ id: '300000000000000001', username: 'reader', permissions: PERMISSIONS.member });
export const ADMIN: Member = Object.freeze({ id: '300000000000000002', username: 'moderator', permissions: PERMISSIONS.manageServer });

export interface Reply {
  via: 'callback' | 'edit' | 'followup';
  ephemeral: boolean;
  deferred: boolean;
  message: StoredMessage;
}

export interface Exchange {
  log: InteractionLog;
  /** What the person sees in answer: a direct reply, the edit of a deferred one, or a follow-up. */
  reply(): Promise<Reply>;
  /** The autocomplete choices offered. */
  choices(): Promise<{ name: string; value: string }[]>;
}

export interface DiscordStandIn {
  apiUrl: string;
  gatewayUrl: string;
  token: string;
  applicationId: string;
  guildId: string;
  state: StandInState;
  gateway: GatewayStandIn;
  slash(name: string, options?: Record<string, string>, member?: Member): Promise<Exchange>;
  autocomplete(name: string, option: string, typed: string, member?: Member): Promise<Exchange>;
  press(message: StoredMessage, customId: string, member?: Member): Promise<Exchange>;
  choose(message: StoredMessage, customId: string, values: string[], member?: Member): Promise<Exchange>;
  /** Any interaction at all, with whatever data: for what Discord itself would never send. */
  interact(type: number, data: Json, member?: Member, message?: StoredMessage): Promise<Exchange>;
  close(): Promise<void>;
}

export interface StandInOptions {
  token?: string;
  applicationId?: string;
  heartbeatIntervalMs?: number;
}

const EPHEMERAL = 1 << 6;

export async function startDiscordStandIn(options: StandInOptions = {}): Promise<DiscordStandIn> {
  const token = options.token ?? 'x';
  const applicationId = options.applicationId ?? '1';
  const botUser = { id: '200000000000000001', username: 'StoryBot', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 };
  const state = new StandInState(token, applicationId, botUser);
  const guildId = '100000000000000001';
  const channelId = '100000000000000002';

  const gateway = new GatewayStandIn({
    token,
    applicationId,
    botUserId: botUser.id,
    url: () => state.gatewayUrl,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 5_000,
  });
  const server = createServer((request, response) => {
    handleRest(state, request, response).catch((error) => response.writeHead(500).end(String(error)));
  });
  server.on('upgrade', (request, socket, head) => {
    if (!request.url?.startsWith('/gateway')) return void socket.destroy();
    gateway.wss.handleUpgrade(request, socket, head, (ws) => gateway.wss.emit('connection', ws, request));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  const base = (type: number, member: Member, data: Json, message?: StoredMessage): Json => ({
    id: state.nextId(),
    application_id: applicationId,
    type,
    token: `interaction-token-${state.nextId()}`,
    version: 1,
    guild_id: guildId,
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: guildId, name: 'general' },
    member: {
      user: { id: member.id, username: member.username, discriminator: '0', global_name: member.username, avatar: null },
      roles: [],
      permissions: member.permissions,
      joined_at: '2024-01-01T00:00:00.000Z',
      nick: null,
      avatar: null,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    },
    app_permissions: PERMISSIONS.member,
    locale: 'en-GB',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: 0,
    attachment_size_limit: 10_485_760,
    data,
    ...(message ? { message } : {}),
  });

  const commandId = (name: string) => [...state.commands.values()].flat().find((c) => c.name === name)?.id ?? state.nextId();

  async function send(payload: Json): Promise<Exchange> {
    const log = new InteractionLog(payload);
    state.byToken.set(payload.token, log);
    await gateway.dispatch('INTERACTION_CREATE', payload);
    return {
      log,
      reply: () =>
        log.until((events) => {
          const deferred = events.some((e) => e.kind === 'callback' && e.type === 5);
          for (const e of events) {
            if (e.kind === 'callback' && e.message) return { via: 'callback', ephemeral: Boolean(e.message.flags & EPHEMERAL), deferred, message: e.message } as Reply;
            if (e.kind === 'edit' || e.kind === 'followup') return { via: e.kind, ephemeral: Boolean(e.message.flags & EPHEMERAL), deferred, message: e.message } as Reply;
          }
          return undefined;
        }),
      choices: () => log.until((events) => events.find((e) => e.kind === 'callback' && e.type === 8)).then((e) => (e as { data?: Json }).data?.choices ?? []),
    };
  }

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: state.gatewayUrl,
    token,
    applicationId,
    guildId,
    state,
    gateway,
    slash: (name, opts = {}, member = MEMBER) =>
      send(base(2, member, { id: commandId(name), name, type: 1, guild_id: guildId, options: Object.entries(opts).map(([n, value]) => ({ name: n, type: 3, value })) })),
    autocomplete: (name, option, typed, member = MEMBER) =>
      send(base(4, member, { id: commandId(name), name, type: 1, guild_id: guildId, options: [{ name: option, type: 3, value: typed, focused: true }] })),
    press: (message, customId, member = MEMBER) => send(base(3, member, { custom_id: customId, component_type: 2 }, message)),
    choose: (message, customId, values, member = MEMBER) => send(base(3, member, { custom_id: customId, component_type: 3, values }, message)),
    interact: (type, data, member = MEMBER, message) => send(base(type, member, data, message)),
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
