// The composition root: config -> logger -> knowledge -> question log -> command context
// -> adapters. With no platform token set, the local console is the adapter.
import type { Adapter } from './adapters/adapter.js';
import { createConsoleAdapter } from './adapters/console/console-adapter.js';
import { createSlackAdapter } from './adapters/slack/slack-adapter.js';
import type { Config } from './config.js';
import type { CommandContext } from './core/command.js';
import { catalogueOf } from './core/gap-report.js';
import type { GapSource } from './core/gaps.js';
import { isEnglishWord } from './english-words.js';
import { KnowledgeStore } from './core/knowledge-store.js';
import { notRecording, type Recorder } from './core/recorder.js';
import { watchKnowledge, type KnowledgeWatcher } from './knowledge-watch.js';
import type { Logger } from './logger.js';
import { reportReloads } from './reload-control.js';
import { databasePath } from './storage/database.js';
import { QuestionLog, QuestionLogUnavailableError } from './storage/question-log.js';

export interface App {
  ctx: CommandContext;
  adapters: Adapter[];
  stop(): Promise<void>;
}

export async function startApp(config: Config, logger: Logger, onConsoleClose: () => void): Promise<App> {
  const store = await KnowledgeStore.open(config.knowledge.dir, { isWord: isEnglishWord });
  const snapshot = store.current();
  logger.info({ entries: snapshot.index.entries.length, sources: snapshot.knowledge.sources.size, dir: config.knowledge.dir }, 'knowledge loaded');
  for (const warning of store.initialWarnings) logger.warn({ problem: warning }, 'knowledge warning');
  reportReloads(store, logger, config.data.dir);

  const log = openQuestionLog(config, store, logger);
  const ctx: CommandContext = { store, recorder: log.recorder, gaps: log.gaps, startedAt: new Date() };
  const watcher: KnowledgeWatcher | undefined = config.knowledge.watch ? watchKnowledge({ store, logger }) : undefined;

  const adapters: Adapter[] = [];
  if (config.slack) adapters.push(createSlackAdapter({ ctx, logger, config: config.slack }));
  if (config.discord) {
    // Loaded only when configured: discord.js takes seconds to import on a small machine,
    // which the console and a misconfigured start should not wait for.
    const { createDiscordAdapter } = await import('./adapters/discord/discord-adapter.js');
    adapters.push(createDiscordAdapter({ ctx, logger, ...config.discord }));
  }
  if (adapters.length === 0) {
    adapters.push(createConsoleAdapter({ ctx, logger, onClose: onConsoleClose }));
  }
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
    adapters,
    async stop() {
      watcher?.close();
      await Promise.allSettled(adapters.map((a) => a.stop()));
      log.close();
    },
  };
}

interface OpenedLog {
  recorder: Recorder;
  gaps?: GapSource;
  close(): void;
}

/**
 * The question log, or no recording when it is off. If it cannot be opened, the bot still
 * answers: that is logged once here, and /gaps says the log is unavailable.
 */
function openQuestionLog(config: Config, store: KnowledgeStore, logger: Logger): OpenedLog {
  if (!config.data.questionLog) return { recorder: notRecording, close: () => undefined };
  const file = databasePath(config.data.dir);
  try {
    const log = QuestionLog.open({ dataDir: config.data.dir, retentionDays: config.data.retentionDays, hashSecret: config.data.hashSecret, logger, catalogue: catalogueOf(store) });
    logger.info({ file, retentionDays: config.data.retentionDays }, 'question log open');
    return { recorder: log, gaps: log, close: () => log.close() };
  } catch (error) {
    logger.error({ file, message: (error as Error).message }, 'the question log could not be opened; answering without recording questions or votes');
    const unavailable: GapSource = {
      gaps() {
        throw new QuestionLogUnavailableError(file);
      },
    };
    return { recorder: notRecording, gaps: unavailable, close: () => undefined };
  }
}
