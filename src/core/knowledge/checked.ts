// Loading and checking a knowledge base, apart from building what serves it: every file
// read, every schema and cross-check run, and the self-test passed. This is the slow,
// synchronous part of a reload for a large base, so it is a port: the bot runs it in a
// worker thread (src/ops/knowledge-worker.ts), tools and tests in-process.
import type { EngineConfig } from '../search/config.js';
import { SearchIndex } from '../search/search-index.js';
import { selfTest } from '../search/self-test.js';
import { loadKnowledge } from './load.js';
import { hasErrors, type Problem } from './problems.js';
import { forgetFieldLines, type Entry, type Knowledge } from './types.js';

export interface CheckedKnowledge {
  knowledge: Knowledge;
  warnings: Problem[];
  /** Each entry's content in a form that tells changed entries apart (see fingerprintOf). */
  fingerprints: Map<string, string>;
  /** The index the self-test was run on, when the check ran in this thread and can lend it. */
  index?: SearchIndex;
}

export type CheckResult = ({ ok: true } & CheckedKnowledge) | { ok: false; problems: Problem[] };

export interface CheckOptions {
  config: EngineConfig;
  isWord?: (word: string) => boolean;
  /** Aborted when the load's deadline passes: stop reading and give up. */
  signal?: AbortSignal;
}

/** Loads and checks a knowledge folder; how a store gets its knowledge. */
export type KnowledgeChecker = (dir: string, options: CheckOptions) => Promise<CheckResult>;

/** The checker that runs in the calling thread. */
export const checkInProcess: KnowledgeChecker = async (dir, options) => {
  const loaded = await loadKnowledge(dir, { signal: options.signal });
  if (!loaded.ok) return loaded;
  const index = SearchIndex.build(loaded.knowledge, options.config, options.isWord);
  const collisions = selfTest(index);
  if (hasErrors(collisions)) return { ok: false, problems: [...loaded.warnings, ...collisions] };
  forgetFieldLines(loaded.knowledge);
  return { ok: true, knowledge: loaded.knowledge, warnings: [...loaded.warnings, ...collisions], fingerprints: fingerprintsOf(loaded.knowledge.entries), index };
};

/** What a reload compares to say which entries were added, removed or changed. */
export function fingerprintOf(entry: Entry): string {
  return JSON.stringify({ ...entry, origin: undefined });
}

export function fingerprintsOf(entries: readonly Entry[]): Map<string, string> {
  return new Map(entries.map((e) => [e.id, fingerprintOf(e)]));
}
