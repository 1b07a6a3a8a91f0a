// Slack's HTTP mode, on a server of StoryBot's own in front of Bolt's receiver. Bolt reads a
// whole body (up to its limit) before it checks the signature, on a server with Node's
// defaults: a minute for headers, five for a request, no cap on connections. A thousand
// trickling, unsigned connections held half a gigabyte that way. Here the request runs under
// the listeners' shared limits (src/http), is judged by its headers first (signed, fresh,
// not too long), read only as far as Slack ever needs, checked for the shape Slack always
// sends, and only then handed to Bolt, already read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import { isValidSlackRequest, type HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { LISTENER_LIMITS, startListener, type Exchange, type Listener } from '../../http/listener-limits.js';
import { declaredLength, readBody } from '../../http/read-body.js';

/** Slack's own rule, both ways: a timestamp from the future is as suspect as a replay. */
export const TIMESTAMP_SKEW_SECONDS = 300;

export interface SlackHttpOptions {
  receiver: HTTPReceiver;
  signingSecret: string;
  path: string;
  host: string;
  port: number;
  logger: Logger;
}

type Verdict = { ok: true } | { ok: false; status: 400 | 401 | 404 | 413; reason: string };

const arrivals = new WeakMap<IncomingMessage, number>();

/** When a request handed to Bolt arrived (performance.now()), for deadlines that count from then. */
export function arrivalOf(request: IncomingMessage): number | undefined {
  return arrivals.get(request);
}

export function startSlackHttp(options: SlackHttpOptions): Promise<Listener> {
  return startListener({ name: 'slack', host: options.host, port: options.port, logger: options.logger, handle: (request, response, exchange) => handle(request, response, exchange, options) });
}

async function handle(request: IncomingMessage, response: ServerResponse, exchange: Exchange, options: SlackHttpOptions): Promise<void> {
  const L = LISTENER_LIMITS;
  const turnAway = (verdict: Verdict) => refuse(response, verdict, exchange);
  if (exchange.path !== options.path || request.method !== 'POST') return turnAway({ ok: false, status: 404, reason: 'not the events path' });
  const declared = declaredLength(request);
  if (declared > L.bodyBytes) return turnAway({ ok: false, status: 413, reason: 'body too large' });
  const signature = single(request.headers['x-slack-signature']);
  const timestamp = single(request.headers['x-slack-request-timestamp']);
  const signed = signature !== undefined && timestamp !== undefined;
  if (signed) {
    const fresh = freshTimestamp(timestamp, TIMESTAMP_SKEW_SECONDS);
    if (!fresh.ok) return turnAway(fresh);
  } else if (declared > L.unsignedBytes) {
    return turnAway({ ok: false, status: 401, reason: 'unsigned' });
  }
  const read = await readBody(request, signed ? L.bodyBytes : L.unsignedBytes);
  if (!read.ok) return turnAway({ ok: false, status: signed ? 413 : 401, reason: read.why === 'gone' ? 'client gone' : signed ? 'body too large' : 'unsigned' });
  const text = read.body.toString('utf8');
  if (!signed) {
    // Slack's SSL check is its only request without a signature; Bolt answers it.
    if (parseForm(text).ssl_check !== '1') return turnAway({ ok: false, status: 401, reason: 'unsigned' });
  } else if (!isValidSlackRequest({ signingSecret: options.signingSecret, body: text, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) } })) {
    return turnAway({ ok: false, status: 401, reason: 'bad signature' });
  } else {
    exchange.proved();
    const shape = slackShaped(text, request.headers['content-type']);
    if (!shape.ok) {
      // Signed with the app's secret, so Slack's (or a bug's), not a stranger's: worth a warning.
      options.logger.warn({ status: shape.status, reason: shape.reason }, 'signed slack request refused');
      return answerRefusal(response, shape.status);
    }
  }
  // Bolt takes a request whose rawBody is set as already read, and verifies it again.
  Object.assign(request, { rawBody: read.body });
  arrivals.set(request, exchange.arrivedAt);
  try {
    options.receiver.requestListener(request, response);
  } catch {
    turnAway({ ok: false, status: 404, reason: 'no route' });
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

/** A refusal of a request that proved nothing: at debug, and counted (src/http/refusal-log.ts). */
function refuse(response: ServerResponse, verdict: Verdict, exchange: Exchange): void {
  if (verdict.ok) return;
  exchange.refusals.refused(verdict.reason, { status: verdict.status });
  answerRefusal(response, verdict.status);
}

function answerRefusal(response: ServerResponse, status: number): void {
  // Closed, not kept alive: an unread body behind it is never read.
  if (!response.headersSent) response.writeHead(status, { connection: 'close' }).end();
}
