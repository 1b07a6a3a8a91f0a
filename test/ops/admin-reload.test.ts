// POST /admin/reload on the ops server, over real HTTP, in front of a real knowledge store.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { Metrics } from '../../src/ops/metrics.js';
import type { AdminReload } from '../../src/ops/admin-reload.js';
import { startOpsServer, type OpsServer } from '../../src/ops/ops-server.js';
import { RunStatus } from '../../src/ops/run-status.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { copyOfRealKnowledge, entryYaml } from '../helpers/knowledge-dir.js';

const TOKEN = 'a-long-random-admin-token-0123456789';
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
    expect(log.lines.map((l) => l.msg)).toContain('admin request refused: missing or wrong token');
    expect(log.text()).not.toContain(TOKEN.slice(0, 12));
  });

  it('takes POST only', async () => {
    const store = await storeWith({});
    const { post } = await serve({ token: TOKEN, reload: () => store.reload() });
    const reply = await post(undefined, 'GET');
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('POST');
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
