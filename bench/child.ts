// Starts one of the project's TypeScript entry points in a process of its own, so a server
// under load and the load generator do not share an event loop.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  process: ChildProcess;
  /** Resolves once a line of its stderr matches; rejects if it exits first. */
  waitFor(pattern: RegExp): Promise<void>;
  stderr(): string;
  stop(): Promise<void>;
}

export function startChild(script: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Child {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  return {
    process: child,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(stderr)) return;
          child.stderr!.off('data', check);
          resolve();
        };
        child.stderr!.on('data', check);
        void exited.then((code) => reject(new Error(`${script} exited with ${code} before printing ${pattern}:\n${stderr.slice(-2000)}`)));
        check();
      });
    },
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
