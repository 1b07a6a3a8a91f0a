// The real Slack adapter (real Bolt) wired to the local stand-ins, with helpers that send
// what Slack would send: signed slash commands, button presses and mention events.
import { Writable } from 'node:stream';
import pino from 'pino';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import type { CommandContext } from '../../../src/core/answering/command.js';
import { TURN_DEFAULTS } from '../../../src/core/conversation/turns.js';
import { memoryTurns } from '../../../src/state/memory-turns.js';
import { KnowledgeStore } from '../../../src/core/knowledge/store.js';
import { notRecording, type Recorder } from '../../../src/core/answering/recorder.js';
import { REAL_KNOWLEDGE } from '../knowledge-dir.js';
import { startResponseUrl, type ResponseUrlStandIn } from './response-url.js';
import { blockActionBody, FORM, JSON_TYPE, postSigned, slashCommandBody, type SlackReply } from './sign.js';
import { startSocketMode, type SocketModeStandIn } from './socket-mode.js';
import { BOT_USER_ID, startWebApi, type WebApiStandIn } from './web-api.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const ADMIN = 'UADMIN01';
export const REPORTER = 'UREPORT01';
/** The direct-message channel between REPORTER and the bot. */
export const DM_CHANNEL = 'D0REPORT1';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface BotOptions {
  knowledgeDir?: string;
  recorder?: Recorder;
  visibility?: 'ephemeral' | 'in_channel';
  ackDeadlineMs?: number;
  socketMode?: boolean;
  /** Parts of the command context to use instead of the defaults (a rate limiter, an intake). */
  ctx?: Partial<CommandContext>;
}

export interface PressOptions {
  user?: string;
  /** Pressed on a private answer (from /ask) or on a public message in a thread. */
  on?: { ephemeral: true } | { ephemeral: false; ts: string; thread_ts?: string };
}

export interface BotUnderTest {
  adapter: SlackAdapter;
  ctx: CommandContext;
  api: WebApiStandIn;
  responses: ResponseUrlStandIn;
  socket: SocketModeStandIn | undefined;
  eventsUrl: string;
  logs: LogLine[];
  /** A signed slash command; `responseId` names its response_url. */
  command(name: string, text: string, options?: { user?: string; responseId?: string; timestamp?: number; signature?: string }): Promise<SlackReply>;
  press(actionId: string, responseId: string, options?: PressOptions): Promise<SlackReply>;
  mention(text: string, where: { ts: string; thread_ts?: string; user?: string }): Promise<SlackReply>;
  /** A direct message to the bot (message.im), in its DM channel. */
  directMessage(text: string, where: { ts: string; thread_ts?: string; user?: string }): Promise<SlackReply>;
  /** Any event, as Slack would deliver it to the app. */
  event(event: Record<string, unknown>): Promise<SlackReply>;
  /** Someone opens the bot's App Home tab. */
  openHome(user: string, tab?: 'home' | 'messages'): Promise<SlackReply>;
  stop(): Promise<void>;
}

let responses = 0;

