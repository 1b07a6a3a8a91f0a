// A real redis-server on 127.0.0.1 and a free port, in a folder of its own, without
// persistence: started by the tests that need it and stopped after. stop() and start() take
// it down and bring it back on the same port, as an outage would.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../long-running.js';
import { MissingServerError, onPath } from './find-program.js';

export interface RedisServer {
  url: string;
  port: number;
  /** Ends the server at once (SIGKILL), as a crash would. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** SIGSTOPs it: its connections stay open, and nothing answers. */
  freeze(): void;
  /** SIGCONTs it after freeze(). */
  thaw(): void;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

const READY_WAIT_MS = 15_000;

export async function startRedis(): Promise<RedisServer> {
  const program = onPath('redis-server');
  if (!program) throw new MissingServerError('redis-server (Redis)', 'redis-server');
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'storybot-redis-'));
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    // Already running: a second server could not take the port, and the first would be left
    // behind with no handle to stop it.
    if (child && child.exitCode === null && child.signalCode === null) return;
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'];
    const started = spawn(program!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let output = '';
    for (const stream of [started.stdout!, started.stderr!]) stream.on('data', (chunk) => (output += chunk));
    await waitUntil(async () => ping(port), READY_WAIT_MS, () => (started.exitCode !== null ? `redis-server exited with ${started.exitCode}: ${output}` : undefined));
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async close() {
      child?.kill('SIGCONT');
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True once the server answers PING with PONG, over a plain socket. */
async function ping(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.startsWith('+PONG'));
      }
    });
  });
}

export async function waitUntil(check: () => Promise<boolean>, ms: number, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const why = failed();
    if (why) throw new Error(why);
    // A check that throws (a table not made yet, a server still starting) is not there yet.
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`not ready within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
