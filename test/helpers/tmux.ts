// A program on a real terminal, read as a person sees it: tmux runs it in a window of a
// given size, send-keys types, capture-pane reads the screen. Each session has its own
// tmux server (its own socket), stopped by close().
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
let count = 0;

export interface TmuxSession {
  /** The screen as shown, one string per row, trailing blanks trimmed. */
  screen(): Promise<string[]>;
  /** tmux key names or literal text ("Enter", "C-c", "who is x"). */
  keys(...keys: string[]): Promise<void>;
  /** Literal text, typed as it is. */
  type(text: string): Promise<void>;
  waitFor(check: (screen: string[]) => boolean, what: string, timeoutMs?: number): Promise<string[]>;
  /** Whether the program has ended (its window is gone). */
  ended(): Promise<boolean>;
  close(): Promise<void>;
}

export async function startInTmux(command: string, options: { width: number; height?: number; env?: NodeJS.ProcessEnv }): Promise<TmuxSession> {
  const socket = `storybot-test-${process.pid}-${++count}`;
  const tmux = (...args: string[]) => run('tmux', ['-L', socket, ...args], { env: { ...process.env, ...options.env } });
  // remain-on-exit off: the session ends with the program, which ended() reads.
  await tmux('new-session', '-d', '-x', String(options.width), '-y', String(options.height ?? 50), command);
  const session: TmuxSession = {
    async screen() {
      const { stdout } = await tmux('capture-pane', '-p');
      return stdout.split('\n').map((l) => l.trimEnd());
    },
    async keys(...keys) {
      await tmux('send-keys', ...keys);
    },
    async type(text) {
      await tmux('send-keys', '-l', text);
    },
    async waitFor(check, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let last: string[] = [];
      while (Date.now() < deadline) {
        try {
          last = await session.screen();
        } catch {
          throw new Error(`the program ended before ${what}; last screen:\n${last.join('\n')}`);
        }
        if (check(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`timed out waiting for ${what}; screen:\n${last.join('\n')}`);
    },
    async ended() {
      return tmux('has-session').then(
        () => false,
        () => true,
      );
    },
    async close() {
      await tmux('kill-server').catch(() => undefined);
    },
  };
  return session;
}
