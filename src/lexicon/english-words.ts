// The English dictionary the typo corrector consults: a real word the knowledge base lacks
// ("week", "majority") is left alone rather than "corrected" into a story word ("weed",
// "major"). It lives outside the core because it is read from a package, not knowledge/.
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let words: ReadonlySet<string> | undefined;

/** Loaded on first use (about 274,000 words), then kept. */
export function isEnglishWord(word: string): boolean {
  words ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return words.has(word);
}
