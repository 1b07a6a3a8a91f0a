// The composition root: config -> logger -> knowledge -> question log -> command context
// -> adapters. With no platform token set, the local console is the adapter. Metrics and the
// question log line hang off the recorder and the limiter here, once, for every platform.
import type { Adapter } from './adapters/adapter.js';
import { createConsoleAdapter } from './adapters/console/index.js';
import { createSlackAdapter } from './adapters/slack/index.js';
import type { Config } from './config.js';
import type { CommandContext } from './core/answering/command.js';
import { isEnglishWord } from './lexicon/english-words.js';
import { Intake } from './core/answering/intake.js';
import { KnowledgeStore } from './core/knowledge/store.js';
import { checkInWorker } from './ops/worker-checker.js';
import type { Platform } from './core/answering/recorder.js';
import { watchKnowledge, type KnowledgeWatcher } from './ops/knowledge-watch.js';
import type { Logger } from './logger.js';
import { Metrics } from './ops/metrics.js';
import { observeQuestions } from './ops/observed-recorder.js';
import { RunStatus } from './ops/run-status.js';
import { reportReloads } from './ops/reload-control.js';
import { openQuestionLog } from './storage/open.js';
import { hashKey, userHasher } from './storage/user-hash.js';
import type { SharedState } from './core/answering/shared-state.js';
import { openSharedState } from './state/open.js';

export const APP_DEFAULTS = Object.freeze({
  /** How long disconnecting may take, after the in-flight deadline, before the database is closed anyway. */
  disconnectTimeoutMs: 5_000,
  /** On top of both: closing the ops server and the question log, before shutdown gives up and exits. */
  shutdownMarginMs: 5_000,
});

export interface App {
  ctx: CommandContext;
  /** Rate limits, reloads and votes: this process's own, or shared with replicas in Redis. */
  state: SharedState;
  adapters: Adapter[];
  /**
   * Graceful shutdown: stop taking new commands, finish those in flight (up to the
   * deadline), disconnect every adapter, close the database.
   */
  stop(): Promise<StopReport>;
}

export interface StopReport {
  /** Every command in flight finished before the deadline. */
  drained: boolean;
  /** Still in flight when the deadline came. */
  abandoned: number;
}

export interface AppOptions {
  onConsoleClose: () => void;
  /** Shared with the ops server, which may be answering before start-up ends. */
  status?: RunStatus;
  metrics?: Metrics;
}

/** The platforms configured, in the order their adapters start; none means the console. */
export function configuredPlatforms(config: Config): Platform[] {
  return [...(config.slack ? (['slack'] as const) : []), ...(config.discord ? (['discord'] as const) : [])];
}

export async function startApp(config: Config, logger: Logger, options: AppOptions): Promise<App> {
  const status = options.status ?? new RunStatus();
  const platforms = configuredPlatforms(config);
  const metrics = options.metrics ?? new Metrics(status, { platforms });
  const store = await KnowledgeStore.open(config.knowledge.dir, { isWord: isEnglishWord, reloadChecker: checkInWorker, loadTimeoutMs: config.knowledge.loadTimeoutMs });
  const snapshot = store.current();
  logger.info({ entries: snapshot.index.entries.length, sources: snapshot.knowledge.sources.size, dir: config.knowledge.dir }, 'knowledge loaded');
  for (const warning of store.initialWarnings) logger.warn({ problem: warning }, 'knowledge warning');
  reportReloads(store, logger, config.data.dir, { shownOnConsole: platforms.length === 0 });
  store.onReload(function countReload(report) {
    metrics.reloads.inc({ outcome: report.ok ? 'ok' : 'failed' });
  });
  status.store = store;

  const log = openQuestionLog(config, { store, metrics, logger });
  const state = await openSharedState(config, { store, metrics, logger, hash: () => userHasher(hashKey(config.data.dir, config.data.hashSecret)) });
  status.redis = state.kind === 'redis' ? state : undefined;
  const intake = new Intake();
  const ctx: CommandContext = {
    store,
    recorder: observeQuestions(log.recorder, metrics, logger),
    gaps: log.gaps,
    startedAt: new Date(),
    intake,
    // The person at the local console runs the bot; only people on a platform are limited.
    limiter: platforms.length > 0 ? state.limiter : undefined,
    reloads: state.reloads,
    votes: state.votes,
    conversations: { store: state.turns, followUpMs: config.followUpMinutes * 60_000 },
    deliveries: state.deliveries,
  };
  const watcher: KnowledgeWatcher | undefined = config.knowledge.watch ? watchKnowledge({ store, logger }) : undefined;

  const adapters: Adapter[] = [];
  if (config.slack) adapters.push(createSlackAdapter({ ctx, logger, config: config.slack }));
  if (config.discord) {
    // Loaded only when configured: discord.js takes seconds to import on a small machine,
    // which the console and a misconfigured start should not wait for.
    const { createDiscordAdapter } = await import('./adapters/discord/index.js');
    adapters.push(createDiscordAdapter({ ctx, logger, ...config.discord }));
  }
  if (adapters.length === 0) {
    adapters.push(createConsoleAdapter({ ctx, logger, onClose: options.onConsoleClose }));
  }
  status.adapters = adapters;
  const started: Adapter[] = [];
  for (const adapter of adapters) {
    try {
      await adapter.start();
    } catch (error) {
      // Leave nothing connected behind when start-up fails part way.
      await Promise.allSettled(started.map((a) => a.stop()));
      throw error;
    }
    started.push(adapter);
    logger.info({ adapter: adapter.name }, 'adapter started');
  }
  return {
    ctx,
    state,
    adapters,
    async stop() {
      status.stopping = true;
      intake.close();
      logger.info({ inFlight: intake.inFlight, timeoutMs: config.shutdownTimeoutMs }, 'shutting down: no new commands; finishing those in flight');
      const drained = await intake.settle(config.shutdownTimeoutMs);
      const abandoned = intake.inFlight;
      if (!drained) logger.warn({ abandoned, timeoutMs: config.shutdownTimeoutMs }, 'shutdown deadline passed with commands in flight; disconnecting anyway');
      watcher?.close();
      const disconnected = await within(Promise.allSettled(adapters.map((a) => a.stop())), APP_DEFAULTS.disconnectTimeoutMs);
      if (!disconnected) logger.warn({ timeoutMs: APP_DEFAULTS.disconnectTimeoutMs }, 'an adapter did not disconnect in time');
      else logger.info({ adapters: adapters.map((a) => a.name) }, 'adapters disconnected');
      await log.close();
      logger.info('question log closed');
      await state.close();
      return { drained, abandoned };
    },
  };
}

/** True if the work settled within ms; it carries on either way. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
