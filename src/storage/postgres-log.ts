// The question log on PostgreSQL (DATABASE_URL), shared by every replica. Answers never wait
// on the database: questions (and votes not written at once) are held in a bounded buffer
// and written in batches on a later turn; while the server is unreachable, at start-up or
// later, writing is retried with a growing wait, each failed try counted, and all that is
// held is written once it is back. Past the bound the oldest are dropped, counted, said at warn.
import type { QuestionRecord, Recorder, VoteOutcome, VoteRecord } from '../core/answering/recorder.js';
import type { Catalogue } from '../core/curation/gap-report.js';
import type { GapReport, GapSource } from '../core/curation/gaps.js';
import type { Logger } from '../logger.js';
import { MAX_DECLINED_WORDINGS, retentionCutoff } from './gap-queries.js';
import { gapJob, gapReportOffThread } from './gap-thread.js';
import { questionRow, voteRow, type LogStore, type QuestionRow, type VoteRow } from './log-store.js';
import { openPostgresStore, POSTGRES_WHERE } from './postgres.js';
import { BACKOFF_DEFAULTS } from './retry.js';
import type { UserHasher } from './user-hash.js';

export const POSTGRES_LOG_DEFAULTS = Object.freeze({
  /** Questions and votes held while the server is unreachable; past this the oldest go. */
  maxQueued: 10_000,
  /** The least time between two writes: a busy replica writes a few batches a second. */
  minFlushIntervalMs: 50,
  /** A vote waits this long for its answer (already voted or not) before it is held instead. */
  voteWaitMs: 1_000,
  pruneEveryMs: 6 * 60 * 60 * 1000,
  /** At close, the last write may take this long, and ending the connections this long after. */
  closeWriteMs: 2_000,
  closeConnectionsMs: 1_000,
});

export interface PostgresLogOptions {
  url: string;
  retentionDays: number;
  hash: UserHasher;
  logger: Logger;
  catalogue: Catalogue;
  onDropped?: (count: number) => void;
  /** Each failed attempt to connect or write. */
  onWriteFailed?: () => void;
  maxQueued?: number;
}

type Held = { kind: 'question'; row: QuestionRow } | { kind: 'vote'; row: VoteRow };

export class PostgresQuestionLog implements Recorder, GapSource {
  private store: LogStore | undefined;
  private connecting: Promise<LogStore> | undefined;
  private held: Held[] = [];
  private inFlight = 0;
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastWrite = -Infinity;
  private retryMs: number = BACKOFF_DEFAULTS.firstDelayMs;
  private failing = false;
  private dropped = 0;
  private closed = false;
  private readonly pruneTimer: NodeJS.Timeout;

  constructor(private readonly options: PostgresLogOptions) {
    this.pruneTimer = setInterval(() => void this.prune(), POSTGRES_LOG_DEFAULTS.pruneEveryMs).unref();
    this.schedule(0);
  }

  /** Records not yet written, those being written now included. */
  get queued(): number {
    return this.held.length + this.inFlight;
  }

  recordQuestion(record: QuestionRecord): void {
    this.hold({ kind: 'question', row: questionRow(record, this.options.hash) });
  }

  async recordVote(record: VoteRecord): Promise<VoteOutcome> {
    if (this.closed) return 'not-recorded';
    const row = voteRow(record, this.options.hash);
    if (this.store && !this.failing) {
      const fresh = await within(this.store.insertVote(row), POSTGRES_LOG_DEFAULTS.voteWaitMs).catch((error: unknown) => this.failed(error));
      if (fresh !== undefined) return fresh ? 'recorded' : 'already-voted';
    }
    // Kept for when the server is back; a repeat is then ignored by the (person, entry) key.
    this.hold({ kind: 'vote', row });
    return 'recorded';
  }

  /** Undefined until the server has been reached: /gaps then says the log cannot be read yet. */
  async gaps(limit: number): Promise<GapReport | undefined> {
    if (!this.store) return undefined;
    await this.flush();
    const since = retentionCutoff(new Date(), this.options.retentionDays);
    // Read here, grouped in a worker thread: grouping months of questions takes seconds of CPU.
    const inputs = await this.store.gapInputs(since, MAX_DECLINED_WORDINGS);
    return gapReportOffThread(gapJob(this.options.catalogue, { inputs }, since, limit));
  }

