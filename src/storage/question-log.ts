// The question log: every question and vote, in SQLite, with user ids hashed. It is the
// Recorder the commands write to and the GapSource /gaps reads from.
//
// Writes must never slow or fail an answer: questions go through a WriteQueue (written in
// batches on a later turn, held in memory while the database cannot be written, never
// dropped without a warning and a metric). If the database cannot be opened at start-up
// (locked by another process, DATA_DIR not yet writable), the bot answers anyway, holds the
// questions, and opens the log again in the background with a growing wait until it can.
import type { Database } from 'better-sqlite3';
import type { Catalogue } from '../core/curation/gap-report.js';
import type { GapReport, GapSource } from '../core/curation/gaps.js';
import type { QuestionRecord, Recorder, VoteOutcome, VoteRecord } from '../core/answering/recorder.js';
import type { Logger } from '../logger.js';
import { openDatabase } from './database.js';
import { GROUPING_BUDGET_MS, retentionCutoff } from './gap-queries.js';
import { gapJob, gapReportOffThread } from './gap-thread.js';
import { questionRow } from './log-store.js';
import { QUERIES } from './queries.js';
import { BACKOFF_DEFAULTS, retryWithBackoff, type Backoff, type Retrying } from './retry.js';
import { hashKey, userHasher, type UserHasher } from './user-hash.js';
import { WriteQueue } from './write-queue.js';

export const QUESTION_LOG_DEFAULTS = Object.freeze({
  /** Questions held in memory while the database cannot be written; the oldest go first. */
  maxQueued: 1_000,
  pruneEveryMs: 6 * 60 * 60 * 1000,
  /**
   * The least time between two writes. One transaction per turn of the event loop cost
   * about 0.1 ms of CPU per question at a thousand questions a second (npm run bench);
   * holding questions this long at most gathers them into a few batches a second.
   */
  minFlushIntervalMs: 50,
});

export interface QuestionLogOptions {
  dataDir: string;
  retentionDays: number;
  hashSecret?: string;
  logger: Logger;
  catalogue: Catalogue;
  /** Called with the number of questions dropped from a full queue (a metric counts them). */
  onDropped?: (count: number) => void;
  /** Each failed write, retried later (a metric counts them). */
  onWriteFailed?: () => void;
}

/** The open database and what writes to it. */
interface Opened {
  db: Database;
  hash: UserHasher;
  insertQuestions: (records: QuestionRecord[]) => void;
  insertVote: (record: VoteRecord) => boolean;
  deleteOld: (before: number) => { questions: number; votes: number };
}

