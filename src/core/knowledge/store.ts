// Holds the knowledge base being served and swaps in a new one only when it is whole:
// load the files, validate them, self-test the index, and only then replace the snapshot
// in one assignment. Questions already running keep the snapshot they started with.
import { answerEntry, type AnswerResult, type Answered, type EntryRef } from '../answering/answer.js';
import { answerInContext } from '../conversation/in-context.js';
import { explain, type Explanation } from '../answering/why.js';
import type { Turn } from '../conversation/turns.js';
import { loadKnowledge } from './load.js';
import { hasErrors, type Problem } from './problems.js';
import { forgetFieldLines, type Entry, type Knowledge } from './types.js';
import { QuestionCompleter } from '../search/autocomplete.js';
import { DEFAULT_ENGINE_CONFIG, type Calibration, type EngineConfig } from '../search/config.js';
import { SearchIndex } from '../search/search-index.js';
import { selfTest } from '../search/self-test.js';

export interface Snapshot {
  knowledge: Knowledge;
  index: SearchIndex;
  config: EngineConfig;
  completer: QuestionCompleter;
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

export interface StoreOptions {
  config?: EngineConfig;
  /** An English dictionary, so real words are not taken for typos (see src/lexicon/english-words.ts). */
  isWord?: (word: string) => boolean;
}

export type BuildResult = { ok: true; snapshot: Snapshot; warnings: Problem[] } | { ok: false; problems: Problem[] };

export async function buildSnapshot(dir: string, options: StoreOptions = {}): Promise<BuildResult> {
  const loaded = await loadKnowledge(dir);
  if (!loaded.ok) return loaded;
  // The knowledge base's own calibration, unless a caller (calibrate, a test) passes a config.
  const config = options.config ?? withCalibration(DEFAULT_ENGINE_CONFIG, loaded.knowledge.calibration);
  // Each step runs without a break, and a large base takes seconds in all: between steps,
  // questions that arrived meanwhile are answered (from the snapshot still served).
  await nextTurn();
  const index = SearchIndex.build(loaded.knowledge, config, options.isWord);
  await nextTurn();
  const collisions = selfTest(index);
  if (hasErrors(collisions)) return { ok: false, problems: [...loaded.warnings, ...collisions] };
  forgetFieldLines(loaded.knowledge);
  await nextTurn();
  const snapshot = { knowledge: loaded.knowledge, index, config, completer: new QuestionCompleter(index), loadedAt: new Date() };
  return { ok: true, snapshot, warnings: [...loaded.warnings, ...collisions] };
}

export function withCalibration(config: EngineConfig, calibration: Calibration | undefined): EngineConfig {
  return calibration ? Object.freeze({ ...config, calibration }) : config;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
    const built = await buildSnapshot(dir, options);
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
    let built: BuildResult;
    try {
      built = await buildSnapshot(this.dir, this.options);
    } catch (error) {
      built = { ok: false, problems: [{ code: 'unreadable', severity: 'error', file: this.dir, message: `could not be loaded: ${String(error)}` }] };
    }
    const durationMs = performance.now() - started;
    const timing = { durationMs, startedAt, finishedAt: new Date() };
    let report: ReloadReport;
    if (built.ok) {
      this.snapshot = built.snapshot;
      report = { ok: true, keptPrevious: false, ...diff(before.knowledge, built.snapshot.knowledge), warnings: built.warnings, errors: [], ...counts(built.snapshot), ...timing, loadedAt: built.snapshot.loadedAt };
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

function diff(before: Knowledge, after: Knowledge): Pick<ReloadReport, 'added' | 'removed' | 'changed'> {
  const content = (e: Entry) => JSON.stringify({ ...e, origin: undefined });
  const old = new Map(before.entries.map((e) => [e.id, content(e)]));
  const now = new Map(after.entries.map((e) => [e.id, content(e)]));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    changed: [...now].filter(([id, c]) => old.has(id) && old.get(id) !== c).map(([id]) => id),
  };
}
