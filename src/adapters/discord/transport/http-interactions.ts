// Interactions as HTTP requests (Discord's "Interactions Endpoint URL"): Discord posts each
// one, signed, to POST /discord/interactions, and the first response is the HTTP response
// itself. No gateway and no state between requests, so any number of replicas can sit behind
// any HTTP load balancer. Plain node:http: the endpoint is one route, and the signature is
// checked over the raw bytes before anything is parsed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteractionResponseType, InteractionType, REST } from 'discord.js';
import { AdapterStartError } from '../../adapter.js';
import { LISTENER_LIMITS, startListener, type Exchange, type Listener } from '../../../http/listener-limits.js';
import { declaredLength, readBody } from '../../../http/read-body.js';
import type { Logger } from '../../../logger.js';
import { restOptions } from '../rest.js';
import type { DiscordTransport, Receive } from './port.js';
import { checkSignature, checkSignatureHeaders, publicKeyFromHex } from './signature.js';

/** Headers, body, connections and time are limited as for every listener (src/http/listener-limits.ts). */
export const HTTP_INTERACTIONS_DEFAULTS = Object.freeze({
  path: '/discord/interactions',
  /** Requests signed longer ago than this (or this far in the future) are refused. */
  maxAgeSeconds: 300,
  // Longer than the 60 s a load balancer usually keeps an idle connection, so that it is
  // the balancer that closes one, never this end just as the balancer reuses it.
  keepAliveTimeoutMs: 65_000,
  /** On stop, how long a request in flight has to get its answer (Discord waits 3 s for one). */
  stopGraceMs: 3_000,
});

export interface HttpInteractionsOptions {
  publicKey: string;
  host: string;
  port: number;
  apiUrl?: string;
  logger: Logger;
}

export interface HttpInteractionsTransport extends DiscordTransport {
  /** Where it listens, once started. */
  address(): AddressInfo | undefined;
}

const D = HTTP_INTERACTIONS_DEFAULTS;

export function httpInteractionsTransport(options: HttpInteractionsOptions): HttpInteractionsTransport {
  const { logger } = options;
  const key = publicKeyFromHex(options.publicKey);
  // Edits and follow-ups go to the interaction's webhook, which its token authorises.
  const rest = new REST(restOptions(options.apiUrl));
  let server: Listener | undefined;

  return {
    mode: 'http',
    rest,
    async start(receive) {
      server = await startListener({
        name: 'discord',
        host: options.host,
        port: options.port,
        logger,
        limits: { keepAliveTimeoutMs: D.keepAliveTimeoutMs },
        handle: (request, response, exchange) => handle(request, response, exchange, receive),
      }).catch((error: NodeJS.ErrnoException) => {
        throw new AdapterStartError('discord', 'cannot-listen', `Cannot listen for Discord's HTTP interactions on ${options.host}:${options.port} (${error.code ?? error.message}). Set DISCORD_HTTP_HOST and DISCORD_HTTP_PORT to a free address.`, { cause: error });
      });
      const { address, port } = server.address()!;
      logger.info({ host: address, port, path: D.path }, 'discord listening for HTTP interactions');
    },
    async stop(inFlight) {
      // No new connections from now on, while the requests in flight are answered; each of
      // those answers closes its connection (see send), so none is left waiting.
      const closing = server;
      server = undefined;
      const closed = closing?.listening() ? closing.close(D.stopGraceMs) : undefined;
      await Promise.all([inFlight, closed]);
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
    connected: () => Boolean(server?.listening()),
    shards: () => [],
    address: () => server?.address(),
  };

  async function handle(request: IncomingMessage, response: ServerResponse, exchange: Exchange, receive: Receive): Promise<void> {
    const refuse = (status: number, reason: string, body: unknown) => {
      // Anyone can send these, and Discord itself sends a bad signature to check the
      // endpoint: at debug and counted, so a flood of them cannot fill the log.
      exchange.refusals.refused(reason, { status });
      // The rest of an unread body is not read: the connection closes after this answer.
      response.setHeader('connection', 'close');
      answer(response, status, body);
    };
    try {
      if (exchange.path !== D.path) return refuse(404, 'not the interactions path', { error: 'not found', path: D.path });
      if (request.method !== 'POST') {
        response.setHeader('allow', 'POST');
        return refuse(405, 'not a POST', { error: 'method not allowed' });
      }
      const limit = LISTENER_LIMITS.bodyBytes;
      if (declaredLength(request) > limit) return refuse(413, 'body too large', { error: `the body is over ${limit} bytes` });
      const headers = { signature: header(request, 'x-signature-ed25519'), timestamp: header(request, 'x-signature-timestamp') };
      const clock = { nowSeconds: Date.now() / 1000, maxAgeSeconds: D.maxAgeSeconds };
      // Judged by its headers before a byte of the body is read.
      const early = checkSignatureHeaders(headers, clock);
      if (early !== 'plausible') return refuse(401, `signature ${early}`, { error: 'invalid request signature' });
      const read = await readBody(request, limit);
      if (!read.ok) return read.why === 'gone' ? undefined : refuse(413, 'body too large', { error: `the body is over ${limit} bytes` });
      const signature = checkSignature(key, headers, read.body, clock);
      if (signature !== 'valid') return refuse(401, `signature ${signature}`, { error: 'invalid request signature' });
      exchange.proved();
      const payload = parseJson(read.body);
      if (payload === undefined) return answer(response, 400, { error: 'the body is not a JSON object' });
      if ((payload as { type?: unknown }).type === InteractionType.Ping) return answer(response, 200, { type: InteractionResponseType.Pong });

      let answered = false;
      await receive(
        payload,
        async (first) => {
          if (answered) throw new Error('this interaction has already been answered');
          answered = true;
          await send(response, 200, first);
        },
        exchange.arrivedAt,
      );
      if (!answered) answer(response, 400, { error: 'not an interaction this bot answers' });
    } catch (error) {
      // A client that went away mid-request, mostly: the request's trouble, not the bot's.
      logger.warn({ message: (error as Error).message }, 'discord HTTP interaction request failed');
      if (!response.headersSent) answer(response, 500, { error: 'internal error' });
    }
  }

  /** An answer from the endpoint itself (a refusal, a PONG); if the client has gone, there is no one to tell. */
  function answer(response: ServerResponse, status: number, body: unknown): void {
    send(response, status, body).catch(() => undefined);
  }

  /** Resolves once the response is handed to the network; rejects if the request went away first. */
  function send(response: ServerResponse, status: number, body: unknown): Promise<void> {
    return new Promise((resolve, reject) => {
      if (response.headersSent || response.destroyed) return reject(new Error('the HTTP request was closed before the response could be sent'));
      const text = JSON.stringify(body);
      // Once stopping, no connection is kept for another request: a balancer's keep-alive
      // connection would otherwise hold the port open until it times out (65 s).
      if (!server) response.setHeader('connection', 'close');
      response.once('close', () => (response.writableFinished ? resolve() : reject(new Error('the HTTP request was closed before the response was sent'))));
      response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      response.end(text, () => resolve());
    });
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(body: Buffer): object | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
