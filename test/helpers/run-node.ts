// Runs one of the project's TypeScript entry points in a child Node process, as npm would.
// Each run gets its own DATA_DIR unless the test gives one, so no test writes the question
// log or pid file into the working tree.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { entryArgs } from './entry.js';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function childEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // OPS_PORT=0: a bot on a platform opens its ops port, and runs side by side must not collide.
  return { ...process.env, LOG_LEVEL: 'warn', OPS_PORT: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'storybot-data-')), ...env };
}

/** `user` runs it as another user (uid and gid), as root may, for what permissions decide. */
export function runTs(script: string, args: string[] = [], options: { input?: string; env?: NodeJS.ProcessEnv; user?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entryArgs(script), ...args], {
      env: childEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.user === undefined ? {} : { uid: options.user, gid: options.user }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export interface RunningChild {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout has matched; rejects if the process ends first. */
  waitForOutput(pattern: RegExp): Promise<void>;
  /** Ends its input and waits for it to exit. */
  finish(): Promise<RunResult>;
}

/** Starts a long-running entry point (the bot) with its input left open. */
export function startTs(script: string, options: { env?: NodeJS.ProcessEnv } = {}): RunningChild {
  const child = spawn(process.execPath, entryArgs(script), { env: childEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForOutput(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(stdout)) return;
          child.stdout.off('data', check);
          resolve();
        };
        child.stdout.on('data', check);
        void exited.then(() => reject(new Error(`exited before printing ${pattern}; stdout: ${stdout}\nstderr: ${stderr}`)));
        check();
      });
    },
    async finish() {
      child.stdin.end();
      const code = await exited;
      return { code, stdout, stderr };
    },
  };
}
