// The words of every curated phrasing, as autocomplete needs them: which phrasings hold each
// word, how much each word says, and the words in sorted order, so that those an unfinished
// word starts, or a typo is one slip from, are a binary search away.
import { editDistance } from './edit-distance.js';
import { allowedEdits } from './typo.js';

const PAUSE_EVERY = 2_000;

export class PhrasingWords {
  private constructor(
    /** The distinct words, sorted. */
    private readonly sorted: string[],
    private readonly phrasings: Map<string, Int32Array>,
    private readonly weights: Map<string, number>,
    /** Each phrasing's weight: what its words weigh together. */
    readonly phrasingWeight: Float64Array,
  ) {}

  /** `wordsOf[p]` are the words of phrasing p that count (no stop words). */
  static of(wordsOf: readonly (readonly string[])[]): PhrasingWords {
    const steps = PhrasingWords.steps(wordsOf);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** The build, as a generator that yields every few thousand phrasings: a place to pause. */
  static *steps(wordsOf: readonly (readonly string[])[]): Generator<void, PhrasingWords> {
    const lists = new Map<string, number[]>();
    for (let p = 0; p < wordsOf.length; p++) {
      if (p % PAUSE_EVERY === 0) yield;
      for (const w of new Set(wordsOf[p])) (lists.get(w) ?? lists.set(w, []).get(w)!).push(p);
    }
    // Rarer words say more, as in the engine: idf, here over phrasings.
    const phrasings = new Map<string, Int32Array>();
    const weights = new Map<string, number>();
    let n = 0;
    for (const [word, list] of lists) {
      if (n++ % PAUSE_EVERY === 0) yield;
      phrasings.set(word, Int32Array.from(list));
      weights.set(word, Math.log(1 + wordsOf.length / list.length));
    }
    yield;
    const sorted = [...lists.keys()].sort();
    const phrasingWeight = new Float64Array(wordsOf.length);
    for (let p = 0; p < wordsOf.length; p++) {
      if (p % PAUSE_EVERY === 0) yield;
      phrasingWeight[p] = [...new Set(wordsOf[p])].reduce((sum, w) => sum + weights.get(w)!, 0);
    }
    return new PhrasingWords(sorted, phrasings, weights, phrasingWeight);
  }

  /** The phrasings holding the word, ascending. */
  phrasingsOf(word: string): Int32Array | undefined {
    return this.phrasings.get(word);
  }

  weightOf(word: string): number | undefined {
    return this.weights.get(word);
  }

  /** Up to `max` words starting with `prefix`, in alphabetical order. */
  *startingWith(prefix: string, max: number): Generator<string> {
    for (let at = lowerBound(this.sorted, prefix), n = 0; n < max && at < this.sorted.length; n++, at++) {
      if (!this.sorted[at]!.startsWith(prefix)) return;
      yield this.sorted[at]!;
    }
  }

  /**
   * The word a typo most likely meant: within the edits allowed for its length, among at
   * most `candidates` words sharing its first two letters, as typos seldom touch those. The
   * engine's own corrector searches the whole vocabulary with fuse.js, which costs
   * milliseconds a word on a large base: too much for a keystroke.
   */
  nearest(typed: string, candidates: number): string | undefined {
    const max = allowedEdits(typed.length);
    if (max === 0 || /\d/.test(typed)) return undefined;
    let best: { word: string; distance: number } | undefined;
    for (const word of this.startingWith(typed.slice(0, 2), candidates)) {
      if (Math.abs(word.length - typed.length) > max) continue;
      const distance = editDistance(typed, word, max);
      if (distance <= max && (!best || distance < best.distance)) best = { word, distance };
    }
    return best?.word;
  }
}

/** Whether a sorted list of phrasing ids holds `p`. */
export function holds(list: Int32Array, p: number): boolean {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < p) low = mid + 1;
    else high = mid;
  }
  return list[low] === p;
}

/** The first position in a sorted list whose word is not less than `word`. */
function lowerBound(sorted: readonly string[], word: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < word) low = mid + 1;
    else high = mid;
  }
  return low;
}
