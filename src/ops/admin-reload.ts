// POST /admin/reload on the ops server: deploy tooling reloads every replica with one
// request, no signals or pid files. Off unless ADMIN_TOKEN is set; the token travels as
// "Authorization: Bearer …" and is compared in constant time. The answer is JSON, with a
// status a script can act on: 200 every replica reloaded, 422 some refused the files (each
// keeps serving what it had), 503 some could not be reached or did not answer in time.
// Requests that come while a reload is under way share it, and its answer: a deploy script
// run on every host at once asks for one reload, not one each, queued.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ReloadReport } from '../core/knowledge/store.js';
import { formatProblem } from '../core/knowledge/problems.js';
import type { Exchange } from '../http/listener-limits.js';
import type { Logger } from '../logger.js';

export const ADMIN_RELOAD_PATH = '/admin/reload';

export interface AdminReload {
  token: string;
  /** Undefined until start-up has finished. */
  reload: () => Promise<ReloadReport> | undefined;
}

export interface AdminAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function authorised(request: IncomingMessage, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!given) return false;
  // Equal-length digests: timingSafeEqual needs them, and the length of the token stays hidden.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}

const inFlight = new WeakMap<AdminReload, Promise<ReloadReport>>();

export async function adminReload(request: IncomingMessage, admin: AdminReload, exchange: Pick<Exchange, 'proved' | 'refusals'>, logger: Logger): Promise<AdminAnswer> {
  // The token before anything else, the method included: without it, nothing about the
  // endpoint is told, and a refusal is a stranger's, logged at debug and counted.
  if (!authorised(request, admin.token)) {
    exchange.refusals.refused('missing or wrong admin token', { path: ADMIN_RELOAD_PATH });
    return { status: 401, body: { error: 'a valid bearer token (ADMIN_TOKEN) is required' }, headers: { 'www-authenticate': 'Bearer realm="storybot"' } };
  }
  exchange.proved();
  if (request.method !== 'POST') return { status: 405, body: { error: 'method not allowed' }, headers: { allow: 'POST' } };
  const running = inFlight.get(admin) ?? startReload(admin, logger);
  if (!running) return { status: 503, body: { error: 'still starting; try again in a moment' } };
  const report = await running;
  return { status: statusOf(report), body: describe(report) };
}

function startReload(admin: AdminReload, logger: Logger): Promise<ReloadReport> | undefined {
  const started = admin.reload();
  if (!started) return undefined;
  logger.info('reload asked for over HTTP');
  const shared = started.finally(() => inFlight.delete(admin));
  inFlight.set(admin, shared);
  return shared;
}

function statusOf(report: ReloadReport): number {
  const tally = report.replicas;
  if (!report.ok || (tally && tally.refused > 0)) return 422;
  if (tally && (!tally.reached || tally.silent > 0)) return 503;
  return 200;
}

function describe(report: ReloadReport): Record<string, unknown> {
  return {
    ok: report.ok,
    replicas: report.replicas ?? { replicas: 1, reloaded: report.ok ? 1 : 0, refused: report.ok ? 0 : 1, silent: 0, reached: true },
    entries: report.entries,
    drafts: report.drafts,
    sources: report.sources,
    added: report.added,
    removed: report.removed,
    changed: report.changed,
    errors: report.errors.map(formatProblem),
    warnings: report.warnings.map(formatProblem),
    durationMs: Math.round(report.durationMs),
  };
}
