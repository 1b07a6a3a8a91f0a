// Starts one of the project's entry points as npm start would, and keeps it running until
// the test stops it: for servers, which never end on their own. Each run gets its own
// DATA_DIR and a free ops port unless the test gives them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Recorded } from './slack-stand-in/recorded.js';
import { entryArgs } from './entry.js';

export interface Running {
  child: ChildProcess;
  /** Every line the process wrote to stderr (its logs). */
  lines: Recorded<string>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function startTs(script: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, entryArgs(script), { env: { ...process.env, OPS_PORT: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'storybot-data-')), ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const lines = new Recorded<string>();
  let partial = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) lines.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A port nothing listens on right now, found by letting the system pick one on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
