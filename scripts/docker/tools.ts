// What the real-engine checks (docker-image-checks.ts, docker-compose-checks.ts) share:
// reporting checks, calling docker, waiting, and relaying from a container network to the
// stand-ins on this machine's loopback.
import { spawn, spawnSync } from 'node:child_process';
import { createConnection, createServer, type Socket } from 'node:net';

export const results: { name: string; ok: boolean }[] = [];

export function check(name: string, ok: boolean, detail?: string): boolean {
  results.push({ name, ok });
  process.stdout.write(`${ok ? '✓' : '✗'} ${name}${!ok && detail ? `\n    ${detail.trim().split('\n').slice(-15).join('\n    ')}` : ''}\n`);
  return ok;
}

/** A figure the step prints whatever happens: sizes, times. */
export function figure(name: string, value: string): void {
  process.stdout.write(`  ${name}: ${value}\n`);
}

export function summary(step: string): number {
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`${step}: ${results.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** docker (or another program) run to its end, bounded in time. */
export function run(program: string, args: string[], options: { input?: string; timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Ran {
  const result = spawnSync(program, args, { input: options.input, encoding: 'utf8', timeout: options.timeoutMs ?? 120_000, cwd: options.cwd, env: options.env, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}` };
}

export const docker = (args: string[], options: Parameters<typeof run>[2] = {}) => run('docker', args, options);

/** The same, without holding up the event loop (the stand-ins answer while it runs). */
export function runAsync(program: string, args: string[], options: { timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Fails instead of waiting for ever: a request into a container that never answers. */
export function within<T>(what: string, promise: Promise<T>, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The status of a GET, or undefined when it cannot be had within 3 s. */
export const statusOf = (url: string) => fetch(url, { signal: AbortSignal.timeout(3_000) }).then((r) => r.status, () => undefined);

export interface Relay {
  url(path?: string): string;
  close(): Promise<void>;
}

/**
 * Containers cannot reach this machine's loopback, where the Slack and Discord stand-ins
 * listen: a relay on their network's gateway address (private to this machine) passes each
 * connection on to the stand-in's port.
 */
export async function relay(gateway: string, target: URL): Promise<Relay> {
  const sockets = new Set<Socket>();
  const server = createServer((incoming) => {
    const outgoing = createConnection({ host: '127.0.0.1', port: Number(target.port) });
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, gateway, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: (path = target.pathname) => `http://${gateway}:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