  /** Writes what is held now; resolves once written or failed (failures are retried later). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.held.length === 0 || !this.store || this.closed) return;
    this.writing = this.writeHeld(this.store).finally(() => (this.writing = undefined));
    await this.writing;
  }

  async prune(now = new Date()): Promise<void> {
    if (!this.store) return;
    try {
      const deleted = await this.store.deleteOlderThan(retentionCutoff(now, this.options.retentionDays));
      if (deleted.questions + deleted.votes > 0) this.options.logger.info(deleted, 'question log pruned');
    } catch (error) {
      this.failed(error);
    }
  }

  /**
   * Writes what it can, then closes the connections; says how many records were never
   * written. Bounded: a server that hangs (frozen, or gone without a word) cannot hold up
   * shutdown past closeWriteMs + closeConnectionsMs. Records still in flight then count as
   * unwritten, since nothing confirmed them.
   */
  async close(): Promise<number> {
    if (this.closed) return 0;
    clearInterval(this.pruneTimer);
    clearTimeout(this.timer);
    this.timer = undefined;
    // One last try, connecting first if need be; a failure leaves the records counted as lost.
    if (this.queued > 0 || this.connecting) await settlesWithin(this.attempt(), POSTGRES_LOG_DEFAULTS.closeWriteMs);
    this.closed = true;
    clearTimeout(this.timer);
    const lost = this.queued;
    if (lost > 0) this.options.logger.warn({ lost }, 'question log closed with unwritten records: PostgreSQL could not be reached');
    // Ending a connection waits for the server to close its end, which a frozen one never does.
    await settlesWithin(this.store?.close() ?? Promise.resolve(), POSTGRES_LOG_DEFAULTS.closeConnectionsMs);
    return lost;
  }

  private hold(record: Held): void {
    if (this.closed) return;
    const max = this.options.maxQueued ?? POSTGRES_LOG_DEFAULTS.maxQueued;
    // A while, not an if: a failed batch put back may have taken the buffer past its bound.
    while (this.held.length >= max) {
      this.held.shift();
      this.dropped++;
      this.options.onDropped?.(1);
      if (this.dropped === 1) this.options.logger.warn({ maxQueued: max }, 'question log full: PostgreSQL cannot be reached, so the oldest questions held in memory are being dropped');
    }
    this.held.push(record);
    if (!this.failing) this.schedule(Math.max(0, this.lastWrite + POSTGRES_LOG_DEFAULTS.minFlushIntervalMs - performance.now()));
  }

  private schedule(ms: number): void {
    if (this.timer || this.closed) return;
    // Unreferenced: a pending write must not keep a finished process alive (close() writes).
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.attempt();
    }, ms).unref();
  }

  /** Connects if need be, then writes; on failure, tries again after a growing wait. */
  private async attempt(): Promise<void> {
    try {
      if (!this.store) await this.connect();
      await this.flush();
    } catch (error) {
      this.failed(error);
    }
    if (this.failing) {
      this.schedule(this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, BACKOFF_DEFAULTS.maxDelayMs);
    } else if (this.held.length > 0) this.schedule(POSTGRES_LOG_DEFAULTS.minFlushIntervalMs);
  }

  /** One connection attempt at a time, however many ask for it. */
  private async connect(): Promise<void> {
    this.connecting ??= openPostgresStore(this.options.url, this.options.logger).finally(() => (this.connecting = undefined));
    const store = await this.connecting;
    if (this.store) return;
    this.store = store;
    this.options.logger.info({ where: POSTGRES_WHERE, retentionDays: this.options.retentionDays }, 'question log open');
    void this.prune();
  }

  private async writeHeld(store: LogStore): Promise<void> {
    const batch = this.held;
    this.held = [];
    this.inFlight = batch.length;
    this.lastWrite = performance.now();
    try {
      const questions = batch.flatMap((h) => (h.kind === 'question' ? [h.row] : []));
      const votes = batch.flatMap((h) => (h.kind === 'vote' ? [h.row] : []));
      await store.insertBatch(questions, votes);
      this.succeeded();
    } catch (error) {
      // Put back in front of anything held meanwhile, in order. The batch was one transaction,
      // and if its commit went through unconfirmed, the ids make writing it again harmless.
      this.held = [...batch, ...this.held];
      this.failed(error);
    } finally {
      this.inFlight = 0;
    }
  }

  private failed(error: unknown): undefined {
    this.options.onWriteFailed?.();
    if (!this.failing) {
      this.failing = true;
      // The message only: pg's errors may carry bound values, never the URL's password.
      this.options.logger.error({ message: (error as Error).message, code: (error as { code?: string }).code, queued: this.held.length }, 'question log write failed: PostgreSQL cannot be reached; answers go on, and questions are held in memory and written when it is back');
    }
    this.schedule(this.retryMs);
    return undefined;
  }

  private succeeded(): void {
    this.retryMs = BACKOFF_DEFAULTS.firstDelayMs;
    if (!this.failing) return;
    this.failing = false;
    this.options.logger.warn({ dropped: this.dropped }, 'question log writes work again: everything held has been written');
    this.dropped = 0;
  }
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for the work, or for ms, whichever is first; the work's failure is its own business. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  const settled = await within(work.then(() => true, () => true), ms);
  return settled === true;
}
