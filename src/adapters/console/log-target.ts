// Where the bot's log lines go when it runs as the local console. At a terminal, stderr is
// the same screen as the prompt: any line written there lands between a question and its
// answer, whatever level .env asks for. So there they go to a file in DATA_DIR instead.
// Piped, stderr is a stream of its own and keeps them, at warnings unless a level is set.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';

export const CONSOLE_LOG_FILE = 'console.log';

export interface LogTarget {
  level: string;
  pretty: boolean;
  file?: string;
}

export function logTarget(config: Config, onConsole: boolean, env: NodeJS.ProcessEnv = process.env, stderr: { isTTY?: boolean } = process.stderr): LogTarget {
  if (!onConsole) return config.log;
  if (stderr.isTTY) {
    const file = path.join(config.data.dir, CONSOLE_LOG_FILE);
    try {
      mkdirSync(config.data.dir, { recursive: true });
      return { level: config.log.level, pretty: false, file };
    } catch {
      // A DATA_DIR that cannot be made: keep the screen quiet but for errors.
      return { level: 'error', pretty: config.log.pretty };
    }
  }
  return { ...config.log, level: env.LOG_LEVEL ? config.log.level : 'warn' };
}
