// A local Discord for tests: the REST API and the gateway on one 127.0.0.1 port, started by
// the test. The real discord.js client logs in through DISCORD_API_URL = apiUrl, finds the
// gateway at GET /gateway/bot, and receives the interactions a test sends. Or, once told the
// bot's Interactions Endpoint URL, it posts them there instead, signed with a key pair of its
// own (publicKey is DISCORD_PUBLIC_KEY), and takes the HTTP response as the first response.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayStandIn } from './gateway.js';
import { deliverOverHttp } from './http-delivery.js';
import { handleRest } from './rest.js';
import { newSigner, type HttpReply, type Signer } from './sign.js';
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
  /** The bot's HTTP response, for an interaction posted to it over HTTP. */
  http?: HttpReply;
  /** What the person sees in answer: a direct reply, the edit of a deferred one, or a follow-up. */
  reply(): Promise<Reply>;
  /** The autocomplete choices offered. */
  choices(): Promise<{ name: string; value: string }[]>;
  /** The form (modal) shown in answer. */
  modal(): Promise<Json>;
}

export interface DiscordStandIn {
  apiUrl: string;
  gatewayUrl: string;
  token: string;
  applicationId: string;
  guildId: string;
  state: StandInState;
  gateway: GatewayStandIn;
  /** The application's public key, for DISCORD_PUBLIC_KEY: HTTP interactions are signed with its private half. */
  publicKey: string;
  signer: Signer;
  /** From now on, interactions are posted, signed, to this Interactions Endpoint URL instead of the gateway. */
  deliverOverHttp(url: string): void;
  /** A slash command; a yes-or-no option is sent as a Boolean option, anything else as a String. */
  slash(name: string, options?: Record<string, string | boolean>, member?: Member, guildId?: string): Promise<Exchange>;
  autocomplete(name: string, option: string, typed: string, member?: Member): Promise<Exchange>;
  press(message: StoredMessage, customId: string, member?: Member, guildId?: string): Promise<Exchange>;
  choose(message: StoredMessage, customId: string, values: string[], member?: Member): Promise<Exchange>;
  /** A form filled in and sent, as opened from a button on the message. */
  submit(message: StoredMessage, customId: string, inputs: Record<string, string>, member?: Member): Promise<Exchange>;
  /** Any interaction at all, with whatever data: for what Discord itself would never send. */
  interact(type: number, data: Json, member?: Member, message?: StoredMessage): Promise<Exchange>;
  /** An interaction exactly as given (a recorded payload, or one sent again), delivered the way the others are. */
  deliver(payload: Json): Promise<Exchange>;
  close(): Promise<void>;
}

export interface StandInOptions {
  token?: string;
  applicationId?: string;
  heartbeatIntervalMs?: number;
  /** The shard count GET /gateway/bot recommends; 1 unless given. */
  shards?: number;
  /** How many shards may identify at once (session_start_limit.max_concurrency); 1 unless given. */
  maxConcurrency?: number;
}

/** A server id that Discord routes to the given shard of count: (id >> 22) % count. */
export function guildOnShard(shard: number, count: number): string {
  return ((BigInt(1_000_000 * count + shard) << 22n) | 1n).toString();
}

const EPHEMERAL = 1 << 6;

export async function startDiscordStandIn(options: StandInOptions = {}): Promise<DiscordStandIn> {
  const token = options.token ?? 'x';
  const applicationId = options.applicationId ?? '1';
  const botUser = { id: '200000000000000001', username: 'StoryBot', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 };
  const state = new StandInState(token, applicationId, botUser);
  state.recommendedShards = options.shards ?? 1;
  state.maxConcurrency = options.maxConcurrency ?? 1;
  const signer = newSigner();
  let interactionsUrl: string | undefined;
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

  const base = (type: number, member: Member, data: Json, message?: StoredMessage, guild = guildId): Json => ({
    id: state.nextId(),
    application_id: applicationId,
    type,
    token: `interaction-token-${state.nextId()}`,
    version: 1,
    guild_id: guild,
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: guild, name: 'general' },
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
    authorizing_integration_owners: { '0': guild },
    context: 0,
    attachment_size_limit: 10_485_760,
    data,
    ...(message ? { message } : {}),
  });

  const commandId = (name: string) => [...state.commands.values()].flat().find((c) => c.name === name)?.id ?? state.nextId();

  async function send(payload: Json): Promise<Exchange> {
    const log = new InteractionLog(payload);
    state.byToken.set(payload.token, log);
    const http = interactionsUrl ? await deliverOverHttp(state, signer, interactionsUrl, payload, log) : undefined;
    if (!interactionsUrl) await gateway.dispatch('INTERACTION_CREATE', payload, gateway.shardOf(payload.guild_id));
    return {
      log,
      http,
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
      modal: () => log.until((events) => events.find((e) => e.kind === 'callback' && e.type === 9)).then((e) => (e as { data?: Json }).data ?? {}),
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
    publicKey: signer.publicKey,
    signer,
    deliverOverHttp(url) {
      interactionsUrl = url;
    },
    slash: (name, opts = {}, member = MEMBER, guild = guildId) =>
      send(base(2, member, { id: commandId(name), name, type: 1, guild_id: guild, options: Object.entries(opts).map(([n, value]) => ({ name: n, type: typeof value === 'boolean' ? 5 : 3, value })) }, undefined, guild)),
    autocomplete: (name, option, typed, member = MEMBER) =>
      send(base(4, member, { id: commandId(name), name, type: 1, guild_id: guildId, options: [{ name: option, type: 3, value: typed, focused: true }] })),
    press: (message, customId, member = MEMBER, guild = guildId) => send(base(3, member, { custom_id: customId, component_type: 2 }, message, guild)),
    choose: (message, customId, values, member = MEMBER) => send(base(3, member, { custom_id: customId, component_type: 3, values }, message)),
    submit: (message, customId, inputs, member = MEMBER) =>
      send(base(5, member, { custom_id: customId, components: Object.entries(inputs).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })) }, message)),
    interact: (type, data, member = MEMBER, message) => send(base(type, member, data, message)),
    deliver: (payload) => send(payload),
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
