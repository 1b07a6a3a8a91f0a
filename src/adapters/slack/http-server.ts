// Slack's HTTP mode, on a server of StoryBot's own in front of Bolt's receiver. Bolt reads a
// whole body (up to its limit) before it checks the signature, on a server with Node's
// defaults: a minute for headers, five for a request, no cap on connections. A thousand
// trickling, unsigned connections held half a gigabyte that way. Here a request is judged
// by its headers first (signed, fresh, not too long), read only as far as Slack ever needs,
// checked for the shape Slack always sends, and only then handed to Bolt, already read.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseForm } from 'node:querystring';
import { isValidSlackRequest, type HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../logger.js';

export const SLACK_HTTP_LIMITS = Object.freeze({
  /**
   * The largest body read. The largest request Slack sends this app is a mention of a
   * message at Slack's 40,000-character limit, whose text arrives twice (as text and as rich
   * text): about 80 KB. Commands and button presses are a few KB.
   */
  bodyBytes: 128 * 1024,
  /** Slack's one unsigned request, ssl_check, is a few dozen bytes: unsigned ones are read no further. */
  unsignedBytes: 1024,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  /** How often those timeouts are checked (Node's default is every 30 seconds). */
  timeoutCheckMs: 1_000,
  /** Slack sends this app a handful of requests at once; past this, a connection is closed on arrival. */
  maxConnections: 256,
  /** Slack's own rule, both ways: a timestamp from the future is as suspect as a replay. */
  timestampSkewSeconds: 300,
});

export interface SlackHttpOptions {
  receiver: HTTPReceiver;
  signingSecret: string;
  path: string;
  host: string;
  port: number;
  logger: Logger;
}

type Verdict = { ok: true } | { ok: false; status: 400 | 401 | 404 | 413; reason: string };

export async function startSlackHttp(options: SlackHttpOptions, limits = SLACK_HTTP_LIMITS): Promise<Server> {
  const server = createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, keepAliveTimeout: limits.keepAliveTimeoutMs, connectionsCheckingInterval: limits.timeoutCheckMs },
    (request, response) => {
      handle(request, response, options, limits).catch((error: unknown) => {
        options.logger.error({ message: (error as Error).message }, 'slack request could not be handled');
        refuse(response, { ok: false, status: 400, reason: 'unreadable' }, options.logger);
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => options.logger.error({ message: error.message }, 'slack http server error'));
  return server;
}

/** Stops taking connections; ones still open a moment later (slow clients) are cut. */
export function stopSlackHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1_000).unref();
  });
}

export function listeningAt(server: Server | undefined): AddressInfo | undefined {
  return (server?.address() as AddressInfo | null) ?? undefined;
}

async function handle(request: IncomingMessage, response: ServerResponse, options: SlackHttpOptions, limits: typeof SLACK_HTTP_LIMITS): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://slack').pathname;
  if (path !== options.path || request.method !== 'POST') return refuse(response, { ok: false, status: 404, reason: 'not the events path' }, options.logger);
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limits.bodyBytes) return refuse(response, { ok: false, status: 413, reason: 'body too large' }, options.logger);
  const signature = single(request.headers['x-slack-signature']);
  const timestamp = single(request.headers['x-slack-request-timestamp']);
  const signed = signature !== undefined && timestamp !== undefined;
  if (signed) {
    const fresh = freshTimestamp(timestamp, limits.timestampSkewSeconds);
    if (!fresh.ok) return refuse(response, fresh, options.logger);
  } else if (declared > limits.unsignedBytes) {
    return refuse(response, { ok: false, status: 401, reason: 'unsigned' }, options.logger);
  }
  const body = await readBody(request, signed ? limits.bodyBytes : limits.unsignedBytes);
  if (body === undefined) return refuse(response, { ok: false, status: signed ? 413 : 401, reason: signed ? 'body too large' : 'unsigned' }, options.logger);
  if (!signed) {
    // Slack's SSL check is its only request without a signature; Bolt answers it.
    if (parseForm(body.toString('utf8')).ssl_check !== '1') return refuse(response, { ok: false, status: 401, reason: 'unsigned' }, options.logger);
  } else if (!isValidSlackRequest({ signingSecret: options.signingSecret, body: body.toString('utf8'), headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) } })) {
    return refuse(response, { ok: false, status: 401, reason: 'bad signature' }, options.logger);
  } else {
    const shape = slackShaped(body.toString('utf8'), request.headers['content-type']);
    if (!shape.ok) return refuse(response, shape, options.logger);
  }
  // Bolt takes a request whose rawBody is set as already read, and verifies it again.
  Object.assign(request, { rawBody: body });
  try {
    options.receiver.requestListener(request, response);
  } catch {
    refuse(response, { ok: false, status: 404, reason: 'no route' }, options.logger);
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function freshTimestamp(timestamp: string, skewSeconds: number): Verdict {
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 401, reason: 'timestamp not a number' };
  const age = Date.now() / 1000 - Number(timestamp);
  if (age > skewSeconds) return { ok: false, status: 401, reason: 'timestamp too old' };
  if (age < -skewSeconds) return { ok: false, status: 401, reason: 'timestamp in the future' };
  return { ok: true };
}

/** The body, or undefined once it runs past `max` bytes (the rest is never read). */
function readBody(request: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > max) {
        request.removeAllListeners('data');
        request.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    request.once('end', () => resolve(Buffer.concat(chunks, length)));
    // A client gone before the end: nothing to answer, and nothing kept.
    request.once('close', () => resolve(undefined));
    request.once('error', reject);
  });
}

/**
 * What Slack sends: a form of single fields (a button press's one field, payload, holds a
 * JSON object), or a JSON object. Anything else (null, a list, a field given twice) would
 * reach Bolt's listeners as a shape they were never written for.
 */
export function slackShaped(text: string, contentType: string | undefined): Verdict {
  const bad = (reason: string): Verdict => ({ ok: false, status: 400, reason });
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const fields = parseForm(text);
    if (Object.values(fields).some((value) => typeof value !== 'string')) return bad('a form field given twice');
    if (!Object.hasOwn(fields, 'payload')) return { ok: true };
    return isObject(parseJson(fields.payload as string)) ? { ok: true } : bad('a payload that is not a JSON object');
  }
  if (type === 'application/json') return isObject(parseJson(text)) ? { ok: true } : bad('a body that is not a JSON object');
  return bad('a content type Slack does not send');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(response: ServerResponse, verdict: Verdict, logger: Logger): void {
  if (verdict.ok) return;
  logger.warn({ status: verdict.status, reason: verdict.reason }, 'slack request refused');
  // Closed, not kept alive: an unread body behind it is never read.
  if (!response.headersSent) response.writeHead(verdict.status, { connection: 'close' }).end();
}
