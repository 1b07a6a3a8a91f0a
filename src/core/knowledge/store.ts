// Holds the knowledge base being served and swaps in a new one only when it is whole:
// load the files, validate them, self-test the index, and only then replace the snapshot
// in one assignment. Questions already running keep the snapshot they started with.
import { answerEntry, answerQuestion, type AnswerResult, type Answered, type EntryRef } from '../answering/answer.js';
import { answerInContext } from '../conversation/in-context.js';
import { explain, type Explanation } from '../answering/why.js';
import type { Turn } from '../conversation/turns.js';
import { checkInProcess, type KnowledgeChecker } from './checked.js';
import { withinDeadline } from './deadline.js';
import type { Problem } from './problems.js';
import type { Knowledge } from './types.js';
import { QuestionCompleter } from '../search/autocomplete.js';
import { DEFAULT_ENGINE_CONFIG, type Calibration, type EngineConfig } from '../search/config.js';
import { SearchIndex } from '../search/search-index.js';

export interface Snapshot {
  knowledge: Knowledge;
  index: SearchIndex;
  config: EngineConfig;
  completer: QuestionCompleter;
  /** Each entry's content, to say what a reload changed. */
  fingerprints: ReadonlyMap<string, string>;
  loadedAt: Date;
}

export interface ReloadReport {
  ok: boolean;
  /** True when the files were rejected and the previous knowledge base is still served. */
  keptPrevious: boolean;
  added: string[];
  removed: string[];
  changed: string[];
  warnings: Problem[];
  errors: Problem[];
  entries: number;
  drafts: number;
  sources: number;
  durationMs: number;
  /** When this reload began and ended: reloads never overlap. */
  startedAt: Date;
  finishedAt: Date;
  /** When the knowledge base now served was loaded. */
  loadedAt: Date;
  /** With several replicas, how each fared; absent when the bot runs as one process. */
  replicas?: ReplicaTally;
}

/** How a reload went across the replicas, this one included. */
export interface ReplicaTally {
  /** Replicas asked to reload, this one included. */
  replicas: number;
  reloaded: number;
  /** Rejected the files and kept serving what they had. */
  refused: number;
  /** Did not answer within the wait: still reloading, or gone. */
  silent: number;
  /** False when the others could not be asked at all (Redis unreachable): only this one reloaded. */
  reached: boolean;
}

export const KNOWLEDGE_DEFAULTS = Object.freeze({
  /** A load or reload not done by then fails, and the knowledge base being served stays. */
  loadTimeoutMs: 60_000,
});

export interface StoreOptions {
  config?: EngineConfig;
  /** How the files are loaded and checked: in this thread unless the bot passes a worker. */
  checker?: KnowledgeChecker;
  /**
   * The same for reloads, while questions are being answered: the bot checks in a worker
   * then (see src/ops/worker-checker.ts). The first load has nobody waiting yet.
   */
  reloadChecker?: KnowledgeChecker;
  /** An English dictionary, so real words are not taken for typos (see src/lexicon/english-words.ts). */
  isWord?: (word: string) => boolean;
  loadTimeoutMs?: number;
}

export type BuildResult = { ok: true; snapshot: Snapshot; warnings: Problem[] } | { ok: false; problems: Problem[] };

export async function buildSnapshot(dir: string, options: StoreOptions = {}, signal?: AbortSignal): Promise<BuildResult> {
  const checker = options.checker ?? checkInProcess;
  const checked = await checker(dir, { config: options.config ?? DEFAULT_ENGINE_CONFIG, ...(options.isWord ? { isWord: options.isWord } : {}), ...(signal ? { signal } : {}) });
  if (!checked.ok) return checked;
  if (signal?.aborted) return { ok: false, problems: [{ code: 'unreadable', severity: 'error', file: dir, message: 'was given up at its deadline' }] };
  // The knowledge base's own calibration, unless a caller (calibrate, a test) passes a config.
  const config = options.config ?? withCalibration(DEFAULT_ENGINE_CONFIG, checked.knowledge.calibration);
  // Checked in this thread, the index the self-test ran on serves as it is; checked in a
  // worker, the index is built here in slices, so questions keep being answered meanwhile.
  const index = checked.index ?? (await SearchIndex.buildSliced(checked.knowledge, config, options.isWord));
  index.forgetPhrasingTerms();
  await nextTurn();
  const snapshot = { knowledge: checked.knowledge, index, config, completer: checked.index ? new QuestionCompleter(index) : await QuestionCompleter.sliced(index), fingerprints: checked.fingerprints, loadedAt: new Date() };
  return { ok: true, snapshot, warnings: checked.warnings };
}

