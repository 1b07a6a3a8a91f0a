// The ops endpoints over real HTTP on 127.0.0.1, in front of a run status the test fills in
// step by step as start-up would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { Metrics } from '../../src/ops/metrics.js';
import { startOpsServer, type OpsServer } from '../../src/ops/ops-server.js';
import { RunStatus } from '../../src/ops/run-status.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

let status: RunStatus;
let metrics: Metrics;
let server: OpsServer;
let base: string;
beforeEach(async () => {
  status = new RunStatus();
  metrics = new Metrics(status, { platforms: ['discord', 'slack'] });
  server = await startOpsServer({ host: '127.0.0.1', port: 0, metrics, readiness: () => status.readiness(), logger: captureLogger().logger });
  base = `http://127.0.0.1:${server.address().port}`;
});
afterEach(() => server.close());

const get = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${base}${path}`, init);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text(), headers: response.headers };
};

/** A metric's value in Prometheus text, e.g. value(text, 'storybot_questions_total{platform="slack",outcome="answered"}'). */
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

const adapter = (name: string, connected: boolean) => ({ name, connected: () => connected });

describe('the ops server', () => {
  it('says the process is alive on /healthz from the first moment, before anything is loaded', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200, type: 'application/json', text: '{"status":"ok"}\n' });
  });

  it.each([
    ['nothing is loaded yet', 503, () => undefined],
    ['the knowledge is loaded but no adapter exists yet', 503, async () => void (status.store = await KnowledgeStore.open(REAL_KNOWLEDGE))],
    ['one adapter of two is still connecting', 503, async () => {
      status.store = await KnowledgeStore.open(REAL_KNOWLEDGE);
      status.adapters = [adapter('slack', true), adapter('discord', false)];
    }],
    ['the knowledge is loaded and every adapter is connected', 200, async () => {
      status.store = await KnowledgeStore.open(REAL_KNOWLEDGE);
      status.adapters = [adapter('slack', true), adapter('discord', true)];
    }],
    ['shutdown has begun', 503, async () => {
      status.store = await KnowledgeStore.open(REAL_KNOWLEDGE);
      status.adapters = [adapter('slack', true), adapter('discord', true)];
      status.stopping = true;
    }],
  ])('answers /readyz when %s with %i, and says why', async (_, expected, arrange) => {
    await arrange();
    const reply = await get('/readyz');
    expect(reply.status).toBe(expected);
    const body = JSON.parse(reply.text);
    expect(body.ready).toBe(expected === 200);
    expect(body.adapters).toEqual(Object.fromEntries(status.adapters.map((a) => [a.name, a.connected()])));
    expect(body.knowledge.loaded).toBe(status.store !== undefined);
  });

  it('serves the metrics in Prometheus format, with the gauges read at scrape time', async () => {
    status.store = await KnowledgeStore.open(REAL_KNOWLEDGE);
    status.adapters = [adapter('slack', true), adapter('discord', false)];
    metrics.question('slack', 'answered', 2);
    metrics.question('slack', 'answered', 3);
    metrics.question('discord', 'declined', 1);
    metrics.reloads.inc({ outcome: 'failed' });
    metrics.rateLimited.inc({ platform: 'discord' });
    const reply = await get('/metrics');
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const t = reply.text;
    expect(value(t, 'storybot_questions_total{platform="slack",outcome="answered"}')).toBe(2);
    expect(value(t, 'storybot_questions_total{platform="discord",outcome="declined"}')).toBe(1);
    expect(value(t, 'storybot_questions_total{platform="discord",outcome="answered"}')).toBe(0);
    expect(value(t, 'storybot_answer_duration_seconds_count{platform="slack"}')).toBe(2);
    expect(value(t, 'storybot_answer_duration_seconds_bucket{le="0.0025",platform="slack"}')).toBe(1);
    expect(value(t, 'storybot_answer_duration_seconds_sum{platform="slack"}')).toBeCloseTo(0.005, 6);
    expect(value(t, 'storybot_reloads_total{outcome="failed"}')).toBe(1);
    expect(value(t, 'storybot_reloads_total{outcome="ok"}')).toBe(0);
    expect(value(t, 'storybot_rate_limited_total{platform="discord"}')).toBe(1);
    expect(value(t, 'storybot_rate_limited_total{platform="slack"}')).toBe(0);
    expect(value(t, 'storybot_adapter_connected{adapter="slack"}')).toBe(1);
    expect(value(t, 'storybot_adapter_connected{adapter="discord"}')).toBe(0);
    const served = status.store.current().knowledge.entries.filter((e) => e.status !== 'draft').length;
    expect(served).toBeGreaterThan(0);
    expect(value(t, 'storybot_knowledge_entries{status="published"}')).toBe(served);
    expect(t).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it("lists each gateway shard's state in /readyz and /metrics, and is not ready while one shard reconnects", async () => {
    status.store = await KnowledgeStore.open(REAL_KNOWLEDGE);
    const shards = [
      { id: 0, status: 'ready', ready: true, pingMs: 42 },
      { id: 1, status: 'resuming', ready: false, pingMs: null },
    ];
    status.adapters = [adapter('slack', true), { name: 'discord', connected: () => false, shards: () => shards }];
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text).shards).toEqual({
      discord: [
        { id: 0, status: 'ready' },
        { id: 1, status: 'resuming' },
      ],
    });
    const t = (await get('/metrics')).text;
    expect(value(t, 'storybot_shard_connected{adapter="discord",shard="0"}')).toBe(1);
    expect(value(t, 'storybot_shard_connected{adapter="discord",shard="1"}')).toBe(0);
    expect(value(t, 'storybot_shard_heartbeat_seconds{adapter="discord",shard="0"}')).toBe(0.042);
    expect(value(t, 'storybot_shard_heartbeat_seconds{adapter="discord",shard="1"}')).toBeUndefined();

    // An adapter without shards (Slack, or Discord over HTTP) adds no shard list.
    status.adapters = [adapter('slack', true), { name: 'discord', connected: () => true, shards: () => [] }];
    const body = JSON.parse((await get('/readyz')).text);
    expect(body.ready).toBe(true);
    expect(body).not.toHaveProperty('shards');
    expect((await get('/metrics')).text).not.toContain('storybot_shard_connected{');
  });

  it.each([
    ['GET', '/nothing-here', 404],
    ['GET', '/', 404],
    ['POST', '/healthz', 405],
    ['DELETE', '/metrics', 405],
    ['GET', '/healthz?verbose=1', 200],
  ])('answers %s %s with %i', async (method, path, expected) => {
    const reply = await get(path, { method });
    expect(reply.status).toBe(expected);
    if (expected === 405) expect(reply.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers HEAD with the status and no body', async () => {
    const reply = await get('/readyz', { method: 'HEAD' });
    expect(reply).toMatchObject({ status: 503, text: '' });
  });

  it('cannot start on a port already taken, and says which error', async () => {
    const port = server.address().port;
    await expect(startOpsServer({ host: '127.0.0.1', port, metrics, readiness: () => status.readiness(), logger: captureLogger().logger })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
