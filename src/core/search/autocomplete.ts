// Suggestions while someone types: curated questions whose words match what has been typed
// so far, the last word usually unfinished. Matched through the answer engine's own index
// (its terms, so aliases and synonyms count as they do for /ask) and the phrasings' own
// words (for an unfinished word, and typos), so a call costs the postings of a dozen words,
// never a scan of every phrasing: fuzzy-matching each keystroke against every phrasing with
// fuse.js took about 50 ms for 100 typed characters, and Discord sends one per keystroke.
import type { EntryRef } from '../answering/answer.js';
import { cleanInput } from '../text/normalize.js';
import { isQuestionWordTerm } from './lexicon.js';
import { holds, PhrasingWords } from './phrasing-words.js';
import type { SearchIndex } from './search-index.js';

export const COMPLETION_LIMITS = Object.freeze({
  /** Characters of what is typed that are read: the start of a question says what it is about. */
  maxTyped: 100,
  /** Whole words looked up, the first ones typed. */
  maxWords: 12,
  /** Words an unfinished last word may be the start of, in alphabetical order. */
  maxPrefixWords: 64,
  /** Typed words looked up as typos in one call, and the known words each is compared with. */
  maxCorrections: 3,
  maxTypoCandidates: 200,
  /**
   * A word in more than this share of the phrasings says little: it only adds to what rarer
   * words found, or, when there are none, is looked for in at most maxCommonPhrasings of them.
   */
  commonShare: 0.05,
  maxCommonPhrasings: 4_096,
  /** Shorter unfinished words are not completed: "s" starts half the vocabulary. */
  minPrefix: 2,
});

/** What one typed word matched: lists of phrasing ids (each sorted), and what it weighs. */
interface Match {
  lists: Int32Array[];
  weight: number;
  size: number;
}

/** Reused by every call (completion is synchronous), and left zeroed by each. */
interface Scratch {
  score: Float64Array;
  /** The query word that last touched each phrasing, so a word counts once per phrasing. */
  seenBy: Int32Array;
  touched: number[];
  /** Each entry's best phrasing similarity, and the entries that have one. */
  best: Float64Array;
  entries: number[];
}

export class QuestionCompleter {
  private readonly refs: EntryRef[];
  /** Each entry's question in lower case, for what is typed before any word that says much. */
  private readonly questions: string[];
  private readonly words: PhrasingWords;
  /** Per word of the phrasings (a bounded set): see beyondTerm. */
  private readonly extras = new Map<string, Int32Array>();
  private readonly scratch: Scratch;

  /** `words`, the phrasings' words, when already built (see sliced). */
  constructor(
    private readonly index: SearchIndex,
    words?: PhrasingWords,
  ) {
    this.refs = index.entries.map(({ entry }) => ({ id: entry.id, question: entry.question }));
    this.questions = this.refs.map((r) => r.question.toLowerCase());
    const count = index.phrasingText.length;
    this.words = words ?? PhrasingWords.of(index.phrasingText.map((text) => countingWords(index, text)));
    this.scratch = { score: new Float64Array(count), seenBy: new Int32Array(count).fill(-1), touched: [], best: new Float64Array(index.entries.length), entries: [] };
  }

  complete(typed: string, limit: number): EntryRef[] {
    const text = cleanInput(String(typed ?? '').slice(0, COMPLETION_LIMITS.maxTyped * 2)).slice(0, COMPLETION_LIMITS.maxTyped);
    const words = countingWords(this.index, text);
    // Nothing yet but "Who is": the questions that start that way.
    if (words.length === 0) return this.startingWith(text, limit);
    const unfinished = /[\p{L}\p{N}]$/u.test(text) ? words.pop() : undefined;
    const matches: Match[] = [];
    let asked = 0;
    let corrections = 0;
    // A word typed twice says no more than once.
    for (const word of new Set(words.slice(0, COMPLETION_LIMITS.maxWords))) {
      let match = this.wordMatch(word);
      if (!match && corrections++ < COMPLETION_LIMITS.maxCorrections) {
        const corrected = this.words.nearest(word, COMPLETION_LIMITS.maxTypoCandidates);
        if (corrected) match = this.wordMatch(corrected);
      }
      asked += match?.weight ?? this.maxWeight();
      if (match) matches.push(match);
    }
    if (unfinished !== undefined) {
      const match = this.prefixMatch(unfinished);
      asked += match?.weight ?? this.maxWeight();
      if (match) matches.push(match);
    }
    this.score(matches);
    return this.rank(asked, limit);
  }

  /**
   * Adds each match's weight to the phrasings holding it, the rarest words first. A word in
   * a large share of the phrasings ("say") only adds to phrasings a rarer word already
   * found, when one did: looking it up costs a binary search per candidate, not a pass over
   * its tens of thousands of phrasings.
   */
  private score(matches: Match[]): void {
    const { seenBy, touched } = this.scratch;
    const common = this.index.phrasingText.length * COMPLETION_LIMITS.commonShare;
    matches.sort((a, b) => a.size - b.size);
    matches.forEach((match, query) => {
      // A binary search per candidate only pays while candidates are few.
      if (match.size > common && touched.length > 0 && touched.length * 16 < match.size) {
        for (const p of touched.slice()) if (seenBy[p] !== query && match.lists.some((list) => holds(list, p))) this.add(p, match.weight, query);
        return;
      }
      const cap = match.size > common ? COMPLETION_LIMITS.maxCommonPhrasings : Infinity;
      for (const list of match.lists) {
        for (let k = 0; k < list.length && k < cap; k++) if (seenBy[list[k]!] !== query) this.add(list[k]!, match.weight, query);
      }
    });
  }

