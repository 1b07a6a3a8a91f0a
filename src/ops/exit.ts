// Ending the process, even when something is stuck. process.exit() waits for each of Node's
// worker threads to finish its task, so a file read stuck in one (a hung network disk under
// KNOWLEDGE_DIR) would keep a process that has said "stopped" alive until SIGKILL. When a
// knowledge load was given up on and its read has not returned, the process ends the way an
// unhandled SIGTERM ends it instead: at once, with SIGTERM's exit status.
import { abandonedLoads } from '../core/knowledge/deadline.js';
import type { Logger } from '../logger.js';

/** Never settles: the process is ending. Await it so that nothing after it runs meanwhile. */
export function exitProcess(code: number, logger?: Logger): Promise<never> {
  if (abandonedLoads() === 0) process.exit(code);
  logger?.warn({ code }, 'a knowledge file read is still stuck; ending the process without waiting for it');
  process.removeAllListeners('SIGTERM');
  process.kill(process.pid, 'SIGTERM');
  // The last resort, should even SIGTERM's default action be held up.
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 1_000);
  return new Promise<never>(() => undefined);
}