export function withCalibration(config: EngineConfig, calibration: Calibration | undefined): EngineConfig {
  return calibration ? Object.freeze({ ...config, calibration }) : config;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** buildSnapshot within the deadline, or a failure saying it took too long; a late result is dropped. */
function buildInTime(dir: string, options: StoreOptions): Promise<BuildResult> {
  const failed = (message: string): BuildResult => ({ ok: false, problems: [{ code: 'unreadable', severity: 'error', file: dir, message }] });
  return withinDeadline((signal) => buildSnapshot(dir, options, signal), options.loadTimeoutMs ?? KNOWLEDGE_DEFAULTS.loadTimeoutMs, failed);
}

export class KnowledgeLoadError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`the knowledge base has ${problems.filter((p) => p.severity === 'error').length} problem(s)`);
  }
}

export class KnowledgeStore {
  private snapshot: Snapshot;
  private pending: Promise<ReloadReport> | null = null;
  private readonly listeners: ((report: ReloadReport) => void)[] = [];

  private constructor(
    readonly dir: string,
    private readonly options: StoreOptions,
    first: Snapshot,
    readonly initialWarnings: Problem[],
  ) {
    this.snapshot = first;
  }

  /** Loads the knowledge base for the first time; throws KnowledgeLoadError if it is invalid. */
  static async open(dir: string, options: StoreOptions = {}): Promise<KnowledgeStore> {
    const built = await buildInTime(dir, options);
    if (!built.ok) throw new KnowledgeLoadError(built.problems);
    return new KnowledgeStore(dir, options, built.snapshot, built.warnings);
  }

  current(): Snapshot {
    return this.snapshot;
  }

  /** With the last answer of its conversation, a question may be read as a follow-up of it. */
  ask(question: string, previous?: Turn): AnswerResult {
    return answerInContext(this.snapshot, question, previous);
  }

  /** What the engine saw when it gave this reply: "Why this answer?". */
  explain(result: AnswerResult): Explanation {
    return explain(this.snapshot, result);
  }

  answerEntry(id: string): Answered | undefined {
    return answerEntry(this.snapshot, id);
  }

  complete(typed: string, limit: number): EntryRef[] {
    return this.snapshot.completer.complete(typed, limit);
  }

  get reloading(): boolean {
    return this.pending !== null;
  }

  onReload(listener: (report: ReloadReport) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Reloads from disk. Reloads never overlap: one asked for while another runs starts
   * when that one ends, so it reads the files as they are after it.
   */
  reload(): Promise<ReloadReport> {
    const previous = this.pending ?? Promise.resolve();
    const run = previous.then(
      () => this.reloadNow(),
      () => this.reloadNow(),
    );
    this.pending = run;
    void run.finally(() => {
      if (this.pending === run) this.pending = null;
    });
    return run;
  }

  private async reloadNow(): Promise<ReloadReport> {
    const started = performance.now();
    const startedAt = new Date();
    const before = this.snapshot;
    const built = await buildInTime(this.dir, { ...this.options, checker: this.options.reloadChecker ?? this.options.checker });
    const durationMs = performance.now() - started;
    const timing = { durationMs, startedAt, finishedAt: new Date() };
    let report: ReloadReport;
    if (built.ok) {
      this.snapshot = built.snapshot;
      report = { ok: true, keptPrevious: false, ...diff(before, built.snapshot), warnings: built.warnings, errors: [], ...counts(built.snapshot), ...timing, loadedAt: built.snapshot.loadedAt };
    } else {
      const errors = built.problems.filter((p) => p.severity === 'error');
      const warnings = built.problems.filter((p) => p.severity !== 'error');
      report = { ok: false, keptPrevious: true, added: [], removed: [], changed: [], warnings, errors, ...counts(before), ...timing, loadedAt: before.loadedAt };
    }
    for (const listener of this.listeners) listener(report);
    return report;
  }
}

function counts(snapshot: Snapshot): Pick<ReloadReport, 'entries' | 'drafts' | 'sources'> {
  const entries = snapshot.knowledge.entries;
  const drafts = entries.filter((e) => e.status === 'draft').length;
  return { entries: entries.length - drafts, drafts, sources: snapshot.knowledge.sources.size };
}

function diff(before: Snapshot, after: Snapshot): Pick<ReloadReport, 'added' | 'removed' | 'changed'> {
  const old = before.fingerprints;
  const now = after.fingerprints;
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    changed: [...now].filter(([id, c]) => old.has(id) && old.get(id) !== c).map(([id]) => id),
  };
}
