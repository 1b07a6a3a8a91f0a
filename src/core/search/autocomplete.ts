// Suggestions while someone types: curated questions whose words match what has been typed
// so far, the last word usually unfinished. Matched through the answer engine's own index
// (its terms, aliases, synonyms and typo corrector) plus a sorted list of the phrasings'
// words for the unfinished one, so a call costs the postings of a dozen words, never a
// scan of every phrasing: fuzzy-matching each keystroke against every phrasing took about
// 50 ms for 100 typed characters, and Discord sends one request per keystroke.
import type { EntryRef } from '../answering/answer.js';
import { cleanInput } from '../text/normalize.js';
import { isQuestionWordTerm } from './lexicon.js';
import type { SearchIndex } from './search-index.js';

export const COMPLETION_LIMITS = Object.freeze({
  /** Characters of what is typed that are read: the start of a question says what it is about. */
  maxTyped: 100,
  /** Whole words looked up, the first ones typed. */
  maxWords: 12,
  /** Words an unfinished last word may be the start of, in alphabetical order. */
  maxPrefixWords: 64,
  /** Typed words given to the typo corrector in one call. */
  maxCorrections: 3,
  /** Shorter unfinished words are not completed: "s" starts half the vocabulary. */
  minPrefix: 2,
});

interface Scratch {
  score: Float64Array;
  /** The query word that last touched each phrasing, so a word counts once per phrasing. */
  seenBy: Int32Array;
  touched: number[];
}

export class QuestionCompleter {
  private readonly refs: EntryRef[];
  /** Each entry's question in lower case, for what is typed before any word that says much. */
  private readonly questions: string[];
  /** The distinct words of every phrasing, sorted, for finding the words a prefix starts. */
  private readonly vocabulary: string[];
  private readonly phrasingsOfWord = new Map<string, Int32Array>();
  private readonly weightOfWord = new Map<string, number>();
  private readonly phrasingWeight: Float64Array;
  private readonly scratch: Scratch;

  constructor(private readonly index: SearchIndex) {
    this.refs = index.entries.map(({ entry }) => ({ id: entry.id, question: entry.question }));
    this.questions = this.refs.map((r) => r.question.toLowerCase());
    const count = index.phrasingText.length;
    const lists = new Map<string, number[]>();
    const wordsOf = index.phrasingText.map((text, p) => {
      const words = [...new Set(index.analyzer.words(text))].filter((w) => this.counts(w));
      for (const w of words) (lists.get(w) ?? lists.set(w, []).get(w)!).push(p);
      return words;
    });
    // Rarer words say more, as in the engine: idf over phrasings.
    for (const [word, list] of lists) {
      this.phrasingsOfWord.set(word, Int32Array.from(list));
      this.weightOfWord.set(word, Math.log(1 + count / list.length));
    }
    this.vocabulary = [...lists.keys()].sort();
    this.phrasingWeight = Float64Array.from(wordsOf, (words) => words.reduce((sum, w) => sum + this.weightOfWord.get(w)!, 0));
    this.scratch = { score: new Float64Array(count), seenBy: new Int32Array(count).fill(-1), touched: [] };
  }

  complete(typed: string, limit: number): EntryRef[] {
    const text = cleanInput(String(typed ?? '').slice(0, COMPLETION_LIMITS.maxTyped * 2)).slice(0, COMPLETION_LIMITS.maxTyped);
    const words = this.index.analyzer.words(text).filter((w) => this.counts(w));
    // Nothing yet but "Who is": the questions that start that way.
    if (words.length === 0) return this.startingWith(text, limit);
    const unfinished = /[\p{L}\p{N}]$/u.test(text) ? words.pop() : undefined;
    const whole = words.slice(0, COMPLETION_LIMITS.maxWords);
    const { score, seenBy, touched } = this.scratch;
    let asked = 0;
    let corrections = 0;
    whole.forEach((word, i) => {
      let matched = this.matchWord(word, i);
      if (matched === undefined && corrections < COMPLETION_LIMITS.maxCorrections) {
        corrections++;
        const corrected = this.index.typos.correct(word);
        if (corrected) matched = this.matchWord(corrected.word, i);
      }
      asked += matched ?? this.maxWeight();
    });
    if (unfinished !== undefined) asked += this.matchPrefix(unfinished, whole.length) ?? this.maxWeight();

    const best = new Map<number, number>();
    for (const p of touched) {
      const similarity = (2 * score[p]!) / (asked + this.phrasingWeight[p]!);
      const entry = this.index.phrasingEntry[p]!;
      if (similarity > (best.get(entry) ?? 0)) best.set(entry, similarity);
      score[p] = 0;
      seenBy[p] = -1;
    }
    touched.length = 0;
    return [...best]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([entry]) => this.refs[entry]!);
  }

  private startingWith(text: string, limit: number): EntryRef[] {
    const start = text.toLowerCase();
    const found: EntryRef[] = [];
    for (let i = 0; i < this.refs.length && found.length < limit; i++) if (this.questions[i]!.startsWith(start)) found.push(this.refs[i]!);
    return found;
  }

  /** Scores the phrasings holding this word, or its term; its weight, or undefined when none does. */
  private matchWord(word: string, query: number): number | undefined {
    const surface = this.phrasingsOfWord.get(word);
    const term = this.index.analyzer.termOf(word);
    const byTerm = term === null ? undefined : this.index.postings.get(term)?.phrasings;
    if (!surface && (!byTerm || byTerm.length === 0)) return undefined;
    const weight = this.weightOfWord.get(word) ?? (term === null ? undefined : this.index.weight(term)) ?? this.maxWeight();
    if (surface) this.add(surface, weight, query);
    if (byTerm) this.add(byTerm, weight, query);
    return weight;
  }

  /** Scores the phrasings holding a word that starts with `prefix` (or is its term); the weight of the best. */
  private matchPrefix(prefix: string, query: number): number | undefined {
    let best = this.matchWord(prefix, query);
    if (prefix.length < COMPLETION_LIMITS.minPrefix) return best;
    let at = lowerBound(this.vocabulary, prefix);
    for (let n = 0; n < COMPLETION_LIMITS.maxPrefixWords && at < this.vocabulary.length; n++, at++) {
      const word = this.vocabulary[at]!;
      if (!word.startsWith(prefix)) break;
      const weight = this.weightOfWord.get(word)!;
      this.add(this.phrasingsOfWord.get(word)!, weight, query);
      best = Math.max(best ?? 0, weight);
    }
    return best;
  }

  private add(phrasings: Int32Array, weight: number, query: number): void {
    const { score, seenBy, touched } = this.scratch;
    for (const p of phrasings) {
      if (seenBy[p] === query) continue;
      if (score[p] === 0) touched.push(p);
      seenBy[p] = query;
      score[p]! += weight;
    }
  }

  private maxWeight(): number {
    return Math.log(1 + this.index.phrasingText.length);
  }

  /** Stop words and question words are in nearly every question: they would match everything. */
  private counts(word: string): boolean {
    const term = this.index.analyzer.termOf(word);
    return term !== null && !isQuestionWordTerm(term);
  }
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