function openStore(options: QuestionLogOptions): Opened {
  const db = openDatabase(options.dataDir);
  try {
    // From here on a locked database fails a write at once instead of holding up answers.
    db.pragma('busy_timeout = 0');
    const hash = userHasher(hashKey(options.dataDir, options.hashSecret));
    // The queries PostgreSQL runs too (queries.ts).
    const insert = db.prepare<[string, number, string, string, string, string | null, number, number, number]>(QUERIES.insertQuestion);
    const vote = db.prepare<[number, string, string, string, number]>(QUERIES.insertVote);
    const questions = db.prepare<[number]>(QUERIES.deleteQuestions);
    const votes = db.prepare<[number]>(QUERIES.deleteVotes);
    return {
      db,
      hash,
      insertQuestions: db.transaction((records: QuestionRecord[]) => {
        for (const r of records) {
          const q = questionRow(r, hash);
          insert.run(q.id, q.at, q.platform, q.userHash, q.question, q.entryId, q.confidence, q.answered, q.ms);
        }
      }),
      insertVote: (r) => vote.run(r.at.getTime(), r.platform, hash(r.platform, r.userId), r.entryId, r.helpful ? 1 : 0).changes === 1,
      deleteOld: db.transaction((before: number) => ({ questions: questions.run(before).changes, votes: votes.run(before).changes })),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

export class QuestionLog implements Recorder, GapSource {
  private store: Opened | undefined;
  private readonly queue: WriteQueue<QuestionRecord>;
  private closed = false;
  private retrying: Retrying | undefined;
  private readonly pruneTimer: NodeJS.Timeout;
  /** /gaps requests run one at a time: each is a whole read of the log. */
  private gapsRunning: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: QuestionLogOptions) {
    this.queue = new WriteQueue({ name: 'question log', maxQueued: QUESTION_LOG_DEFAULTS.maxQueued, minFlushIntervalMs: QUESTION_LOG_DEFAULTS.minFlushIntervalMs, logger: options.logger, onDropped: options.onDropped, onFailed: options.onWriteFailed });
    this.pruneTimer = setInterval(() => this.prune(), QUESTION_LOG_DEFAULTS.pruneEveryMs).unref();
  }

  /** Creates or migrates DATA_DIR/storybot.db and prunes it; throws if that cannot be done. */
  static open(options: QuestionLogOptions): QuestionLog {
    const log = new QuestionLog(options);
    try {
      log.attach(openStore(options));
    } catch (error) {
      clearInterval(log.pruneTimer);
      throw error;
    }
    return log;
  }

  /**
   * Opens the log now if it can, and otherwise keeps trying in the background, waiting
   * longer after each failure, while questions wait in memory. onOpen says when it opened.
   */
  static openEventually(options: QuestionLogOptions, events: { onFailure(error: unknown, next: { attempt: number; delayMs: number }): void; onOpen(): void }, backoff: Backoff = BACKOFF_DEFAULTS): QuestionLog {
    const log = new QuestionLog(options);
    const attempt = () => {
      if (log.closed) return;
      log.attach(openStore(options));
      events.onOpen();
    };
    try {
      attempt();
    } catch (error) {
      events.onFailure(error, { attempt: 1, delayMs: backoff.firstDelayMs });
      log.retrying = retryWithBackoff(attempt, events.onFailure, backoff);
    }
    return log;
  }

  /** Whether the database is open (false while it is still being retried). */
  get open(): boolean {
    return this.store !== undefined;
  }

  recordQuestion(record: QuestionRecord): void {
    if (!this.closed) this.queue.push(record);
  }

  recordVote(record: VoteRecord): VoteOutcome {
    if (this.closed || !this.store) return 'not-recorded';
    try {
      const recorded = this.store.insertVote(record);
      this.queue.succeeded();
      return recorded ? 'recorded' : 'already-voted';
    } catch (error) {
      this.queue.failed(error);
      return 'not-recorded';
    }
  }

  /** Writes the queued questions now. Never throws: a failure keeps them queued. */
  flush(): void {
    this.queue.flush();
  }

  /**
   * The gap report, read and grouped in a worker thread: months of log take seconds to
   * group, and answering must not wait for that. Undefined while the log is not open.
   */
  async gaps(limit: number): Promise<GapReport | undefined> {
    if (!this.store || this.closed) return undefined;
    this.flush();
    const { catalogue, dataDir, retentionDays } = this.options;
    const job = gapJob(catalogue, { dataDir }, retentionCutoff(new Date(), retentionDays), limit);
    const report = this.gapsRunning.then(() => gapReportOffThread(job));
    this.gapsRunning = report.catch(() => undefined);
    const { partial } = await report;
    if (partial) this.options.logger.warn({ ...partial, budgetMs: GROUPING_BUDGET_MS }, 'gap report: only the most asked declined questions were grouped in the time allowed');
    return report;
  }

  /** Deletes questions and votes older than QUESTION_LOG_DAYS. */
  prune(now = new Date()): { questions: number; votes: number } {
    if (!this.store) return { questions: 0, votes: 0 };
    try {
      const deleted = this.store.deleteOld(retentionCutoff(now, this.options.retentionDays));
      if (deleted.questions + deleted.votes > 0) this.options.logger.info(deleted, 'question log pruned');
      return deleted;
    } catch (error) {
      this.queue.failed(error);
      return { questions: 0, votes: 0 };
    }
  }

  /** Writes what it can and closes the database; says how many records were never written. */
  close(): number {
    if (this.closed) return 0;
    clearInterval(this.pruneTimer);
    this.retrying?.cancel();
    const lost = this.queue.close();
    this.closed = true;
    this.store?.db.close();
    return lost;
  }

  private attach(store: Opened): void {
    this.store = store;
    this.prune();
    this.queue.setWriter(store.insertQuestions);
  }
}
