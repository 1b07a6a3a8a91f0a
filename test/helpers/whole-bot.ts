// The whole bot as `npm start` runs it, in a child process with its own DATA_DIR and a free
// ops port, every line it writes kept (stderr's JSON logs and anything on stdout).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Recorded } from './slack-stand-in/recorded.js';
import { entryArgs } from './entry.js';

// Whatever the machine running the tests has set must not leak into these runs.
export const UNSET = Object.freeze({ DISCORD_TOKEN: '', DISCORD_PUBLIC_KEY: '', DISCORD_SHARDS: '', DISCORD_GUILD_ID: '', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '', SLACK_API_URL: '', SLACK_ADMIN_USERS: '', USER_HASH_SECRET: '' });

export type LogLine = Record<string, any>;

export interface WholeBot {
  child: ChildProcess;
  /** Every line written, stdout and stderr alike. */
  lines: Recorded<string>;
  /** The exit code, once it has exited. */
  exited: Promise<number | null>;
  /** The first log line with this message, logged already or still to come; rejects if the bot exits first. */
  logged(msg: string): Promise<LogLine>;
  logs(): LogLine[];
  /** Base URL of the ops server. */
  ops: string;
}

function parse(line: string): LogLine | undefined {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return undefined;
  }
}

/** Starts src/index.ts and resolves once its ops server listens (so a platform must be configured). */
export async function startWholeBot(env: NodeJS.ProcessEnv): Promise<WholeBot> {
  const child = spawn(process.execPath, entryArgs('src/index.ts'), {
    env: { ...process.env, ...UNSET, LOG_LEVEL: 'info', OPS_PORT: '0', KNOWLEDGE_DIR: 'knowledge', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'storybot-data-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = new Recorded<string>();
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) lines.push(line);
    });
    stream.on('end', () => partial && lines.push(partial));
  }
  const exited = once(child, 'close').then(([code]) => code as number | null);
  const logged = (msg: string) =>
    Promise.race([
      lines.waitFor((line) => parse(line)?.msg === msg).then((line) => parse(line)!),
      exited.then((code): never => {
        throw new Error(`the bot exited with ${code} before logging "${msg}":\n${lines.items.join('\n')}`);
      }),
    ]);
  const listening = await logged('ops server listening: /healthz, /readyz, /metrics');
  return { child, lines, exited, logged, logs: () => lines.items.flatMap((l) => parse(l) ?? []), ops: `http://127.0.0.1:${listening.port}` };
}
