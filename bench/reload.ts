// Reloading the 10,000-entry base from disk, and what a reload does to answers: questions
// arrive at a steady rate, and each is timed from when it arrived to when it was answered,
// so time spent waiting behind the reload's synchronous work counts.
import { setTimeout as sleep } from 'node:timers/promises';
import { KnowledgeStore } from '../src/core/knowledge/store.js';
import { isEnglishWord } from '../src/lexicon/english-words.js';
import { checkInWorker } from '../src/ops/worker-checker.js';
import { percentile } from './measure.js';

export interface Latency {
  questions: number;
  median: number;
  p99: number;
  max: number;
}

export interface ReloadResult {
  entries: number;
  reloadsMs: number[];
  reloadMedianMs: number;
  /** One question every ARRIVAL_MS with nothing else running. */
  idle: Latency;
  /** The same stream while one reload runs from start to end. */
  duringReload: Latency;
}

const ARRIVAL_MS = 5;

function summarise(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { questions: sorted.length, median: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/**
 * Answers a stream of questions due every ARRIVAL_MS until `finished` settles. Questions
 * that arrived before then but waited behind it are answered and counted too.
 */
async function stream(store: KnowledgeStore, questions: readonly string[], finished: Promise<unknown>): Promise<number[]> {
  let end = Infinity;
  void finished.then(() => (end = performance.now()));
  const latencies: number[] = [];
  let due = performance.now();
  let i = 0;
  for (;;) {
    // Every question that has arrived by now is answered, oldest first.
    while (due <= Math.min(performance.now(), end)) {
      store.ask(questions[i++ % questions.length]!);
      latencies.push(performance.now() - due);
      due += ARRIVAL_MS;
    }
    if (due > end) return latencies;
    await sleep(Math.max(0, due - performance.now()));
  }
}

export async function measureReload(dir: string, questions: readonly string[], rounds = 3): Promise<ReloadResult> {
  // As the bot runs: reloads checked in a worker, the index built here in slices.
  const store = await KnowledgeStore.open(dir, { isWord: isEnglishWord, reloadChecker: checkInWorker });
  for (const q of questions) store.ask(q);
  const idle = await stream(store, questions, sleep(2000));
  const reloadsMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const report = await store.reload();
    if (!report.ok) throw new Error(`the synthetic base failed to reload: ${report.errors[0]?.message}`);
    reloadsMs.push(report.durationMs);
  }
  const during = await stream(store, questions, store.reload());
  return {
    entries: store.current().index.entries.length,
    reloadsMs,
    reloadMedianMs: percentile([...reloadsMs].sort((a, b) => a - b), 50),
    idle: summarise(idle),
    duringReload: summarise(during),
  };
}
