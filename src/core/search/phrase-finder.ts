// Finds a phrase in the story as written, for quote and spelling checks: word for word
// first (case, punctuation and hyphens aside), then allowing a typo per word, so that
// "Yaxley Lenon" finds "Yaxley-Lennon" and the reply can show how the story spells it.
import { foldCase, straightenPunctuation } from '../text/normalize.js';
import { allowedEdits } from './typo.js';
import { editDistance } from './edit-distance.js';
import type { IndexedSentence } from './passages.js';

export interface PhraseHit {
  sentence: IndexedSentence;
  /** The words as the story writes them, verbatim from the sentence. */
  wording: string;
  /** Where they stand in the sentence. */
  start: number;
  end: number;
  /** Word for word; false when found only by allowing typos. */
  exact: boolean;
}

interface Token {
  word: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}]+/gu;
/** A phrase of more words than this is not a phrase to check but a paragraph. */
const MAX_WORDS = 40;

function tokens(text: string): Token[] {
  return [...straightenPunctuation(text).matchAll(TOKEN)].map((m) => ({ word: foldCase(m[0]), start: m.index, end: m.index + m[0].length }));
}

export class PhraseFinder {
  private readonly tokenized: { sentence: IndexedSentence; tokens: Token[] }[];

  /** `isWord`, an English dictionary: a real word typed is meant as typed, not as a typo. */
  constructor(
    sentences: readonly IndexedSentence[],
    private readonly isWord: (word: string) => boolean = () => false,
  ) {
    this.tokenized = sentences.map((sentence) => ({ sentence, tokens: tokens(sentence.text) }));
  }

  /** Every place the phrase stands in the story, word for word; or, failing that, with typos. */
  find(phrase: string): PhraseHit[] {
    const words = tokens(phrase).map((t) => t.word);
    if (words.length === 0 || words.length > MAX_WORDS) return [];
    const exact = this.scan(words, (a, b) => a === b);
    if (exact.length > 0) return exact.map((hit) => ({ ...hit, exact: true }));
    // Typos only in words long enough to tell apart; short words must match as they are,
    // and so must real words: "blocked" is not a misspelling of the story's "backed".
    const near = this.scan(words, (typed, story) => typed === story || (!this.isWord(typed) && editDistance(typed, story, allowedEdits(typed.length)) <= allowedEdits(typed.length)));
    return near.map((hit) => ({ ...hit, exact: false }));
  }

  private scan(words: readonly string[], same: (typed: string, story: string) => boolean): Omit<PhraseHit, 'exact'>[] {
    const hits: Omit<PhraseHit, 'exact'>[] = [];
    for (const { sentence, tokens: story } of this.tokenized) {
      for (let i = 0; i + words.length <= story.length; i++) {
        let k = 0;
        while (k < words.length && same(words[k]!, story[i + k]!.word)) k++;
        if (k < words.length) continue;
        const start = story[i]!.start;
        const end = story[i + words.length - 1]!.end;
        hits.push({ sentence, wording: sentence.text.slice(start, end), start, end });
      }
    }
    return hits;
  }
}
