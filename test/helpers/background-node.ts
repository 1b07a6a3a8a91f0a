// Starts one of the project's TypeScript entry points as a long-running child process, as
// npm start would, and stops it with a signal. Each run gets its own DATA_DIR and a free ops
// port unless the test gives them.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { entryArgs } from './entry.js';

export interface Background {
  child: ChildProcess;
  /** Resolves with the exit code once the process has ended and its output is read. */
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startTs(script: string, env: NodeJS.ProcessEnv): Background {
  const child = spawn(process.execPath, entryArgs(script), { env: { ...process.env, LOG_LEVEL: 'warn', OPS_PORT: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'storybot-data-')), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  // 'close' comes after the output streams end, so output() is then complete.
  const exited = once(child, 'close').then(([code]) => code as number | null);
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
