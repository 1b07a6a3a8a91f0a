// Structured logs, one JSON line per event, always on stderr: stdout belongs to the CLI's
// JSON output and the console's answers. Secrets are redacted by field name wherever they
// appear, as a second line of defence behind never logging them in the first place.
import pino, { stdSerializers, type Logger } from 'pino';

export type { Logger } from 'pino';

const REDACT = ['token', 'botToken', 'appToken', 'signingSecret', 'hashSecret', 'secret', 'authorization', 'password', '*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.hashSecret', '*.authorization', 'headers.authorization'];

/** `file`: append to that file instead of stderr (the console at a terminal, see log-target.ts). */
export function createLogger(options: { level?: string; pretty?: boolean; file?: string } = {}): Logger {
  const level = options.level ?? 'info';
  const redact = { paths: REDACT, censor: '[redacted]' };
  if (options.file) return pino({ level, redact }, pino.destination({ dest: options.file, sync: true, mkdir: true }));
  if (options.pretty) {
    return pino({ level, redact, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino({ level, redact }, pino.destination({ dest: 2, sync: true }));
}

const TOKEN_IN_PATH = /(\/(?:interactions\/\d+|webhooks\/\d+)\/)[^/?#]+/g;

/**
 * An error as it may be logged. REST errors (discord.js's among them) carry the request URL
 * and body: a Discord interaction's URL holds its token, which lets anyone reply as the bot
 * for 15 minutes, and the body echoes what was being sent. Neither belongs in a log.
 */
export function loggableError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized: Record<string, unknown> = { ...stdSerializers.err(error) };
  delete serialized.requestBody;
  delete serialized.rawError;
  if (typeof serialized.url === 'string') serialized.url = serialized.url.replace(TOKEN_IN_PATH, '$1[redacted]');
  return serialized;
}
