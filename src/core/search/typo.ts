// Typo tolerance: a word the knowledge base has never seen is replaced by the closest word
// it has, if one is close enough. fuse.js's Bitap search proposes the candidates; an edit
// distance bound then keeps only real near-misses, so "streting" becomes "streeting" but
// "majority" does not become "major".
import Fuse from 'fuse.js';
import { editDistance } from './edit-distance.js';

export interface Correction {
  word: string;
  distance: number;
}

// Bitap is generous here on purpose: it only proposes, the edit distance decides.
const CANDIDATE_SEARCH = Object.freeze({
  includeScore: true,
  threshold: 0.45,
  ignoreLocation: true,
  minMatchCharLength: 2,
  shouldSort: true,
});
const CANDIDATES = 12;
const CACHE_LIMIT = 10_000;

/** How many edits a word of this length may contain and still be recognised. */
export function allowedEdits(length: number): number {
  if (length < 4) return 0;
  return length < 7 ? 1 : 2;
}

// Two edits are a lot for a mid-length word ("sparked" is two edits from "shared"), so they
// are allowed only where the start of the word agrees, as it does in most real typos.
const SHARED_START_FOR_TWO_EDITS = 4;
const LONG_WORD = 9;

function plausible(typed: string, known: string, distance: number): boolean {
  if (distance < 2 || typed.length >= LONG_WORD) return true;
  return typed.slice(0, SHARED_START_FOR_TWO_EDITS) === known.slice(0, SHARED_START_FOR_TWO_EDITS);
}

export class TypoCorrector {
  // One matcher per first letter: people rarely get the first letter wrong, and a smaller
  // list keeps a correction well under a millisecond.
  private readonly byInitial = new Map<string, Fuse<string>>();
  private readonly cache = new Map<string, Correction | null>();

  constructor(
    private readonly frequency: ReadonlyMap<string, number>,
    /** Real words are never typos, even when the knowledge base lacks them. */
    private readonly isWord: (word: string) => boolean = () => false,
  ) {
    const groups = new Map<string, string[]>();
    for (const word of frequency.keys()) {
      if (word.length < 3 || /\d/.test(word)) continue;
      const initial = word[0]!;
      groups.set(initial, [...(groups.get(initial) ?? []), word]);
    }
    for (const [initial, words] of groups) this.byInitial.set(initial, new Fuse(words, CANDIDATE_SEARCH));
  }

  knows(word: string): boolean {
    return this.frequency.has(word);
  }

  correct(word: string): Correction | null {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const result = this.find(word);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  private find(word: string): Correction | null {
    const max = allowedEdits(word.length);
    const fuse = this.byInitial.get(word[0] ?? '');
    if (max === 0 || !fuse || /\d/.test(word) || this.isWord(word)) return null;
    let best: (Correction & { count: number }) | null = null;
    for (const { item } of fuse.search(word, { limit: CANDIDATES })) {
      const distance = editDistance(word, item, max);
      if (distance > max || !plausible(word, item, distance)) continue;
      const count = this.frequency.get(item) ?? 0;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
        best = { word: item, distance, count };
      }
    }
    return best && { word: best.word, distance: best.distance };
  }
}
