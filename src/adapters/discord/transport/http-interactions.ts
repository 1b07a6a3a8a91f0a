// Interactions as HTTP requests (Discord's "Interactions Endpoint URL"): Discord posts each
// one, signed, to POST /discord/interactions, and the first response is the HTTP response
// itself. No gateway and no state between requests, so any number of replicas can sit behind
// any HTTP load balancer. Plain node:http: the endpoint is one route, and the signature is
// checked over the raw bytes before anything is parsed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteractionResponseType, InteractionType, REST } from 'discord.js';
import { AdapterStartError } from '../../adapter.js';
import type { Logger } from '../../../logger.js';
import { restOptions } from '../rest.js';
import type { DiscordTransport, Receive } from './port.js';
import { checkSignature, publicKeyFromHex } from './signature.js';

export const HTTP_INTERACTIONS_DEFAULTS = Object.freeze({
  path: '/discord/interactions',
  /**
   * The largest body read before the signature is checked. The largest interaction this
   * bot receives is a press on one of its own messages, which carries that message (one
   * embed of at most 6,000 characters and its menus): tens of KB at most.
   */
  bodyLimitBytes: 256 * 1024,
  /** Requests signed longer ago than this (or this far in the future) are refused. */
  maxAgeSeconds: 300,
  /** Discord sends each request whole at once; a client that trickles is cut off. */
  requestTimeoutMs: 10_000,
  // Longer than the 60 s a load balancer usually keeps an idle connection, so that it is
  // the balancer that closes one, never this end just as the balancer reuses it.
  keepAliveTimeoutMs: 65_000,
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
  let server: Server | undefined;

  return {
    mode: 'http',
    rest,
    async start(receive) {
      const listening = createServer((request, response) => void handle(request, response, receive));
      listening.requestTimeout = D.requestTimeoutMs;
      listening.headersTimeout = D.requestTimeoutMs;
      listening.keepAliveTimeout = D.keepAliveTimeoutMs;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(options.port, options.host, () => {
          listening.off('error', reject);
          resolve();
        });
      }).catch((error: NodeJS.ErrnoException) => {
        throw new AdapterStartError('discord', 'cannot-listen', `Cannot listen for Discord's HTTP interactions on ${options.host}:${options.port} (${error.code ?? error.message}). Set DISCORD_HTTP_HOST and DISCORD_HTTP_PORT to a free address.`, { cause: error });
      });
      listening.on('error', (error) => logger.error({ message: error.message }, 'discord HTTP interactions server error'));
      server = listening;
      const { address, port } = listening.address() as AddressInfo;
      logger.info({ host: address, port, path: D.path }, 'discord listening for HTTP interactions');
    },
    async stop(inFlight) {
      // No new connections from now on, while the requests in flight are answered; each of
      // those answers closes its connection (see send), so none is left waiting.
      const closing = server;
      server = undefined;
      const closed = closing?.listening ? new Promise<void>((resolve) => closing.close(() => resolve())) : undefined;
      await Promise.all([inFlight, closed]);
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
    connected: () => Boolean(server?.listening),
    shards: () => [],
    address: () => (server?.address() as AddressInfo | null) ?? undefined,
  };

  async function handle(request: IncomingMessage, response: ServerResponse, receive: Receive): Promise<void> {
    try {
      if (new URL(request.url ?? '/', 'http://interactions').pathname !== D.path) return answer(response, 404, { error: 'not found', path: D.path });
      if (request.method !== 'POST') {
        response.setHeader('allow', 'POST');
        return answer(response, 405, { error: 'method not allowed' });
      }
      const body = await readBody(request, D.bodyLimitBytes);
      if (body === 'too-large') {
        // The rest of the body is not read: the connection closes after this answer.
        response.setHeader('connection', 'close');
        return answer(response, 413, { error: `the body is over ${D.bodyLimitBytes} bytes` });
      }
      const signature = checkSignature(key, { signature: header(request, 'x-signature-ed25519'), timestamp: header(request, 'x-signature-timestamp') }, body, { nowSeconds: Date.now() / 1000, maxAgeSeconds: D.maxAgeSeconds });
      if (signature !== 'valid') {
        // Discord itself sends a bad signature to check this endpoint; at debug, so a flood of them cannot fill the log.
        logger.debug({ reason: signature }, 'discord HTTP interaction refused: signature');
        return answer(response, 401, { error: 'invalid request signature' });
      }
      const payload = parseJson(body);
      if (payload === undefined) return answer(response, 400, { error: 'the body is not a JSON object' });
      if ((payload as { type?: unknown }).type === InteractionType.Ping) return answer(response, 200, { type: InteractionResponseType.Pong });

      let answered = false;
      await receive(payload, async (first) => {
        if (answered) throw new Error('this interaction has already been answered');
        answered = true;
        await send(response, 200, first);
      });
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

/** The whole body, or "too-large" as soon as it passes the limit (declared or counted). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  if (Number(request.headers['content-length']) > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        return resolve('too-large');
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
