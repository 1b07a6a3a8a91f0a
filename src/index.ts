// npm start: reads .env and the environment, then runs the bot until a signal or, on the
// console, the end of input. SIGHUP reloads the knowledge base (npm run reload sends it);
// SIGTERM and SIGINT shut down gracefully, and a second one exits at once. Errors nothing
// else caught are handled as src/ops/last-resort.ts says, from before anything else runs.
import { lastResort } from './ops/last-resort-installed.js';
import dotenv from 'dotenv';
import { parseCli } from './cli/args.js';
import { AdapterStartError } from './adapters/adapter.js';
import { APP_DEFAULTS, configuredPlatforms, startApp, type App } from './app.js';
import { parseConfig } from './config.js';
import { warnUnknownSettings } from './config-names.js';
import { logTarget } from './adapters/console/log-target.js';
import { KnowledgeLoadError } from './core/knowledge/store.js';
import { formatProblem } from './core/knowledge/problems.js';
import { createLogger } from './logger.js';
import { exitProcess } from './ops/exit.js';
import { Metrics } from './ops/metrics.js';
import { startOpsServer, type OpsServer } from './ops/ops-server.js';
import { RunStatus } from './ops/run-status.js';
import { EXIT_ON_SECOND, onStopSignals } from './ops/signals.js';
import { removePidFile, writePidFile } from './ops/reload-control.js';

parseCli({
  usage: 'usage: npm start',
  about: [
    'Runs StoryBot with the settings in .env and the environment (see .env.example): on Discord',
    'and/or Slack when their tokens are set, otherwise on a local console that reads questions',
    'from the terminal or from piped input. SIGHUP reloads the knowledge base; SIGTERM or',
    'SIGINT stops it after the questions in flight are answered.',
  ],
  options: {},
  help: {},
});
dotenv.config({ quiet: true });
warnUnknownSettings(process.env);
const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`StoryBot cannot start; fix these settings (in .env or the environment):\n${parsed.problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(2);
}
const config = parsed.config;
const platforms = configuredPlatforms(config);
const logger = createLogger(logTarget(config, platforms.length === 0));
lastResort.use(logger, () => void shutdown('uncaught exception', 1));

const status = new RunStatus();
const metrics = new Metrics(status, { platforms });
let starting: Promise<App> | undefined;
let app: App | undefined;
let ops: OpsServer | undefined;
let stopping = false;

async function shutdown(reason: string, code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  status.stopping = true;
  logger.info({ reason }, 'shutting down');
  // Every step below has its own deadline; this one holds whatever else could hang (a
  // start-up that never finishes, a connection that never closes) to the promise made.
  const deadlineMs = config.shutdownTimeoutMs + APP_DEFAULTS.disconnectTimeoutMs + APP_DEFAULTS.shutdownMarginMs;
  setTimeout(() => {
    logger.error({ deadlineMs }, 'shutdown did not finish in time; exiting without it');
    void exitProcess(1, logger);
  }, deadlineMs);
  // Mid start-up, let it finish so that what it opened is closed in order; a start-up that
  // fails exits on its own, and one that hangs is what a second signal is for.
  const running = app ?? (await starting?.catch(() => undefined));
  const report = await running?.stop();
  await ops?.close();
  try {
    removePidFile(config.data.dir);
  } catch {
    // A pid file left behind is recognised as stale by npm run reload.
  }
  logger.info({ drained: report?.drained ?? true }, 'stopped');
  await exitProcess(code, logger);
}

// Registered before start-up: SIGHUP's default would end the process, and a stop signal
// during start-up should still close what has opened.
process.on('SIGHUP', function reloadOnHangup() {
  if (!app) return void logger.warn('SIGHUP before start-up finished; ignored');
  logger.info('SIGHUP: reloading the knowledge base');
  void app.ctx.store.reload();
});
onStopSignals(process, {
  shutdown: (signal) => void shutdown(signal),
  exitNow(signal) {
    logger.warn({ signal }, 'second stop signal: exiting at once, without waiting for commands in flight');
    void exitProcess(EXIT_ON_SECOND[signal], logger);
  },
});

// The local console is a terminal session, not a service: no health or metrics port.
if (platforms.length > 0) {
  try {
    // Bound late: the endpoint exists from the start, and reloads once the app is up.
    const admin = config.adminToken ? { token: config.adminToken, reload: () => app?.state.reloads.reloadEverywhere() } : undefined;
    ops = await startOpsServer({ host: config.ops.host, port: config.ops.port, metrics, readiness: () => status.readiness(), logger, admin });
    const { address, port } = ops.address();
    logger.info({ host: address, port, adminReload: Boolean(admin) }, 'ops server listening: /healthz, /readyz, /metrics');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    process.stderr.write(`StoryBot cannot start: the health and metrics server cannot listen on ${config.ops.host}:${config.ops.port} (${code}). Set OPS_HOST and OPS_PORT to a free address.\n`);
    process.exit(1);
  }
}

try {
  starting = startApp(config, logger, { onConsoleClose: () => void shutdown('console closed'), status, metrics });
  app = await starting;
} catch (error) {
  if (error instanceof AdapterStartError) {
    process.stderr.write(`StoryBot cannot start: ${error.message}\n`);
  } else if (error instanceof KnowledgeLoadError) {
    process.stderr.write(`StoryBot cannot start; the knowledge base has problems:\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
  } else {
    logger.fatal({ err: error }, 'start-up failed');
  }
  await exitProcess(1, logger);
}
if (!stopping) {
  try {
    writePidFile(config.data.dir);
  } catch (error) {
    logger.warn({ dir: config.data.dir, message: (error as Error).message }, 'could not write the pid file; npm run reload will not find this bot (SIGHUP still reloads)');
  }
}
