// Bolt, its Web API client and Socket Mode log through the app's pino logger, so their lines
// are JSON on stderr with the same redaction, and LOG_LEVEL governs them too.
import { inspect } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

const TO_BOLT: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...parts: unknown[]) => {
    // Bolt logs several debug lines per request; formatting them only to drop them showed up under load.
    if (!log.isLevelEnabled(level)) return;
    const err = parts.find((p): p is Error => p instanceof Error);
    const text = parts.filter((p) => p !== err).map((p) => (typeof p === 'string' ? p : inspect(p, { depth: 2, breakLength: Infinity }))).join(' ');
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
