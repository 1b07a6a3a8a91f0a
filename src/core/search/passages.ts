// The story's own sentences, indexed with the same analyser as the curated entries, so that
// a question no entry answers can still be pointed at the words of the story: no curation
// needed. Each sentence is a bag of terms weighted by how rare the term is among sentences.
import { splitSentences } from '../knowledge/sentences.js';
import type { Source } from '../knowledge/types.js';
import type { Analyzer } from './analyzer.js';
import { Bm25 } from './bm25.js';
import { CALENDAR_WORDS, isQuestionWordTerm } from './lexicon.js';

export interface IndexedSentence {
  source: string;
  paragraph: number;
  /** Verbatim, as in the paragraph. */
  text: string;
  terms: ReadonlySet<string>;
  /** Where each term's words stand in the text, for highlighting: [start, end) ranges. */
  spans: ReadonlyMap<string, readonly (readonly [number, number])[]>;
}

export interface SentenceMatch {
  sentence: IndexedSentence;
  /** Share of the question's weight that the sentence holds, 0..1; words no sentence has count in full. */
  coverage: number;
  /** The same, leaving out the words no sentence has. */
  knownCoverage: number;
  /** The question's terms found in the sentence. */
  matched: string[];
  /** The sentence's BM25 score over the best sentence's for the question, 0..1. */
  bm25: number;
  /** The best sentence's BM25 score over the most the question could score, 0..1: how much of it the story holds. */
  storyBm25: number;
}

/** Words with their place in the text; apostrophes inside a word belong to it. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export class PassageIndex {
  private readonly weights = new Map<string, number>();
  private readonly bm25: Bm25;
  readonly maxWeight: number;

  constructor(
    readonly sentences: readonly IndexedSentence[],
    /** Terms of the story's proper nouns (Oldham, Rochdale, ITV): names a question can ask by alone. */
    readonly properNouns: ReadonlySet<string> = new Set(),
  ) {
    const df = new Map<string, number>();
    for (const s of sentences) for (const t of s.terms) df.set(t, (df.get(t) ?? 0) + 1);
    const n = sentences.length;
    const idf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
    for (const [t, d] of df) this.weights.set(t, idf(d));
    this.maxWeight = idf(0);
    this.bm25 = new Bm25(sentences.map((s) => new Map([...s.spans].map(([term, places]) => [term, places.length]))));
  }

  /**
   * `isWord` tells ordinary English words, so that a capital in mid-sentence marks a name
   * only when the word is not one ("Oldham", "Rotherham"; not "Health" or "Friday").
   */
  static build(sources: Iterable<Source>, analyzer: Analyzer, isWord: (word: string) => boolean = () => false): PassageIndex {
    const sentences: IndexedSentence[] = [];
    const properNouns = new Set<string>();
    for (const source of sources) {
      source.paragraphs.forEach((paragraph, i) => {
        for (const { text } of splitSentences(paragraph)) {
          sentences.push(indexSentence(source.id, i + 1, text, analyzer));
          // A capital inside a sentence marks a name; the first word's capital says nothing.
          for (const m of text.matchAll(/(?<=\s)\p{Lu}[\p{L}-]+/gu)) {
            const words = analyzer.words(m[0]).filter((w) => !isWord(w) && !CALENDAR_WORDS.has(w));
            for (const term of analyzer.termsOfWords(words)) properNouns.add(term);
          }
        }
      });
    }
    return new PassageIndex(sentences, properNouns);
  }

  /** How rare a term is among the story's sentences; undefined when no sentence has it. */
  weight(term: string): number | undefined {
    return this.weights.get(term);
  }

  /** Every sentence that shares a term with the question, best first. */
  match(terms: readonly { term: string; quality: number }[]): SentenceMatch[] {
    const content = terms.filter((t) => !isQuestionWordTerm(t.term));
    const known = content.reduce((sum, t) => sum + (this.weights.get(t.term) ?? 0), 0);
    // A word no sentence has counts as much as the rarest: the question asks about more than the story holds.
    const total = content.reduce((sum, t) => sum + (this.weights.get(t.term) ?? this.maxWeight), 0);
    if (known === 0) return [];
    const bm25 = this.bm25.scores(content);
    const top = bm25.reduce((best, score) => Math.max(best, score), 0) || 1;
    const storyBm25 = Math.min(1, top / (this.bm25.ceiling(content) || 1));
    const matches: SentenceMatch[] = [];
    for (const [i, sentence] of this.sentences.entries()) {
      let held = 0;
      const matched: string[] = [];
      for (const t of content) {
        if (!sentence.terms.has(t.term)) continue;
        held += (this.weights.get(t.term) ?? 0) * t.quality;
        matched.push(t.term);
      }
      if (held > 0) matches.push({ sentence, coverage: held / total, knownCoverage: held / known, matched, bm25: bm25[i]! / top, storyBm25 });
    }
    return matches.sort((a, b) => b.coverage - a.coverage);
  }
}

export function paragraphKey(source: string, paragraph: number): string {
  return `${source}#${paragraph}`;
}

function indexSentence(source: string, paragraph: number, text: string, analyzer: Analyzer): IndexedSentence {
  const words: string[] = [];
  const places: [number, number][] = [];
  for (const m of text.matchAll(WORD)) {
    for (const word of analyzer.words(m[0])) {
      words.push(word);
      places.push([m.index, m.index + m[0].length]);
    }
  }
  const spans = new Map<string, [number, number][]>();
  for (const { term, from, to } of analyzer.spans(words)) {
    if (isQuestionWordTerm(term)) continue;
    const list = spans.get(term) ?? [];
    list.push([places[from]![0], places[to - 1]![1]]);
    spans.set(term, list);
  }
  return { source, paragraph, text, terms: new Set(spans.keys()), spans };
}
