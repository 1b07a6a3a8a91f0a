// Turns text into search terms. Questions and knowledge pass through the same steps, so
// "Who's the PM?" and "Who is Keir Starmer?" meet on the term "starmer":
//   fold case and accents -> split into words -> map phrases and aliases to one term ->
//   drop stop words -> stem -> map synonyms.
import type { AliasGroup } from '../knowledge/types.js';
import { foldCase, straightenPunctuation } from '../text/normalize.js';
import { isQuestionWordTerm, QUESTION_WORDS, STOP_PHRASES, STOP_WORDS, SYNONYM_GROUPS, US_ABBREVIATION } from './lexicon.js';
import { stem } from './stem.js';

export interface Token {
  surface: string;
  /** 1 for what was typed; less for a word the typo corrector substituted. */
  quality: number;
}

export interface Term {
  term: string;
  quality: number;
}

/** Words repeat endlessly across entries and questions: their stems and terms are cached. */
const WORD_CACHE_LIMIT = 50_000;

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const POSSESSIVE = /(\p{L})'s\b/gu;
const PLURAL_POSSESSIVE = /(\p{L})s'(?!\p{L})/gu;
const APOSTROPHES = /'/g;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** What a stop phrase maps to: nothing. */
const DROPPED = '';

export class Analyzer {
  /** Terms that name someone or something in the story: the story aliases' canonical terms. */
  readonly names = new Set<string>();
  /** Terms of the general English synonym groups ("uk", "usa", "prison"): words, not names. */
  readonly generalTerms = new Set<string>();
  private readonly stemCache = new Map<string, string>();
  private readonly terms = new Map<string, string | null>();
  /** Every word the lexicon and aliases name: English the analyzer knows, never a typo. */
  private readonly lexiconWords = new Set<string>();
  /**
   * Multi-word phrases ("prime minister", "rolling up"), keyed by the stems of their words
   * so that "rolling up" finds "roll up".
   */
  private readonly phrases = new Map<string, string>();
  /** For each first word of a phrase, the longest phrase starting with it. */
  private readonly phraseLength = new Map<string, number>();
  /** One-word aliases, as written: names are not stemmed into other words' territory. */
  private readonly exactWords = new Map<string, string>();
  /** Stems of single-word synonyms, so inflections of a listed word are covered too. */
  private readonly stems = new Map<string, string>();

  constructor(aliases: readonly AliasGroup[] = []) {
    for (const [canonical, ...members] of SYNONYM_GROUPS) {
      if (canonical) this.generalTerms.add(this.addGroup(canonical, [canonical, ...members], false));
    }
    // Story aliases win over the general synonyms where both name a word.
    for (const group of aliases) {
      this.addGroup(group.canonical, [group.canonical, ...group.terms], true);
      this.names.add(this.words(group.canonical).join('_'));
    }
    for (const [words, term] of QUESTION_WORDS) {
      if (words.includes(' ')) this.addPhrase(this.words(words).map(stem).join(' '), term);
    }
    for (const phrase of STOP_PHRASES) this.addPhrase(this.words(phrase).map(stem).join(' '), DROPPED);
    for (const word of STOP_WORDS) this.lexiconWords.add(word);
  }

  /** The words of a text, folded: "Musk’s U.S. posts" -> ["musk", "usa", "posts"]. */
  words(text: string): string[] {
    const abbreviated = text.replace(US_ABBREVIATION, ' usa ');
    // Plain ASCII, the usual case, needs no Unicode folding: just lower case.
    const folded = PLAIN_ASCII.test(abbreviated) ? abbreviated.toLowerCase() : straightenPunctuation(foldCase(abbreviated));
    return folded
      .replace(POSSESSIVE, '$1')
      .replace(PLURAL_POSSESSIVE, '$1s')
      .replace(APOSTROPHES, '')
      .split(NOT_WORD)
      .filter((word) => word.length > 0);
  }

  analyze(text: string): Term[] {
    return this.analyzeTokens(this.words(text).map((surface) => ({ surface, quality: 1 })));
  }

  analyzeTokens(tokens: readonly Token[]): Term[] {
    const terms = new Map<string, number>();
    this.scan(
      tokens.map((t) => t.surface),
      (term, from, to) => {
        let quality = 1;
        for (let i = from; i < to; i++) quality = Math.min(quality, tokens[i]!.quality);
        terms.set(term, Math.max(quality, terms.get(term) ?? 0));
      },
    );
    return [...terms].map(([term, quality]) => ({ term, quality }));
  }

