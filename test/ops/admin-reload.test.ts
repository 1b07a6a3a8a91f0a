// POST /admin/reload on the ops server, over real HTTP, in front of a real knowledge store.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { Metrics } from '../../src/ops/metrics.js';
import type { AdminReload } from '../../src/ops/admin-reload.js';
import { startOpsServer, type OpsServer } from '../../src/ops/ops-server.js';
import { RunStatus } from '../../src/ops/run-status.js';
import { captureLogger, LEVEL } from '../helpers/capture-logger.js';
import { copyOfRealKnowledge, entryYaml } from '../helpers/knowledge-dir.js';

const TOKEN = 'a-long-random-admin-token-0123456789';
const DEBUG = 20;
let server: OpsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(admin: AdminReload | undefined) {
  const log = captureLogger();
  const status = new RunStatus();
  server = await startOpsServer({ host: '127.0.0.1', port: 0, metrics: new Metrics(status), readiness: () => status.readiness(), logger: log.logger, admin });
  const base = `http://127.0.0.1:${server.address().port}`;
  const post = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }, method = 'POST') => {
    const response = await fetch(`${base}/admin/reload`, { method, headers });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
  };
  return { post, log };
}

async function storeWith(extra: Record<string, string>) {
  const dir = await copyOfRealKnowledge();
  const store = await KnowledgeStore.open(dir);
  for (const [file, text] of Object.entries(extra)) await writeFile(path.join(dir, 'entries', file), text);
  return store;
}

describe('POST /admin/reload', () => {
  it('is not there at all without ADMIN_TOKEN', async () => {
    const { post } = await serve(undefined);
    expect((await post()).status).toBe(404);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-admin-token-at-all' }],
    ['the token without "Bearer"', { authorization: TOKEN }],
    ['the token with something after it', { authorization: `Bearer ${TOKEN}x` }],
  ])('refuses %s with 401, reloads nothing, and logs no token', async (_, headers) => {
    const store = await storeWith({ 'new.yaml': entryYaml('who-is-new', 'Who is new here?') });
    const { post, log } = await serve({ token: TOKEN, reload: () => store.reload() });
    const reply = await post(headers);
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(store.current().index.entry('who-is-new')).toBeUndefined();
    expect(log.lines).toContainEqual(expect.objectContaining({ level: DEBUG, msg: 'request refused', reason: 'missing or wrong admin token' }));
    // Anyone who can reach the port can send these: nothing at warn or above for them.
    expect(log.lines.filter((l) => l.level >= LEVEL.warn)).toEqual([]);
    expect(log.text()).not.toContain(TOKEN.slice(0, 12));
  });

  it.each(['GET', 'PUT', 'DELETE'])('answers %s without a token with 401, as for POST, and says nothing of which methods there are', async (method) => {
    const store = await storeWith({});
    const { post } = await serve({ token: TOKEN, reload: () => store.reload() });
    const reply = await post({}, method);
    expect(reply.status).toBe(401);
    expect(reply.headers.get('allow')).toBeNull();
  });

  it('answers GET with the right token with 405, naming POST', async () => {
    const store = await storeWith({});
    const { post } = await serve({ token: TOKEN, reload: () => store.reload() });
    const reply = await post(undefined, 'GET');
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('POST');
  });

  it('counts refused requests in one info line, written when the summary is due (here, on close), not one line each', async () => {
    const store = await storeWith({});
    const { post, log } = await serve({ token: TOKEN, reload: () => store.reload() });
    for (let i = 0; i < 25; i++) expect((await post({ authorization: `Bearer wrong-${i}-token-guess` })).status).toBe(401);
    expect(log.lines.filter((l) => l.level >= LEVEL.info)).toEqual([]);
    await server!.close();
    server = undefined;
    const summaries = log.lines.filter((l) => l.level >= LEVEL.info);
    expect(summaries).toEqual([expect.objectContaining({ level: LEVEL.info, msg: 'unauthenticated requests refused', listener: 'ops', refused: { 'missing or wrong admin token': 25 } })]);
  });

  it('gives requests that come while a reload is under way that same reload and its answer, then starts a new one for the next', async () => {
    const store = await storeWith({ 'new.yaml': entryYaml('who-is-new', 'Who is new here?') });
    let reloads = 0;
    // Slow enough that the five requests below all arrive while it runs.
    const reload = () => {
      reloads++;
      return new Promise<void>((resolve) => setTimeout(resolve, 400)).then(() => store.reload());
    };
    const { post } = await serve({ token: TOKEN, reload });
    const replies = await Promise.all(Array.from({ length: 5 }, () => post()));
    expect(reloads).toBe(1);
    for (const reply of replies) expect(reply).toMatchObject({ status: 200, body: { ok: true, added: ['who-is-new'] } });
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const next = await post();
    expect(reloads).toBe(2);
    expect(next).toMatchObject({ status: 200, body: { ok: true, added: [] } });
  });

  it('reloads with the right token and answers 200 with what changed', async () => {
    const store = await storeWith({ 'new.yaml': entryYaml('who-is-new', 'Who is new here?') });
    const { post } = await serve({ token: TOKEN, reload: () => store.reload() });
    const reply = await post();
    expect(reply).toMatchObject({ status: 200, body: { ok: true, added: ['who-is-new'], errors: [], replicas: { replicas: 1, reloaded: 1, refused: 0 } } });
    expect(store.current().index.entry('who-is-new')).toBeDefined();
  });

  it('answers 422 with every problem when the files fail their checks, and the old knowledge stays', async () => {
    const store = await storeWith({ 'new.yaml': entryYaml('who-is-new', 'Who is new here?').replace('contempt of court', 'contempt of the senate') });
    const before = store.current();
    const { post } = await serve({ token: TOKEN, reload: () => store.reload() });
    const reply = await post();
    expect(reply).toMatchObject({ status: 422, body: { ok: false, replicas: { reloaded: 0, refused: 1 } } });
    expect(reply.body.errors.join('\n')).toContain('new.yaml');
    expect(store.current()).toBe(before);
  });

  it('answers 503 while start-up has not finished', async () => {
    const { post } = await serve({ token: TOKEN, reload: () => undefined });
    expect((await post()).status).toBe(503);
  });
});
