// A plain BM25 over the story's sentences, for `npm run eval --baseline bm25`: what a search
// with no curation at all finds, so that the engine's figures always show beside it. It has
// its own tokenizer and stop list on purpose: none of the engine's aliases, synonyms,
// phrases or typo correction, only lower-cased words stemmed by Porter2.
import porter2 from 'wink-porter2-stemmer';
import { splitSentences } from '../knowledge/sentences.js';
import type { Source } from '../knowledge/types.js';
import { Bm25 } from '../search/bm25.js';

/** Function words only: the ones any plain search engine leaves out. */
const STOP = new Set(
  'a an and are as at be been but by did do does for from had has have he her his how i if in is it its of on or she so that the their them they this to was were what when where which who whom why will with you'.split(' '),
);

export function plainTerms(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !STOP.has(word))
    .map((word) => porter2(word));
}

export interface PlacedSentence {
  source: string;
  paragraph: number;
  text: string;
}

export class PlainBm25 {
  private readonly bm25: Bm25;

  constructor(readonly sentences: readonly PlacedSentence[]) {
    this.bm25 = new Bm25(
      sentences.map((s) => {
        const counts = new Map<string, number>();
        for (const term of plainTerms(s.text)) counts.set(term, (counts.get(term) ?? 0) + 1);
        return counts;
      }),
    );
  }

  static of(sources: Iterable<Source>): PlainBm25 {
    const sentences: PlacedSentence[] = [];
    for (const source of sources) {
      source.paragraphs.forEach((paragraph, i) => {
        for (const { text } of splitSentences(paragraph)) sentences.push({ source: source.id, paragraph: i + 1, text });
      });
    }
    return new PlainBm25(sentences);
  }

  /** The sentences sharing a word with the question, best first. */
  rank(question: string, limit = 3): PlacedSentence[] {
    return this.bm25
      .rank(plainTerms(question).map((term) => ({ term })))
      .slice(0, limit)
      .map(({ doc }) => this.sentences[doc]!);
  }
}
