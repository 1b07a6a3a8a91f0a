// The question log: every question and vote, in SQLite, with user ids hashed. It is the
// Recorder the commands write to and the GapSource /gaps reads from.
//
// Writes must never slow or fail an answer. Questions are queued and written on the next
// turn of the event loop, after the answer has been handed back, in one transaction per
// batch, without waiting on a lock; under load, at most one batch every
// QUESTION_LOG_DEFAULTS.minFlushIntervalMs. If a write fails (locked database, full disk) nothing
// reaches the answer: the records stay queued for the next attempt (up to a bound), and the
// failure is logged once, not once per question, with a second line when writing recovers.
import type { Database } from 'better-sqlite3';
import { buildGapReport, type Catalogue } from '../core/curation/gap-report.js';
import type { GapReport, GapSource } from '../core/curation/gaps.js';
import type { QuestionRecord, Recorder, VoteOutcome, VoteRecord } from '../core/answering/recorder.js';
import type { Logger } from '../logger.js';
import { openDatabase } from './database.js';
import { readGapInputs, retentionCutoff } from './gap-queries.js';
import { QUERIES } from './queries.js';
import { hashKey, userHasher, type UserHasher } from './user-hash.js';

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
}

interface QuestionRow {
  at: number;
  platform: string;
  userHash: string;
  question: string;
  entryId: string | null;
  confidence: number;
  answered: number;
  ms: number;
}

export class QuestionLog implements Recorder, GapSource {
  private queue: QuestionRow[] = [];
  private flushScheduled = false;
  private lastFlush = -Infinity;
  private failing = false;
  private dropped = 0;
  private closed = false;
  private readonly pruneTimer: NodeJS.Timeout;
  private readonly insertQuestions: (rows: QuestionRow[]) => void;
  private readonly insertVote;
  private readonly deleteOld;

  private constructor(
    private readonly db: Database,
    private readonly hash: UserHasher,
    private readonly options: QuestionLogOptions,
  ) {
    // The queries PostgreSQL runs too (queries.ts).
    const insert = db.prepare<[number, string, string, string, string | null, number, number, number]>(QUERIES.insertQuestion);
    this.insertQuestions = db.transaction((rows: QuestionRow[]) => {
      for (const r of rows) insert.run(r.at, r.platform, r.userHash, r.question, r.entryId, r.confidence, r.answered, r.ms);
    });
    this.insertVote = db.prepare<[number, string, string, string, number]>(QUERIES.insertVote);
    const questions = db.prepare<[number]>(QUERIES.deleteQuestions);
    const votes = db.prepare<[number]>(QUERIES.deleteVotes);
    this.deleteOld = db.transaction((before: number) => ({ questions: questions.run(before).changes, votes: votes.run(before).changes }));
    this.pruneTimer = setInterval(() => this.prune(), QUESTION_LOG_DEFAULTS.pruneEveryMs).unref();
  }

  /** Creates or migrates DATA_DIR/storybot.db and prunes it; throws if that cannot be done. */
  static open(options: QuestionLogOptions): QuestionLog {
    const db = openDatabase(options.dataDir);
    try {
      // From here on a locked database fails a write at once instead of holding up answers.
      db.pragma('busy_timeout = 0');
      const log = new QuestionLog(db, userHasher(hashKey(options.dataDir, options.hashSecret)), options);
      log.prune();
      return log;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  recordQuestion(record: QuestionRecord): void {
    if (this.closed) return;
    if (this.queue.length >= QUESTION_LOG_DEFAULTS.maxQueued) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push({
      at: record.at.getTime(),
      platform: record.platform,
      userHash: this.hash(record.platform, record.userId),
      question: record.question,
      entryId: record.entryId,
      confidence: record.confidence,
      answered: record.answered ? 1 : 0,
      ms: record.ms,
    });
    this.scheduleFlush();
  }

  recordVote(record: VoteRecord): VoteOutcome {
    if (this.closed) return 'not-recorded';
    try {
      const result = this.insertVote.run(record.at.getTime(), record.platform, this.hash(record.platform, record.userId), record.entryId, record.helpful ? 1 : 0);
      this.succeeded();
      return result.changes === 1 ? 'recorded' : 'already-voted';
    } catch (error) {
      this.failed(error);
      return 'not-recorded';
    }
  }

  /** Writes the queued questions now. Never throws: a failure keeps them queued. */
  flush(): void {
    this.flushScheduled = false;
    if (this.closed || this.queue.length === 0) return;
    this.lastFlush = performance.now();
    try {
      this.insertQuestions(this.queue);
      this.queue = [];
      this.succeeded();
    } catch (error) {
      this.failed(error);
    }
  }

  gaps(limit: number): GapReport {
    this.flush();
    const inputs = readGapInputs(this.db, retentionCutoff(new Date(), this.options.retentionDays));
    return buildGapReport(inputs, this.options.catalogue, limit);
  }

  /** Deletes questions and votes older than QUESTION_LOG_DAYS. */
  prune(now = new Date()): { questions: number; votes: number } {
    try {
      const deleted = this.deleteOld(retentionCutoff(now, this.options.retentionDays));
      if (deleted.questions + deleted.votes > 0) this.options.logger.info(deleted, 'question log pruned');
      return deleted;
    } catch (error) {
      this.failed(error);
      return { questions: 0, votes: 0 };
    }
  }

  close(): void {
    if (this.closed) return;
    clearInterval(this.pruneTimer);
    this.flush();
    this.closed = true;
    if (this.queue.length > 0) this.options.logger.warn({ lost: this.queue.length }, 'question log closed with unwritten questions');
    this.db.close();
  }

  private failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    // The code and message only: an error object could carry bound values.
    const { code, message } = describe(error);
    this.options.logger.error({ code, message, queued: this.queue.length }, 'question log write failed; answers go on, and questions are kept in memory until writing works again');
  }

  private succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    this.options.logger.warn({ dropped: this.dropped }, 'question log writes work again');
    this.dropped = 0;
    if (this.queue.length > 0) this.scheduleFlush();
  }

  /** On the next turn, or once minFlushIntervalMs has passed since the last write. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const wait = this.lastFlush + QUESTION_LOG_DEFAULTS.minFlushIntervalMs - performance.now();
    if (wait <= 0) setImmediate(() => this.flush());
    // Unreferenced: a pending write must not keep a finished process alive; close() writes it.
    else setTimeout(() => this.flush(), wait).unref();
  }
}

function describe(error: unknown): { code?: string; message: string } {
  if (error instanceof Error) return { code: (error as { code?: string }).code, message: error.message };
  return { message: String(error) };
}

/** /gaps when the log could not be opened at start-up: an error for the adapter to report. */
export class QuestionLogUnavailableError extends Error {
  readonly code = 'question-log-unavailable';
  constructor(file: string) {
    super(`the question log at ${file} could not be opened at start-up (see the start-up log); restart StoryBot once it can be`);
    this.name = 'QuestionLogUnavailableError';
  }
}
