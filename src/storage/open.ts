// The question log the settings ask for: PostgreSQL with DATABASE_URL, SQLite in DATA_DIR
// without, none with QUESTION_LOG=off. Both are built here from one set of options, and both
// are closed the same way (a promise of how many records were never written).
import type { Config } from '../config.js';
import { notRecording, type Recorder } from '../core/answering/recorder.js';
import { catalogueOf } from '../core/curation/gap-report.js';
import type { GapSource } from '../core/curation/gaps.js';
import type { KnowledgeStore } from '../core/knowledge/store.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ops/metrics.js';
import { databasePath } from './database.js';
import { PostgresQuestionLog } from './postgres-log.js';
import { QuestionLog } from './question-log.js';
import { hashKey, userHasher } from './user-hash.js';

export interface OpenedLog {
  recorder: Recorder;
  gaps?: GapSource;
  /** Writes what it can; resolves with the count of records never written. */
  close(): Promise<number>;
}

export interface LogDeps {
  store: KnowledgeStore;
  metrics: Pick<Metrics, 'questionLogDropped' | 'questionLogWriteFailures'>;
  logger: Logger;
}

/**
 * If the log cannot be opened yet, the bot still answers: that is logged once, questions are
 * held in memory, and the log is opened again in the background until it can be; /gaps
 * meanwhile says so.
 */
export function openQuestionLog(config: Config, deps: LogDeps): OpenedLog {
  if (!config.data.questionLog) return { recorder: notRecording, close: async () => 0 };
  const { logger, metrics } = deps;
  const common = {
    retentionDays: config.data.retentionDays,
    logger,
    catalogue: catalogueOf(deps.store),
    onDropped: (count: number) => metrics.questionLogDropped.inc(count),
    onWriteFailed: () => metrics.questionLogWriteFailures.inc(),
  };
  if (config.databaseUrl) {
    // Connects in the background: questions are held until PostgreSQL can be reached.
    const log = new PostgresQuestionLog({ ...common, url: config.databaseUrl, hash: userHasher(hashKey(config.data.dir, config.data.hashSecret)) });
    return { recorder: log, gaps: log, close: () => log.close() };
  }
  const file = databasePath(config.data.dir);
  const log = QuestionLog.openEventually({ ...common, dataDir: config.data.dir, hashSecret: config.data.hashSecret }, {
    onOpen: () => logger.info({ file, retentionDays: config.data.retentionDays }, 'question log open'),
    onFailure(error, next) {
      const reason = { file, message: (error as Error).message, retryInMs: next.delayMs };
      // Said once at error level; each later attempt only at debug, so a long outage is one line.
      if (next.attempt === 1) logger.error(reason, 'the question log could not be opened; answering anyway, holding questions in memory and trying again');
      else logger.debug({ ...reason, attempt: next.attempt }, 'the question log still cannot be opened');
    },
  });
  return { recorder: log, gaps: log, close: async () => log.close() };
}
