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
  // A typo keeps the word's start in place: matches are sought from the first letter, and a
  // small distance lets Bitap stop early instead of scanning every alignment.
  location: 0,
  distance: 4,
  minMatchCharLength: 2,
  shouldSort: true,
});
const CANDIDATES = 5;
const CACHE_LIMIT = 10_000;

function bucketOf(initial: string, length: number): string {
  return `${initial}${length}`;
}

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
  // One matcher per first letter and length: people rarely get the first letter wrong, a
  // word within k edits is within k letters of the typed length, and small lists keep a
  // correction well under a millisecond.
  private readonly buckets = new Map<string, Fuse<string>>();
  private readonly cache = new Map<string, Correction | null>();

  constructor(
    private readonly frequency: ReadonlyMap<string, number>,
    /** Real words are never typos, even when the knowledge base lacks them. */
    private readonly isWord: (word: string) => boolean = () => false,
  ) {
    const groups = new Map<string, string[]>();
    for (const word of frequency.keys()) {
      if (word.length < 3 || /\d/.test(word)) continue;
      const key = bucketOf(word[0]!, word.length);
      const group = groups.get(key);
      if (group) group.push(word);
      else groups.set(key, [word]);
    }
    for (const [key, words] of groups) this.buckets.set(key, new Fuse(words, CANDIDATE_SEARCH));
  }

  /** Whether the dictionary has this word, known to the knowledge base or not. */
  isEnglish(word: string): boolean {
    return this.isWord(word);
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
    if (max === 0 || /\d/.test(word) || this.isWord(word)) return null;
    // Most typos are one edit: look within one letter of the length first, further only if
    // that finds nothing.
    return this.closest(word, 1, Math.min(1, max)) ?? (max > 1 ? this.closest(word, 2, max) : null);
  }

  private closest(word: string, lengthDelta: number, max: number): Correction | null {
    const lengths = lengthDelta === 1 ? [word.length - 1, word.length, word.length + 1] : [word.length - 2, word.length + 2, word.length - 1, word.length, word.length + 1];
    let best: (Correction & { count: number }) | null = null;
    const candidates: string[] = [];
    for (const length of lengths) {
      const fuse = this.buckets.get(bucketOf(word[0]!, length));
      if (fuse) for (const { item } of fuse.search(word, { limit: CANDIDATES })) candidates.push(item);
    }
    for (const item of candidates) {
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
