// Fits the confidence model from the knowledge base itself. Each curated phrasing is held
// out in turn and asked as if new (how well does the engine find an entry for words it has
// not been given?), and a list of questions the story cannot answer supplies the cases it
// must decline. A logistic regression over the top match's features then gives a
// confidence that reads as a probability, and the threshold is the one that best
// separates right answers from wrong answers and unanswerable questions.
import { phrasingsOf, publishedEntries, type Entry, type Knowledge } from '../knowledge/types.js';
import type { CalibrationWeights, EngineConfig } from './config.js';
import { confidenceOf, search, type MatchFeatures } from './engine.js';
import { SearchIndex } from './search-index.js';

export interface Sample {
  question: string;
  features: MatchFeatures;
  /** Whether answering with the top match would have been right. */
  right: boolean;
  source: 'held-out phrasing' | 'unanswerable';
}

const NO_MATCH: MatchFeatures = { similarity: 0, coverage: 0, formMismatch: false, nameMismatch: 0 };

const paragraphKey = (c: { source: string; paragraph: number }) => `${c.source}#${c.paragraph}`;

/** Right when the answer given quotes, first, a paragraph the held-out entry itself cites. */
function answersLike(given: Entry, expected: Entry): boolean {
  const first = given.citations[0];
  return first !== undefined && expected.citations.some((c) => paragraphKey(c) === paragraphKey(first));
}

/** `onProgress` hears how many of the phrasings are done, for a tool to show. */
export function heldOutSamples(knowledge: Knowledge, config: EngineConfig, isWord?: (word: string) => boolean, onProgress?: (done: number, total: number) => void): Sample[] {
  const samples: Sample[] = [];
  const total = publishedEntries(knowledge).reduce((n, e) => n + (phrasingsOf(e).length < 2 ? 0 : phrasingsOf(e).length), 0);
  for (const entry of publishedEntries(knowledge)) {
    const phrasings = phrasingsOf(entry);
    if (phrasings.length < 2) continue;
    phrasings.forEach((question, held) => {
      const rest = phrasings.filter((_, i) => i !== held);
      const reduced: Entry = { ...entry, question: rest[0]!, alternates: rest.slice(1) };
      const index = SearchIndex.build({ ...knowledge, entries: knowledge.entries.map((e) => (e === entry ? reduced : e)) }, config, isWord);
      const outcome = search(index, question, config, 1);
      const top = outcome.matches[0];
      samples.push({
        question,
        features: top ?? NO_MATCH,
        right: top !== undefined && answersLike(top.entry, entry),
        source: 'held-out phrasing',
      });
      onProgress?.(samples.length, total);
    });
  }
  return samples;
}

export function unanswerableSamples(index: SearchIndex, questions: readonly string[], config: EngineConfig): Sample[] {
  return questions.map((question) => {
    const outcome = search(index, question, config, 1);
    const top = outcome.matches[0];
    return { question, features: top ?? NO_MATCH, right: false, source: 'unanswerable' };
  });
}

function vector(f: MatchFeatures): number[] {
  return [1, f.similarity, f.coverage, f.formMismatch ? 1 : 0, f.nameMismatch];
}

/**
 * Logistic regression by gradient descent, each class weighted to half the total, so that
 * the many held-out phrasings do not drown the fewer unanswerable questions.
 */
export function fitLogistic(samples: readonly Sample[], iterations = 20_000, rate = 0.5, l2 = 1e-3): CalibrationWeights {
  const positives = samples.filter((s) => s.right).length;
  const negatives = samples.length - positives;
  if (positives === 0 || negatives === 0) throw new Error('calibration needs both right answers and questions to decline');
  const weightOf = (s: Sample) => (s.right ? 0.5 / positives : 0.5 / negatives);
  const xs = samples.map((s) => vector(s.features));
  let w = [0, 0, 0, 0, 0];
  for (let step = 0; step < iterations; step++) {
    const grad = w.map((wi, j) => (j === 0 ? 0 : l2 * wi));
    samples.forEach((s, i) => {
      const x = xs[i]!;
      const p = 1 / (1 + Math.exp(-x.reduce((sum, xj, j) => sum + xj * w[j]!, 0)));
      const error = (p - (s.right ? 1 : 0)) * weightOf(s);
      for (let j = 0; j < w.length; j++) grad[j]! += error * x[j]!;
    });
    w = w.map((wi, j) => wi - rate * grad[j]!);
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { intercept: round(w[0]!), similarity: round(w[1]!), coverage: round(w[2]!), formMismatch: round(w[3]!), nameMismatch: round(w[4]!) };
}

export interface ThresholdRow {
  threshold: number;
  /** Share of right answers given (not declined). */
  answered: number;
  /** Share of wrong answers and unanswerable questions declined. */
  declined: number;
  balanced: number;
  /** Share of all samples handled right: right answers given plus the rest declined. */
  accuracy: number;
}

export function thresholdTable(samples: readonly Sample[], weights: CalibrationWeights): ThresholdRow[] {
  const scored = samples.map((s) => ({ right: s.right, confidence: confidenceOf(s.features, weights) }));
  const right = scored.filter((s) => s.right);
  const wrong = scored.filter((s) => !s.right);
  const rows: ThresholdRow[] = [];
  for (let t = 0.05; t < 0.96; t += 0.05) {
    const threshold = Math.round(t * 100) / 100;
    const answered = right.filter((s) => s.confidence >= threshold).length / right.length;
    const declined = wrong.filter((s) => s.confidence < threshold).length / wrong.length;
    const accuracy = (answered * right.length + declined * wrong.length) / scored.length;
    rows.push({ threshold, answered, declined, balanced: (answered + declined) / 2, accuracy });
  }
  return rows;
}

/**
 * The model is fitted with right answers and wrong-or-unanswerable cases weighted equally,
 * so its output is the probability of being right with even odds beforehand. Declining
 * below 0.5 answers exactly when an answer is more likely right than wrong, counting a
 * wrong answer and a needless decline as equally bad.
 */
export const DECISION_THRESHOLD = 0.5;
