// The operations endpoints on OPS_HOST:OPS_PORT (127.0.0.1 by default: metrics describe the
// service and are nobody else's business): /healthz for liveness, /readyz for readiness,
// /metrics for Prometheus, and with ADMIN_TOKEN, POST /admin/reload (admin-reload.ts). Plain
// node:http, so it answers even while start-up is under way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startListener, type Exchange } from '../http/listener-limits.js';
import type { Logger } from '../logger.js';
import { ADMIN_RELOAD_PATH, adminReload, type AdminReload } from './admin-reload.js';
import type { Metrics } from './metrics.js';
import type { Readiness } from './run-status.js';

export const OPS_PATHS = Object.freeze({ health: '/healthz', ready: '/readyz', metrics: '/metrics' });

/** The URL of an ops path on a server listening on host:port; a wildcard host is reached on loopback. */
export function opsUrl(host: string, port: number, path: string): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}${path}`;
}

export interface OpsDeps {
  metrics: Pick<Metrics, 'text' | 'contentType'>;
  readiness: () => Readiness;
  logger: Logger;
  /** The reload endpoint, when ADMIN_TOKEN is set. */
  admin?: AdminReload;
}

export interface OpsServer {
  address(): AddressInfo;
  close(): Promise<void>;
}

/** Listens, or rejects with the listen error (EADDRINUSE, EACCES) for start-up to report. */
export async function startOpsServer(options: OpsDeps & { host: string; port: number }): Promise<OpsServer> {
  // Probes and scrapers open a connection per request; the shared limits suit them too.
  const listener = await startListener({ name: 'ops', host: options.host, port: options.port, logger: options.logger, handle: (request, response, exchange) => handleOpsRequest(request, response, exchange, options) });
  return { address: () => listener.address()!, close: () => listener.close() };
}

async function handleOpsRequest(request: IncomingMessage, response: ServerResponse, exchange: Exchange, deps: OpsDeps): Promise<void> {
  const { path } = exchange;
  if (path === ADMIN_RELOAD_PATH && deps.admin) return answerAdmin(request, response, exchange, deps.admin, deps.logger);
  const known = Object.values(OPS_PATHS) as string[];
  if (!known.includes(path)) return send(response, 404, 'application/json', { error: 'not found', paths: known });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return send(response, 405, 'application/json', { error: 'method not allowed' });
  }
  if (path === OPS_PATHS.health) return send(response, 200, 'application/json', { status: 'ok' });
  if (path === OPS_PATHS.ready) {
    const readiness = deps.readiness();
    return send(response, readiness.ready ? 200 : 503, 'application/json', readiness);
  }
  try {
    send(response, 200, deps.metrics.contentType, await deps.metrics.text());
  } catch (error) {
    deps.logger.error({ message: (error as Error).message }, 'collecting metrics failed');
    send(response, 500, 'application/json', { error: 'collecting metrics failed' });
  }
}

async function answerAdmin(request: IncomingMessage, response: ServerResponse, exchange: Exchange, admin: AdminReload, logger: Logger): Promise<void> {
  try {
    const answer = await adminReload(request, admin, exchange, logger);
    for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
    send(response, answer.status, 'application/json', answer.body);
  } catch (error) {
    logger.error({ message: (error as Error).message }, 'admin reload failed');
    send(response, 500, 'application/json', { error: 'the reload failed; see the log' });
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: unknown): void {
  const text = typeof body === 'string' ? body : `${JSON.stringify(body)}\n`;
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  // HEAD gets the headers alone; end() with a body would be ignored by node anyway.
  response.end(response.req.method === 'HEAD' ? undefined : text);
}
