// Bolt, its Web API client and Socket Mode log through the app's pino logger, so their lines
// are JSON on stderr with the same redaction, and LOG_LEVEL governs them too. At debug level
// they echo whole payloads: what people typed, their user ids, the verification token and
// response_url (which lets anyone answer in their name for half an hour). Those lines keep
// their first words only, and anything shaped like a token, a user id or a response URL is
// masked in every other line.
import { inspect } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

// The Web API client's request and result lines echo each message sent: answers, and with
// them whatever part of a question a reply repeats. A line that is only a payload (Bolt's
// developer mode) has no words of its own to keep.
const ECHOES_PAYLOAD = /^(Received a message on the WebSocket|Sending a WebSocket message|Unable to parse an incoming WebSocket message|Calling ack\(\) - type: [\w-]+, envelope_id: [\w-]+|ack\(\) (?:call begins|response stored|response sent)|http request (?:body|result|headers))\b[\s\S]*$/;
const ONLY_PAYLOAD = /^\s*[{[]/;
const MASKS: readonly [RegExp, string][] = [
  [/\bx(?:ox[a-z]|app)-[\w-]+/g, '[token]'],
  [/https:\/\/hooks\.slack(?:-gov)?\.com\/\S+/g, '[response_url]'],
  // Slack ids have digits; that spares words such as UNDEFINED.
  [/\b[UW](?=[A-Z]*\d)[A-Z0-9]{8,}\b/g, '[user]'],
];

/** The text of a Bolt log line as it may be written. */
export function scrubBoltText(text: string): string {
  const echo = ECHOES_PAYLOAD.exec(text);
  if (echo) return `${echo[1]} (payload not logged)`;
  if (ONLY_PAYLOAD.test(text)) return '(payload not logged)';
  return MASKS.reduce((masked, [pattern, mask]) => masked.replace(pattern, mask), text);
}

const TO_BOLT: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...parts: unknown[]) => {
    // Bolt logs several debug lines per request; formatting them only to drop them showed up under load.
    if (!log.isLevelEnabled(level)) return;
    const err = parts.find((p): p is Error => p instanceof Error);
    const text = scrubBoltText(parts.filter((p) => p !== err).map((p) => (typeof p === 'string' ? p : inspect(p, { depth: 2, breakLength: Infinity }))).join(' '));
    if (err) log[level]({ err }, text);
    else log[level](text);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    getLevel: () => TO_BOLT[log.level] ?? LogLevel.ERROR,
    // LOG_LEVEL decides; Bolt asking for its own default must not override it.
    setLevel: () => undefined,
    setName: () => undefined,
  };
}
