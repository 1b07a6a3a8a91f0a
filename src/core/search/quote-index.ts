// What a quote check needs to know about the story: where each phrase stands, whether it
// stands inside quotation marks, and whom the reviewed list (knowledge/quotations.yaml)
// says it belongs to. Attribution is read from that list, never guessed at answer time.
import type { AliasGroup, Statement } from '../knowledge/types.js';
import { foldCase, straightenPunctuation } from '../text/normalize.js';
import type { Analyzer } from './analyzer.js';
import type { IndexedSentence } from './passages.js';
import { PhraseFinder, type PhraseHit } from './phrase-finder.js';

export interface IndexedStatement {
  statement: Statement;
  /** The speaker as the analyzer writes the name (a canonical term), or null. */
  speaker: string | null;
  terms: ReadonlySet<string>;
  /** The words in the loose form phrases are compared in. */
  loose: string;
  /** Its words that are not stop words, as the analyzer splits them. */
  contentWords: readonly string[];
}

export class QuoteIndex {
  readonly finder: PhraseFinder;
  readonly statements: readonly IndexedStatement[];
  /** Canonical name of each person -> how replies name them. */
  readonly people: ReadonlyMap<string, string>;
  /** Canonical name of each person with pronouns in the aliases -> those pronouns. */
  readonly pronouns: ReadonlyMap<string, 'he' | 'she' | 'they'>;
  private readonly names: ReadonlyMap<string, string>;

  constructor(sentences: readonly IndexedSentence[], statements: readonly Statement[], aliases: readonly AliasGroup[], analyzer: Analyzer, isWord?: (word: string) => boolean) {
    this.finder = new PhraseFinder(sentences, isWord);
    this.statements = statements.map((statement) => ({ statement, speaker: statement.speaker === null ? null : analyzer.words(statement.speaker).join('_'), terms: new Set(analyzer.analyze(statement.words).map((t) => t.term)), loose: loose(statement.words), contentWords: analyzer.words(statement.words).filter((w) => analyzer.termOf(w) !== null) }));
    const canonical = (group: AliasGroup) => analyzer.words(group.canonical).join('_');
    this.names = new Map(aliases.map((g) => [g.canonical, g.name ?? g.canonical]));
    this.people = new Map(aliases.filter((g) => g.person).map((g) => [canonical(g), g.name ?? g.canonical]));
    this.pronouns = new Map(aliases.filter((g) => g.person && g.pronouns).map((g) => [canonical(g), g.pronouns!]));
  }

  /** How a reply names a speaker (an alias canonical as the knowledge files write it). */
  nameOf(speaker: string): string {
    return this.names.get(speaker) ?? speaker;
  }

  /** How a reply names a person the analyzer found (a canonical term). */
  personName(term: string): string {
    return this.people.get(term) ?? term;
  }

  /** The statements of the reviewed list that hold the phrase found, quotations first. */
  statementsAt(hit: PhraseHit): IndexedStatement[] {
    const words = loose(hit.wording);
    return this.statements
      .filter(({ statement, loose: own }) => statement.source === hit.sentence.source && statement.paragraph === hit.sentence.paragraph && own.includes(words))
      .sort((a, b) => Number(b.statement.quoted) - Number(a.statement.quoted) || a.loose.length - b.loose.length);
  }

  /** Whether the phrase found stands inside a pair of quotation marks in its sentence. */
  isQuoted(hit: PhraseHit): boolean {
    const text = straightenPunctuation(hit.sentence.text);
    for (const m of text.matchAll(/"[^"]+"/g)) {
      if (hit.start > m.index && hit.end < m.index + m[0].length) return true;
    }
    return false;
  }
}

/** Lower case, words only, one space between: how phrases and statements are compared. */
export function loose(text: string): string {
  return ` ${foldCase(straightenPunctuation(text)).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}