export async function startSlackBot(options: BotOptions = {}): Promise<BotUnderTest> {
  const store = await KnowledgeStore.open(options.knowledgeDir ?? REAL_KNOWLEDGE);
  const ctx: CommandContext = { store, recorder: options.recorder ?? notRecording, startedAt: new Date(), conversations: { store: memoryTurns(), followUpMs: TURN_DEFAULTS.followUpMs }, ...options.ctx };
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const socket = options.socketMode ? await startSocketMode() : undefined;
  const api = await startWebApi(socket ? { socketUrl: () => socket.url } : {});
  const responseUrl = await startResponseUrl();
  const adapter = createSlackAdapter({
    ctx,
    logger: pino({ level: 'info' }, sink),
    host: '127.0.0.1',
    ...(options.ackDeadlineMs !== undefined ? { ackDeadlineMs: options.ackDeadlineMs } : {}),
    config: {
      botToken: 'xoxb-test-bot-token',
      signingSecret: SIGNING_SECRET,
      ...(socket ? { appToken: 'xapp-test-app-token' } : {}),
      port: 0,
      host: '127.0.0.1',
      apiUrl: api.url,
      adminUsers: [ADMIN],
      visibility: options.visibility ?? 'ephemeral',
    },
  });
  await adapter.start();
  const eventsUrl = socket ? '' : `http://127.0.0.1:${adapter.address()!.port}/slack/events`;

  // In Socket Mode the same payloads arrive as envelopes, and the ack carries the reply.
  async function send(body: string, contentType: string, payload: Record<string, unknown>, type: 'slash_commands' | 'interactive' | 'events_api', sign: { timestamp?: number; signature?: string } = {}): Promise<SlackReply> {
    if (!socket) return postSigned(eventsUrl, body, contentType, { secret: SIGNING_SECRET, ...sign });
    const ack = await socket.deliver(type, payload);
    return { status: 200, text: JSON.stringify(ack ?? {}), json: ack };
  }

  function sendEvent(event: Record<string, unknown>, ts: string): Promise<SlackReply> {
    const payload = {
      token: 'verification-token-unused',
      team_id: 'T0NEWS',
      api_app_id: 'A0STORY',
      type: 'event_callback',
      event_id: `Ev${ts.replace('.', '')}`,
      event_time: 1736000000,
      authorizations: [{ team_id: 'T0NEWS', user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false, enterprise_id: null }],
      event,
    };
    return send(JSON.stringify(payload), JSON_TYPE, payload, 'events_api');
  }

  return {
    adapter,
    ctx,
    api,
    responses: responseUrl,
    socket,
    eventsUrl,
    logs,
    command(name, text, opts = {}) {
      const fields = { command: `/${name}`, text, user_id: opts.user ?? REPORTER, response_url: responseUrl.url(opts.responseId ?? `command-${++responses}`) };
      const body = slashCommandBody(fields);
      return send(body, FORM, Object.fromEntries(new URLSearchParams(body)), 'slash_commands', opts);
    },
    press(actionId, responseId, opts = {}) {
      const on = opts.on ?? { ephemeral: true };
      const payload = {
        type: 'block_actions',
        user: { id: opts.user ?? REPORTER, username: 'reporter', team_id: 'T0NEWS' },
        team: { id: 'T0NEWS', domain: 'newsroom' },
        api_app_id: 'A0STORY',
        token: 'verification-token-unused',
        trigger_id: '4.5.6',
        channel: { id: 'C0DESK', name: 'news-desk' },
        container: on.ephemeral ? { type: 'message', message_ts: '1736000000.000001', channel_id: 'C0DESK', is_ephemeral: true } : { type: 'message', message_ts: on.ts, channel_id: 'C0DESK', is_ephemeral: false, ...(on.thread_ts ? { thread_ts: on.thread_ts } : {}) },
        ...(on.ephemeral ? {} : { message: { type: 'message', ts: on.ts, ...(on.thread_ts ? { thread_ts: on.thread_ts } : {}), text: 'answer' } }),
        response_url: responseUrl.url(responseId),
        actions: [{ type: 'button', action_id: actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, value: 'x', action_ts: '1736000001.000000' }],
      };
      return send(blockActionBody(payload), FORM, payload, 'interactive');
    },
    event: (event) => sendEvent(event, String(event.ts ?? event.event_ts ?? `1736009${String(++responses).padStart(3, '0')}.000001`)),
    directMessage(text, where) {
      const event = { type: 'message', channel_type: 'im', channel: DM_CHANNEL, user: where.user ?? REPORTER, text, ts: where.ts, event_ts: where.ts, ...(where.thread_ts ? { thread_ts: where.thread_ts } : {}) };
      return sendEvent(event, where.ts);
    },
    openHome(user, tab = 'home') {
      const ts = `1736000${String(++responses).padStart(3, '0')}.000001`;
      return sendEvent({ type: 'app_home_opened', user, channel: DM_CHANNEL, tab, event_ts: ts }, ts);
    },
    mention(text, where) {
      const payload = {
        token: 'verification-token-unused',
        team_id: 'T0NEWS',
        api_app_id: 'A0STORY',
        type: 'event_callback',
        event_id: `Ev${where.ts.replace('.', '')}`,
        event_time: 1736000000,
        authorizations: [{ team_id: 'T0NEWS', user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false, enterprise_id: null }],
        event: { type: 'app_mention', user: where.user ?? REPORTER, text, ts: where.ts, channel: 'C0DESK', event_ts: where.ts, ...(where.thread_ts ? { thread_ts: where.thread_ts } : {}) },
      };
      return send(JSON.stringify(payload), JSON_TYPE, payload, 'events_api');
    },
    async stop() {
      await adapter.stop();
      await Promise.all([api.close(), responseUrl.close(), socket?.close()]);
    },
  };
}
