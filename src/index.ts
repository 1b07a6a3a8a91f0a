// npm start: reads .env and the environment, then runs the bot until a signal or, on the
// console, the end of input. SIGHUP reloads the knowledge base (npm run reload sends it).
import dotenv from 'dotenv';
import { AdapterStartError } from './adapters/adapter.js';
import { startApp, type App } from './app.js';
import { parseConfig } from './config.js';
import { KnowledgeLoadError } from './core/knowledge-store.js';
import { formatProblem } from './core/knowledge/problems.js';
import { createLogger, loggableError } from './logger.js';
import { removePidFile, writePidFile } from './reload-control.js';

dotenv.config({ quiet: true });
const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`StoryBot cannot start; fix these settings (in .env or the environment):\n${parsed.problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(2);
}
const config = parsed.config;
// On the local console, routine info lines would interleave with the answers; show only
// warnings there unless a level was asked for.
const consoleOnly = !config.discord && !config.slack;
const logger = createLogger({ ...config.log, level: consoleOnly && !process.env.LOG_LEVEL ? 'warn' : config.log.level });

let app: App | undefined;
let stopping = false;
async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'shutting down');
  await app?.stop();
  try {
    removePidFile(config.data.dir);
  } catch {
    // A pid file left behind is recognised as stale by npm run reload.
  }
  process.exit(0);
}

// Registered before start-up, because SIGHUP's default would end the process.
process.on('SIGHUP', function reloadOnHangup() {
  if (!app) return void logger.warn('SIGHUP before start-up finished; ignored');
  logger.info('SIGHUP: reloading the knowledge base');
  void app.ctx.store.reload();
});

try {
  app = await startApp(config, logger, () => void shutdown('console closed'));
} catch (error) {
  if (error instanceof AdapterStartError) {
    process.stderr.write(`StoryBot cannot start: ${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof KnowledgeLoadError) {
    process.stderr.write(`StoryBot cannot start; the knowledge base has problems:\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    process.exit(1);
  }
  logger.fatal({ err: error }, 'start-up failed');
  process.exit(1);
}
try {
  writePidFile(config.data.dir);
} catch (error) {
  logger.warn({ dir: config.data.dir, message: (error as Error).message }, 'could not write the pid file; npm run reload will not find this bot (SIGHUP still reloads)');
}
// A platform library that trips over one malformed event rejects a promise nobody awaits;
// by default that would end the process, and every adapter with it. Log it and carry on.
process.on('unhandledRejection', (reason) => logger.error({ err: loggableError(reason) }, 'unhandled rejection'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
