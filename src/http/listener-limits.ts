// The one set of limits every public listener runs under (Slack's HTTP mode, Discord's HTTP
// interactions, the ops server), and the server that applies them. Node's defaults suit
// none of them: a minute for headers, five for a request, timeouts checked only every 30
// seconds (so a 10 s limit fires after about 31), no cap on connections, and a `new URL`
// of a target such as "//" throws. Each listener gets a path it can compare, the time its
// request arrived, and a way to say the request proved itself (see connection-guard.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { ConnectionGuard } from './connection-guard.js';
import { RefusalLog } from './refusal-log.js';
import { requestPath } from './request-target.js';

export const LISTENER_LIMITS = Object.freeze({
  /** Node's own default, stated here: no platform sends more than a few KB of headers. */
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  /** How often Node checks the two timeouts above (its default is every 30 seconds). */
  timeoutCheckMs: 1_000,
  /**
   * The largest body read. The largest request Slack sends this app is a mention of a
   * message at Slack's 40,000-character limit, whose text arrives twice (as text and as rich
   * text): about 80 KB. Discord's largest is a press on one of the bot's own messages, which
   * carries that message (an embed of at most 6,000 characters and its menus): tens of KB.
   */
  bodyBytes: 128 * 1024,
  /** Slack's one unsigned request, ssl_check, is a few dozen bytes: unsigned ones are read no further. */
  unsignedBytes: 1024,
  /** A platform sends a handful of requests at once; past this, room is made (connection-guard.ts). */
  maxConnections: 256,
  /** Half the cap: a proxy in front is one address, and must still have room for the platform. */
  perAddressConnections: 128,
  /**
   * How long a connection may stay open without a request that proved itself. Slack and
   * Discord give up on an answer after 3 seconds, so a request not even proved by then is
   * of no use to anyone.
   */
  unprovenMs: 3_000,
});

export type ListenerLimits = { readonly [K in keyof typeof LISTENER_LIMITS]: number };

export interface Exchange {
  /** The target's path, without its query. */
  path: string;
  /** performance.now() when the request's headers had arrived: deadlines count from here. */
  arrivedAt: number;
  /** The request proved itself (a valid signature, the admin token): its connection is no longer cut for room. */
  proved(): void;
  refusals: RefusalLog;
}

export interface ListenerOptions {
  /** For the log: "slack", "discord", "ops". */
  name: string;
  host: string;
  port: number;
  logger: Logger;
  limits?: Partial<ListenerLimits>;
  handle(request: IncomingMessage, response: ServerResponse, exchange: Exchange): Promise<void> | void;
}

export interface Listener {
  readonly limits: ListenerLimits;
  readonly guard: ConnectionGuard;
  readonly refusals: RefusalLog;
  address(): AddressInfo | undefined;
  listening(): boolean;
  /** Stops taking connections; idle ones close at once, any still open after graceMs are cut. */
  close(graceMs?: number): Promise<void>;
}

/** Listens, or rejects with the listen error (EADDRINUSE, EACCES) for start-up to report. */
export async function startListener(options: ListenerOptions): Promise<Listener> {
  const limits: ListenerLimits = { ...LISTENER_LIMITS, ...options.limits };
  const { logger, name } = options;
  const refusals = new RefusalLog(name, logger);
  const guard = new ConnectionGuard(
    { maxConnections: limits.maxConnections, perAddressConnections: limits.perAddressConnections, unprovenMs: limits.unprovenMs },
    (why) => refusals.refused(why === 'expired' ? 'connection proved nothing in time' : why === 'shed' ? 'connection cut to make room' : 'connection refused: every one busy'),
  );
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckMs,
    },
    (request, response) => {
      const arrivedAt = performance.now();
      const socket = request.socket;
      guard.requestStarted(socket);
      response.once('finish', () => guard.requestDone(socket));
      const path = requestPath(request.url);
      if (path === undefined) {
        refusals.refused('malformed request target');
        return void response.writeHead(400, { connection: 'close' }).end();
      }
      const exchange: Exchange = { path, arrivedAt, proved: () => guard.proved(socket), refusals };
      Promise.resolve()
        .then(() => options.handle(request, response, exchange))
        .catch((error: unknown) => {
          // A fault of the listener's own, not of the request: worth an error line.
          logger.error({ listener: name, message: (error as Error).message }, 'request could not be handled');
          if (!response.headersSent) response.writeHead(500, { connection: 'close' }).end();
        });
    },
  );
  server.on('connection', (socket) => guard.admit(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    guard.stop();
    throw error;
  });
  server.on('error', (error) => logger.error({ listener: name, message: error.message }, 'listener error'));
  return {
    limits,
    guard,
    refusals,
    address: () => (server.address() as AddressInfo | null) ?? undefined,
    listening: () => server.listening,
    close: (graceMs = 1_000) =>
      new Promise<void>((resolve) => {
        server.close(() => {
          guard.stop();
          refusals.flush();
          resolve();
        });
        server.closeIdleConnections();
        // An answer takes milliseconds; a connection still open after the grace (a client
        // trickling its headers) must not hold up shutdown.
        setTimeout(() => server.closeAllConnections(), graceMs).unref();
      }),
  };
}

/** Milliseconds left until `arrivedAt + withinMs`, never below 0. */
export function remainingMs(arrivedAt: number, withinMs: number): number {
  return Math.max(0, arrivedAt + withinMs - performance.now());
}
