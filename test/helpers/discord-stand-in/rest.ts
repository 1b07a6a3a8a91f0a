// The stand-in's REST API: the routes the bot uses, answered as Discord answers them,
// including its errors (401 without the token, 400 for a message over a limit, 40060 for an
// interaction answered twice, 10062 for one the stand-in never sent).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { commandProblems } from './limits.js';
import { acceptCallback, editOriginal, followUp, HttpError, original, rejected } from './responses.js';
import type { InteractionLog, StandInState } from './state.js';

type Json = Record<string, any>;

export interface RecordedRequest {
  method: string;
  /** The path after the API base and version, e.g. "/gateway/bot". */
  route: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
}

export async function handleRest(state: StandInState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://stand-in');
  const prefix = '/api/v10';
  const raw = await readBody(request);
  const record: RecordedRequest = {
    method: request.method ?? 'GET',
    route: url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: raw ? safeJson(raw) : undefined,
    authorization: request.headers.authorization,
  };
  state.requests.push(record);
  await state.holdFor(record);
  // Discord creates the original message from the HTTP response before it takes edits to it.
  if (record.route.startsWith('/webhooks/')) await logOf(state, record.route)?.delivered;
  try {
    if (!url.pathname.startsWith(prefix)) throw new HttpError(404, 0, '404: Not Found');
    const result = route(state, record);
    if (result === undefined) {
      response.writeHead(204).end();
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    }
  } catch (error) {
    const e = rejected(state, record.route, error, logOf(state, record.route));
    response.writeHead(e.status, { 'content-type': 'application/json' }).end(JSON.stringify({ message: e.message, code: e.code, ...(e.errors ? { errors: e.errors } : {}) }));
  }
}

/** The interaction a callback or webhook route is about, found by its token. */
function logOf(state: StandInState, route: string): InteractionLog | undefined {
  const token = /^\/(?:interactions\/[^/]+|webhooks\/[^/]+)\/([^/]+)/.exec(route)?.[1];
  return token ? state.byToken.get(decodeURIComponent(token)) : undefined;
}

function route(state: StandInState, r: RecordedRequest): unknown {
  const parts = r.route.split('/').filter(Boolean).map(decodeURIComponent);
  const needBot = () => {
    if (r.authorization !== `Bot ${state.token}`) throw new HttpError(401, 0, '401: Unauthorized');
  };

  if (r.method === 'GET' && r.route === '/gateway/bot') {
    needBot();
    return { url: state.gatewayUrl, shards: state.recommendedShards, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: state.maxConcurrency } };
  }
  if (r.method === 'GET' && r.route === '/users/@me') {
    needBot();
    return state.botUser;
  }
  if (parts[0] === 'applications' && parts.at(-1) === 'commands') {
    needBot();
    if (parts[1] !== state.applicationId) throw new HttpError(403, 50001, 'Missing Access');
    const scope = parts.length === 5 && parts[2] === 'guilds' ? `guild:${parts[3]}` : 'global';
    if (r.method === 'PUT') return registerCommands(state, scope, r.body);
    if (r.method === 'GET') return state.commands.get(scope) ?? [];
  }
  if (r.method === 'POST' && parts[0] === 'interactions' && parts[3] === 'callback') {
    return interactionCallback(state, parts[1]!, parts[2]!, r.body as Json, r.query.with_response === 'true');
  }
  if (parts[0] === 'webhooks' && parts[1] === state.applicationId && parts[2]) {
    const log = state.byToken.get(parts[2]);
    if (!log) throw new HttpError(404, 10015, 'Unknown Webhook');
    if (r.method === 'POST' && parts.length === 3) return followUp(state, log, r.body as Json);
    if (parts[3] === 'messages' && parts[4] === '@original') {
      if (r.method === 'PATCH') return editOriginal(state, log, r.body as Json);
      if (r.method === 'GET') return original(log);
      if (r.method === 'DELETE') {
        original(log);
        log.events.push({ kind: 'delete' });
        log.notify();
        return undefined;
      }
    }
  }
  throw new HttpError(404, 0, `404: Not Found (${r.method} /${parts[0] ?? ''}/…)`);
}

function registerCommands(state: StandInState, scope: string, body: unknown): Json[] {
  if (!Array.isArray(body)) throw new HttpError(400, 50035, 'Invalid Form Body', { _errors: ['must be an array'] });
  const problems = body.flatMap((command, i) => commandProblems(command, i));
  if (problems.length > 0) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
  const registered = body.map((command: Json) => ({ ...command, id: state.nextId(), application_id: state.applicationId, version: state.nextId() }));
  state.commands.set(scope, registered);
  return registered;
}

function interactionCallback(state: StandInState, id: string, token: string, body: Json, withResponse: boolean): unknown {
  const log = state.byToken.get(token);
  if (!log || log.payload.id !== id) throw new HttpError(404, 10062, 'Unknown interaction');
  // An interaction delivered over HTTP is answered in the HTTP response, not here.
  if (log.delivered) throw new HttpError(400, 40060, 'Interaction has already been acknowledged.');
  const message = acceptCallback(state, log, body);
  if (!withResponse) return undefined;
  return { interaction: { id, type: log.payload.type }, ...(message ? { resource: { type: body?.type, message } } : {}) };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