  private rank(asked: number, limit: number): EntryRef[] {
    const { score, seenBy, touched, best, entries } = this.scratch;
    for (const p of touched) {
      const similarity = (2 * score[p]!) / (asked + this.words.phrasingWeight[p]!);
      const entry = this.index.phrasingEntry[p]!;
      if (best[entry] === 0) entries.push(entry);
      if (similarity > best[entry]!) best[entry] = similarity;
      score[p] = 0;
      seenBy[p] = -1;
    }
    touched.length = 0;
    // The best `limit`, kept in order as they come: sorting every entry a common word
    // touched would cost more than the rest of the call.
    const top: number[] = [];
    const ahead = (a: number, b: number) => best[a]! > best[b]! || (best[a] === best[b] && a < b);
    for (const entry of entries) {
      if (top.length === limit && !ahead(entry, top[limit - 1]!)) continue;
      let at = top.length;
      while (at > 0 && ahead(entry, top[at - 1]!)) at--;
      top.splice(at, 0, entry);
      if (top.length > limit) top.pop();
    }
    for (const entry of entries) best[entry] = 0;
    entries.length = 0;
    return top.map((entry) => this.refs[entry]!);
  }

  private startingWith(text: string, limit: number): EntryRef[] {
    const start = text.toLowerCase();
    const found: EntryRef[] = [];
    for (let i = 0; i < this.refs.length && found.length < limit; i++) if (this.questions[i]!.startsWith(start)) found.push(this.refs[i]!);
    return found;
  }

  /** The phrasings holding this word, or its term (so "PM" finds Starmer), with its weight. */
  private wordMatch(word: string): Match | undefined {
    const term = this.index.analyzer.termOf(word);
    const byTerm = term === null ? undefined : this.index.postings.get(term)?.phrasings;
    const lists: Int32Array[] = byTerm && byTerm.length > 0 ? [byTerm] : [];
    const surface = lists.length === 0 ? this.words.phrasingsOf(word) : this.beyondTerm(word, byTerm!);
    if (surface && surface.length > 0) lists.push(surface);
    if (lists.length === 0) return undefined;
    const weight = this.words.weightOf(word) ?? (term === null ? undefined : this.index.weight(term)) ?? this.maxWeight();
    return { lists, weight, size: lists.reduce((n, l) => n + l.length, 0) };
  }

  /**
   * The phrasings that hold the word but not its term (where it was part of a phrase, such
   * as "prime" in "prime minister"): usually none. Worked out once per word, so a common
   * word costs one pass over its term's phrasings, not two.
   */
  private beyondTerm(word: string, byTerm: Int32Array): Int32Array | undefined {
    let extra = this.extras.get(word);
    if (extra === undefined) {
      extra = (this.words.phrasingsOf(word) ?? new Int32Array()).filter((p) => !holds(byTerm, p));
      this.extras.set(word, extra);
    }
    return extra;
  }

  /** The phrasings holding a word that starts with `prefix` (or the word itself, as a term). */
  private prefixMatch(prefix: string): Match | undefined {
    const match = this.wordMatch(prefix) ?? { lists: [], weight: 0, size: 0 };
    if (prefix.length >= COMPLETION_LIMITS.minPrefix) {
      for (const word of this.words.startingWith(prefix, COMPLETION_LIMITS.maxPrefixWords)) {
        const list = this.words.phrasingsOf(word)!;
        match.lists.push(list);
        match.size += list.length;
        match.weight = Math.max(match.weight, this.words.weightOf(word)!);
      }
    }
    if (match.lists.length > 0) return match;
    // Nothing starts that way: perhaps a typo in a word typed out.
    const corrected = prefix.length >= 4 ? this.words.nearest(prefix, COMPLETION_LIMITS.maxTypoCandidates) : undefined;
    return corrected ? this.wordMatch(corrected) : undefined;
  }

  private add(p: number, weight: number, query: number): void {
    const { score, seenBy, touched } = this.scratch;
    if (score[p] === 0) touched.push(p);
    seenBy[p] = query;
    score[p]! += weight;
  }

  private maxWeight(): number {
    return Math.log(1 + this.index.phrasingText.length);
  }

  /** Stop words and question words are in nearly every question: they would match everything. */
  /**
   * The same completer, its phrasings split into words a slice of time at a time: at 10,000
   * entries that takes about a second, which a reload must not hold answers up for.
   */
  static async sliced(index: SearchIndex, sliceMs = 10): Promise<QuestionCompleter> {
    let sliceStart = performance.now();
    const pause = async () => {
      if (performance.now() - sliceStart < sliceMs) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    };
    const wordsOf: string[][] = [];
    for (const text of index.phrasingText) {
      wordsOf.push(countingWords(index, text));
      await pause();
    }
    const steps = PhrasingWords.steps(wordsOf);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return new QuestionCompleter(index, step.value);
      await pause();
    }
  }
}

/** A word says something for completion: not a stop word, nor a question word. */
function counts(index: SearchIndex, word: string): boolean {
  const term = index.analyzer.termOf(word);
  return term !== null && !isQuestionWordTerm(term);
}

function countingWords(index: SearchIndex, text: string): string[] {
  return index.analyzer.words(text).filter((w) => counts(index, w));
}
