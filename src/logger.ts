// Structured logs, one JSON line per event, always on stderr: stdout belongs to the CLI's
// JSON output and the console's answers. Secrets are redacted by field name wherever they
// appear, as a second line of defence behind never logging them in the first place.
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

const REDACT = ['token', 'botToken', 'appToken', 'signingSecret', 'hashSecret', 'secret', 'authorization', 'password', '*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.hashSecret', '*.authorization', 'headers.authorization'];

export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  const level = options.level ?? 'info';
  const redact = { paths: REDACT, censor: '[redacted]' };
  if (options.pretty) {
    return pino({ level, redact, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino({ level, redact }, pino.destination({ dest: 2, sync: true }));
}
