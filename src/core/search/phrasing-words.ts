// The words of every curated phrasing, as autocomplete needs them: which phrasings hold each
// word, how much each word says, and the words in sorted order, so that those an unfinished
// word starts, or a typo is one slip from, are a binary search away.
import { editDistance } from './edit-distance.js';
import { allowedEdits } from './typo.js';

export class PhrasingWords {
  /** The distinct words, sorted. */
  private readonly sorted: string[];
  private readonly phrasings = new Map<string, Int32Array>();
  private readonly weights = new Map<string, number>();
  /** Each phrasing's weight: what its words weigh together. */
  readonly phrasingWeight: Float64Array;

  /** `wordsOf[p]` are the words of phrasing p that count (no stop words). */
  constructor(wordsOf: readonly (readonly string[])[]) {
    const lists = new Map<string, number[]>();
    wordsOf.forEach((words, p) => {
      for (const w of new Set(words)) (lists.get(w) ?? lists.set(w, []).get(w)!).push(p);
    });
    // Rarer words say more, as in the engine: idf, here over phrasings.
    for (const [word, list] of lists) {
      this.phrasings.set(word, Int32Array.from(list));
      this.weights.set(word, Math.log(1 + wordsOf.length / list.length));
    }
    this.sorted = [...lists.keys()].sort();
    this.phrasingWeight = Float64Array.from(wordsOf, (words) => [...new Set(words)].reduce((sum, w) => sum + this.weights.get(w)!, 0));
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
