// Questions in French, Spanish or German. The knowledge base is English, so such a question
// can only be matched on what it shares with English: the story's names. It is recognised
// by two things agreeing, so that neither misfires alone: a question word of the language
// ("qui", "quién", "wer"), and eld's n-gram language detector (a kept package, limited to
// these four languages), which alone takes "is Musk a billionaire" for French. Its
// smallest database is enough for that (about 28 MB of heap, against 46 MB for the next
// size up, with the same verdicts on the questions in test/core/languages.test.ts).
// Its question words are then put in English and its other small words dropped, so that
// "Qui est Tommy Robinson ?" is searched as "who Tommy Robinson".
import { eld } from 'eld/extrasmall';
import { foldCase } from '../text/normalize.js';

export type OtherLanguage = 'fr' | 'es' | 'de';

export const LANGUAGE_NAMES: Readonly<Record<OtherLanguage, string>> = Object.freeze({ fr: 'French', es: 'Spanish', de: 'German' });

interface Lexicon {
  /** Question words, folded (no accents), with their English. */
  questions: ReadonlyMap<string, string>;
  /** Small words that say nothing a search could use. */
  stop: ReadonlySet<string>;
}

const lexicon = (questions: Record<string, string>, stop: string): Lexicon => ({ questions: new Map(Object.entries(questions)), stop: new Set(stop.split(' ')) });

const LEXICONS: Readonly<Record<OtherLanguage, Lexicon>> = Object.freeze({
  fr: lexicon(
    { qui: 'who', quoi: 'what', que: 'what', qu: 'what', quel: 'which', quelle: 'which', quels: 'which', quelles: 'which', pourquoi: 'why', quand: 'when', ou: 'where', comment: 'how', combien: 'how many' },
    'est ce c le la les l un une des de du d a au aux et il elle ils elles on en sur pour par avec dans t sont ete etait a-t-il fait dit y se s sa son ses leur leurs ne pas',
  ),
  es: lexicon(
    { quien: 'who', quienes: 'who', que: 'what', cual: 'which', cuales: 'which', cuando: 'when', donde: 'where', como: 'how', cuanto: 'how many', cuantos: 'how many', cuanta: 'how much', cuantas: 'how many', porque: 'why' },
    'es son fue era el la los las lo un una unos unas de del al y a en por para con sobre se su sus le les no ha han hizo dijo esta estan que',
  ),
  de: lexicon(
    { wer: 'who', wen: 'who', wem: 'who', wessen: 'whose', was: 'what', wann: 'when', wo: 'where', woher: 'where', wie: 'how', warum: 'why', wieso: 'why', weshalb: 'why', welche: 'which', welcher: 'which', welches: 'which', welchen: 'which' },
    'ist sind war waren der die das den dem des ein eine einen einem einer und zu im in am an auf uber fur mit von hat haben hatte er sie es sich sein seine ihr ihre nicht gesagt',
  ),
});

const detector = eld.newInstance();
detector.setLanguageSubset(['en', 'fr', 'es', 'de']);

const wordsOf = (text: string) => foldCase(text).split(/[^\p{L}\p{N}-]+/u).filter(Boolean);

/** The question's language when it is French, Spanish or German; undefined for English or anything else. */
export function otherLanguage(question: string): OtherLanguage | undefined {
  const words = wordsOf(question);
  const asking = (Object.keys(LEXICONS) as OtherLanguage[]).filter((l) => words.some((w) => LEXICONS[l].questions.has(w)));
  if (asking.length === 0) return undefined;
  const detected = detector.detect(question).language;
  return asking.find((l) => l === detected);
}

/** The question as the English search reads it: question words in English, small words gone, names kept. */
export function searchableInEnglish(question: string, language: OtherLanguage): string {
  const { questions, stop } = LEXICONS[language];
  // "por qué" is Spanish for "why", and "qué" alone for "what".
  const folded = foldCase(question).replace(/\bpor que\b/g, 'porque');
  return wordsOf(folded)
    .map((w) => questions.get(w) ?? (stop.has(w) ? '' : w))
    .filter(Boolean)
    .join(' ');
}
