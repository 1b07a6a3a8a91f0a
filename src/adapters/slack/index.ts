// The Slack adapter: a Bolt app in HTTP mode (signed requests to /slack/events) or, when
// an app-level token is set, in Socket Mode (no public URL, suits a newsroom firewall).
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { Adapter, AdapterDeps } from '../adapter.js';
import { boltLogger } from './bolt-logger.js';
import { LISTENER_LIMITS, type Listener } from '../../http/listener-limits.js';
import { arrivalOf, startSlackHttp } from './http-server.js';
import { registerListeners } from './listeners/index.js';
import { SLACK_DEFAULTS } from './listeners/deps.js';

export interface SlackAdapterOptions extends AdapterDeps {
  config: NonNullable<Config['slack']>;
  /** Interface HTTP mode listens on, instead of SLACK_HOST (tests listen on 127.0.0.1). */
  host?: string;
  ackDeadlineMs?: number;
}

export interface SlackAdapter extends Adapter {
  readonly mode: 'http' | 'socket';
  /** Where HTTP mode is listening, once started. */
  address(): AddressInfo | undefined;
}

/**
 * A signed request that no listener took: not a command, button or event this app uses, or
 * form fields that are no Slack request at all. Every listener here acknowledges in time,
 * so this is the request's fault, not a listener's (Bolt's default says the opposite, 404).
 */
function refuseUnhandled(logger: AdapterDeps['logger'], response: ServerResponse): void {
  logger.warn('slack request that no listener handles: answered 400');
  if (!response.headersSent) response.writeHead(400).end();
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config } = options;
  const logger = boltLogger(options.logger);
  // slackApiUrl moves every Web API call, Socket Mode's apps.connections.open included.
  const clientOptions = () => ({ logger, ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}) });
  const socket = config.appToken
    ? new SocketModeReceiver({ appToken: config.appToken, logger, installerOptions: { clientOptions: clientOptions() } })
    : undefined;
  const http = socket
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.signingSecret ?? '',
        endpoints: SLACK_DEFAULTS.eventsPath,
        logger,
        bodyLimit: LISTENER_LIMITS.bodyBytes,
        // A command's acknowledgement deadline counts from the request's arrival, not from
        // when a listener gets to it (listeners/slash-command.ts).
        customPropertiesExtractor: (request) => ({ arrivedAt: arrivalOf(request) }),
        unhandledRequestHandler: ({ response }) => refuseUnhandled(options.logger, response),
      });
  // Deferred, so a wrong token fails start() through auth.test instead of a stray rejection.
  // convoStore: false: StoryBot keeps no conversation state in Bolt, and the default store
  // costs every request a lookup and a timestamp (about 5 % of the CPU under load).
  const app = new App({ token: config.botToken, receiver: socket ?? http, logger, clientOptions: clientOptions(), convoStore: false, deferInitialization: true });
  registerListeners(app, {
    ctx: options.ctx,
    logger: options.logger,
    admins: new Set(config.adminUsers),
    visibility: config.visibility,
    ackDeadlineMs: options.ackDeadlineMs ?? SLACK_DEFAULTS.ackDeadlineMs,
  });

  let server: Listener | undefined;
  let socketOpen = false;
  socket?.client.on('connected', () => (socketOpen = true));
  for (const state of ['disconnected', 'reconnecting']) socket?.client.on(state, () => (socketOpen = false));

  return {
    name: 'slack',
    mode: socket ? 'socket' : 'http',
    async start() {
      await app.init();
      if (socket) {
        await app.start();
        options.logger.info({ mode: 'socket' }, 'slack connected through Socket Mode');
      } else {
        // Bolt's receiver handles what passes; the server in front of it is StoryBot's own.
        server = await startSlackHttp({ receiver: http!, signingSecret: config.signingSecret ?? '', path: SLACK_DEFAULTS.eventsPath, host: options.host ?? config.host, port: config.port, logger: options.logger });
        const { address, port } = server.address()!;
        options.logger.info({ mode: 'http', host: address, port, path: SLACK_DEFAULTS.eventsPath }, 'slack listening for HTTP requests');
      }
    },
    async stop() {
      if (socket) await socket.client.disconnect();
      else if (server?.listening()) await server.close();
      server = undefined;
    },
    connected: () => (socket ? socketOpen : Boolean(server?.listening())),
    address: () => server?.address(),
  };
}
