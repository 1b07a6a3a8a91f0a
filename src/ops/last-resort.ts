// The process's last resort for errors nothing else caught, installed by src/index.ts before
// any other module runs (last-resort-installed.ts), and so before the logger exists (until
// then it writes its own JSON line to stderr).
//
// The policy:
// - A rejected promise nobody awaited (a platform library tripping over one malformed event):
//   logged, and the bot keeps serving. Nothing was left half-done that others depend on.
// - An 'error' event with no listener from a connection (a socket, PostgreSQL or Redis
//   client: a server restarted at the wrong moment, 57P01): logged, and the bot keeps
//   serving. That connection is gone, and its library opens a new one for the next command.
// - Any other exception: the program's own state may be broken, so it is logged as fatal and
//   the bot shuts down gracefully (commands in flight finish, the question log is closed)
//   with exit status 1, for the supervisor to restart it. Before start-up has finished, it
//   exits 1 at once.
// What is logged is the error's name, code and where it was thrown, never its message: a
// message may quote what someone typed, or a value bound to a query.
import type { Logger } from '../logger.js';

type Fatal = (error: unknown) => void;

/** Network errors (ECONNRESET …) and PostgreSQL's connection and shutdown classes (08…, 57P0…). */
const CONNECTION_CODE = /^(E[A-Z]+|08[0-9A-Z]{3}|57P0[0-9])$/;
const CONNECTION_MESSAGE = /^(Connection terminated|Client has encountered a connection error|read ECONNRESET|write EPIPE|socket hang up)/;

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && CONNECTION_CODE.test(code)) || CONNECTION_MESSAGE.test(error.message);
}

/** What may be logged of an error: no message, which could carry what someone typed. */
export function describeError(error: unknown): { name: string; code?: string; at?: string[] } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as { code?: unknown }).code;
  const at = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 5)
    .map((line) => line.trim());
  return { name: error.name, ...(typeof code === 'string' ? { code } : {}), at };
}

export interface LastResort {
  /** From here on, log through this logger and shut down gracefully on a fatal error. */
  use(logger: Logger, fatal: Fatal): void;
}

export function installLastResort(target: NodeJS.Process = process): LastResort {
  let logger: Logger | undefined;
  let fatal: Fatal | undefined;
  const log = (level: 'error' | 'fatal', fields: object, msg: string) => {
    if (logger) return void logger[level](fields, msg);
    target.stderr.write(`${JSON.stringify({ level: level === 'fatal' ? 60 : 50, time: Date.now(), ...fields, msg })}\n`);
  };
  target.on('unhandledRejection', (reason) => log('error', { err: describeError(reason) }, 'unhandled rejection'));
  target.on('uncaughtException', (error) => {
    if (isConnectionError(error)) return log('error', { err: describeError(error) }, 'a connection failed with nothing listening; serving on, and the next command reconnects');
    log('fatal', { err: describeError(error) }, 'uncaught exception; shutting down');
    if (fatal) fatal(error);
    else target.exit(1);
  });
  return {
    use(next, onFatal) {
      logger = next;
      fatal = onFatal;
    },
  };
}
