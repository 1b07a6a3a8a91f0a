// npm run healthcheck, which the Docker image's HEALTHCHECK runs, against real servers on
// 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Metrics } from '../../src/ops/metrics.js';
import { opsUrl, startOpsServer, type OpsServer } from '../../src/ops/ops-server.js';
import { RunStatus } from '../../src/ops/run-status.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { freePort } from '../helpers/long-running.js';
import { runTs } from '../helpers/run-node.js';

let ops: OpsServer | undefined;
let other: Server | undefined;
afterEach(async () => {
  await ops?.close();
  await new Promise((resolve) => (other ? other.close(resolve) : resolve(undefined)));
  ops = other = undefined;
});

const check = (port: number | string) => runTs('src/cli/healthcheck.ts', [], { env: { OPS_HOST: '127.0.0.1', OPS_PORT: String(port) } });

describe('the health check', () => {
  it('exits 0 when the bot answers /healthz', async () => {
    const status = new RunStatus();
    ops = await startOpsServer({ host: '127.0.0.1', port: 0, metrics: new Metrics(status), readiness: () => status.readiness(), logger: captureLogger().logger });
    expect((await check(ops.address().port)).code).toBe(0);
  });

  it('exits 1 when /healthz answers anything but 200', async () => {
    other = createServer((_, response) => response.writeHead(500).end());
    await new Promise<void>((resolve) => other!.listen(0, '127.0.0.1', resolve));
    const run = await check((other.address() as AddressInfo).port);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('/healthz answered 500');
  });

  it('exits 1 when nothing listens', async () => {
    const run = await check(await freePort());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('did not answer (ECONNREFUSED)');
  });

  it('exits 1 with OPS_PORT=0, whose port it cannot know', async () => {
    const run = await check(0);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('OPS_PORT=0');
  });

  it.each([
    ['127.0.0.1', 'http://127.0.0.1:9091/healthz'],
    ['0.0.0.0', 'http://127.0.0.1:9091/healthz'],
    ['::', 'http://[::1]:9091/healthz'],
    ['::1', 'http://[::1]:9091/healthz'],
    ['storybot.internal', 'http://storybot.internal:9091/healthz'],
  ])('probes a server bound to %s at %s', (host, url) => {
    expect(opsUrl(host, 9091, '/healthz')).toBe(url);
  });
});