  /** The distinct terms of words already split by words(): the indexing path, no qualities. */
  termsOfWords(words: readonly string[]): string[] {
    const terms = new Set<string>();
    this.scan(words, (term) => terms.add(term));
    return [...terms];
  }

  /** Each term with the words it came from ([from, to) word positions), for highlighting. */
  spans(words: readonly string[]): { term: string; from: number; to: number }[] {
    const spans: { term: string; from: number; to: number }[] = [];
    this.scan(words, (term, from, to) => spans.push({ term, from, to }));
    return spans;
  }

  /** Calls emit for each term, with the span of words it came from. */
  private scan(words: readonly string[], emit: (term: string, from: number, to: number) => void): void {
    // A question word after the question has begun is a conjunction ("what was his job
    // when he was accused"), not what the question asks for.
    let begun = false;
    const accept = (term: string, from: number, to: number) => {
      if (isQuestionWordTerm(term)) {
        if (begun) return;
      } else begun = true;
      emit(term, from, to);
    };
    const stems = words.map((w) => this.stemOf(w));
    for (let i = 0; i < words.length; ) {
      const phrase = this.longestPhrase(stems, i);
      if (phrase) {
        if (phrase.term !== DROPPED) accept(phrase.term, i, i + phrase.length);
        i += phrase.length;
        continue;
      }
      const term = this.termOf(words[i]!);
      if (term) accept(term, i, i + 1);
      i++;
    }
  }

  /** Whether the lexicon names this word (as a stop word, synonym or alias). */
  knowsWord(word: string): boolean {
    return this.lexiconWords.has(word) || QUESTION_WORDS.has(word);
  }

  /** The term for one word, or null for a stop word. */
  termOf(word: string): string | null {
    const cached = this.terms.get(word);
    if (cached !== undefined) return cached;
    const term = this.computeTermOf(word);
    this.remember(this.terms, word, term);
    return term;
  }

  private computeTermOf(word: string): string | null {
    const questionWord = QUESTION_WORDS.get(word);
    if (questionWord) return questionWord;
    const stemmed = this.stemOf(word);
    // A one-word alias names exactly that word: "street" is not "Streeting".
    const alias = this.exactWords.get(word);
    if (alias) return alias;
    if (STOP_WORDS.has(word) || (word.length === 1 && !/\d/.test(word))) return null;
    return this.stems.get(stemmed) ?? stemmed;
  }

  private stemOf(word: string): string {
    let stemmed = this.stemCache.get(word);
    if (stemmed === undefined) {
      stemmed = stem(word);
      this.remember(this.stemCache, word, stemmed);
    }
    return stemmed;
  }

  /** Caches are bounded, so a stream of junk words cannot grow them without limit. */
  private remember<V>(cache: Map<string, V>, key: string, value: V): void {
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }

  private longestPhrase(stems: readonly string[], start: number): { term: string; length: number } | null {
    const longest = this.phraseLength.get(stems[start]!);
    if (!longest) return null;
    for (let length = Math.min(longest, stems.length - start); length >= 2; length--) {
      const term = this.phrases.get(stems.slice(start, start + length).join(' '));
      if (term !== undefined) return { term, length };
    }
    return null;
  }

  private addPhrase(key: string, term: string): void {
    this.phrases.set(key, term);
    const words = key.split(' ');
    const first = words[0]!;
    this.phraseLength.set(first, Math.max(words.length, this.phraseLength.get(first) ?? 0));
  }

  /**
   * Synonym groups map the stems of their single words, so inflections follow; aliases
   * (verbatim) map only the words given, so a name like "Wes" is not stemmed into a
   * different word's territory.
   */
  private addGroup(canonical: string, members: readonly string[], verbatim: boolean): string {
    const canonicalWords = this.words(canonical);
    const term = canonicalWords.length === 1 && !verbatim ? stem(canonicalWords[0]!) : canonicalWords.join('_');
    for (const member of members) {
      const words = this.words(member);
      if (words.length === 0) continue;
      for (const word of words) this.lexiconWords.add(word);
      const key = words.map(stem).join(' ');
      if (words.length > 1) this.addPhrase(key, term);
      else if (verbatim) this.exactWords.set(words[0]!, term);
      // First group wins: a word listed in two groups keeps its first meaning
      // (test/core/lexicon.test.ts keeps the lists free of such clashes).
      else if (!this.stems.has(key)) this.stems.set(key, term);
    }
    return term;
  }
}
