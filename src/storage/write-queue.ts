// Records on their way to a store that must never slow or fail the work that produced
// them: held in memory, written in batches on a later turn of the event loop, kept when a
// write fails and written when one works again. Nothing is lost without a word: a full
// queue is written at once, and only when even that fails are the oldest records dropped,
// each drop counted (for a metric) and said at warn level. Knows nothing of the store, so
// any store (SQLite now, a server database later) can sit behind it.
import type { Logger } from '../logger.js';

export interface WriteQueueOptions {
  /** Named in the log lines: "question log". */
  name: string;
  /** Records held while nothing can be written; past this the oldest are dropped. */
  maxQueued: number;
  /** The least time between two writes, so a busy process writes a few batches a second. */
  minFlushIntervalMs: number;
  logger: Logger;
  /** Called with the number of records dropped, each time some are. */
  onDropped?: (count: number) => void;
  /** Called on each failed write, said in the log only the first time. */
  onFailed?: () => void;
}

/** Writes every record given, or throws and keeps none of them. */
export type Writer<T> = (records: T[]) => void;

export class WriteQueue<T> {
  private records: T[] = [];
  private writer: Writer<T> | undefined;
  private flushScheduled = false;
  private lastFlush = -Infinity;
  private failing = false;
  /** Dropped since writing last worked, for the line that says it works again. */
  private dropped = 0;
  private closed = false;

  constructor(private readonly options: WriteQueueOptions) {}

  get length(): number {
    return this.records.length;
  }

  /** Where records go from now on; until there is a writer, they are held. */
  setWriter(writer: Writer<T>): void {
    this.writer = writer;
    if (this.records.length > 0) this.scheduleFlush();
  }

  push(record: T): void {
    if (this.closed) return;
    // A burst can fill the queue before its scheduled write comes round: write it now.
    if (this.records.length >= this.options.maxQueued) this.flush();
    if (this.records.length >= this.options.maxQueued) this.drop();
    this.records.push(record);
    this.scheduleFlush();
  }

  /** Writes what is held now. Never throws: a failure keeps the records for the next try. */
  flush(): void {
    this.flushScheduled = false;
    if (this.closed || this.records.length === 0 || !this.writer) return;
    this.lastFlush = performance.now();
    try {
      this.writer(this.records);
      this.records = [];
      this.succeeded();
    } catch (error) {
      this.failed(error);
    }
  }

  /** A write of something else to the same store worked or failed: the same story for the log. */
  succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    this.options.logger.warn({ dropped: this.dropped }, `${this.options.name} writes work again`);
    this.dropped = 0;
    if (this.records.length > 0) this.scheduleFlush();
  }

  failed(error: unknown): void {
    this.options.onFailed?.();
    if (this.failing) return;
    this.failing = true;
    // The code and message only: an error object could carry bound values.
    const { code, message } = describe(error);
    this.options.logger.error({ code, message, queued: this.records.length }, `${this.options.name} write failed; answers go on, and records are kept in memory until writing works again`);
  }

  /** Writes what it can and stops taking records; says how many were never written. */
  close(): number {
    if (this.closed) return 0;
    this.flush();
    this.closed = true;
    const lost = this.records.length;
    if (lost > 0) this.options.logger.warn({ lost, dropped: this.dropped }, `${this.options.name} closed with unwritten records`);
    return lost;
  }

  private drop(): void {
    this.records.shift();
    this.dropped++;
    this.options.onDropped?.(1);
    if (this.dropped === 1) {
      this.options.logger.warn({ maxQueued: this.options.maxQueued }, `${this.options.name} full: nothing can be written, so the oldest records held in memory are being dropped`);
    }
  }

  /** On the next turn, or once minFlushIntervalMs has passed since the last write. */
  private scheduleFlush(): void {
    if (this.flushScheduled || !this.writer) return;
    this.flushScheduled = true;
    const wait = this.lastFlush + this.options.minFlushIntervalMs - performance.now();
    if (wait <= 0) setImmediate(() => this.flush());
    // Unreferenced: a pending write must not keep a finished process alive; close() writes it.
    else setTimeout(() => this.flush(), wait).unref();
  }
}

function describe(error: unknown): { code?: string; message: string } {
  if (error instanceof Error) return { code: (error as { code?: string }).code, message: error.message };
  return { message: String(error) };
}
