// Reading a question in the light of the answer before it, before anything is searched.
// Three shapes lean on an earlier answer:
//  - only question words left ("and when?", "why?"): ask the earlier question again with
//    the new question word;
//  - "what about X?" naming only someone else: the earlier question, about X instead;
//  - "he", "she", "they" or "it" where nobody is named: those words read as the people (or
//    the things) the earlier answer is about.
// The rewritten question is then answered like any other. The pronoun reading is only
// preferred when it is at least as confident as the question read on its own, since
// "which minister did he want jailed?" is a whole question whoever "he" is.
import type { EngineConfig } from '../search/config.js';
import { queryTerms } from '../search/engine.js';
import { isQuestionWordTerm } from '../search/lexicon.js';
import type { SearchIndex } from '../search/search-index.js';
import type { Turn } from './turns.js';

export type Reading =
  /** Not a follow-up, or nothing earlier to read it by: the question as asked. */
  | { kind: 'standalone' }
  /** It leans on an earlier answer and there is none: declined with suggestions. */
  | { kind: 'unresolved' }
  /**
   * Read as `text`. "resolved": that reading stands; "either": the more confident of it and
   * the question as asked, which wins a tie.
   */
  | { kind: 'follow-up'; text: string; prefer: 'resolved' | 'either' };

/** Pronouns for people, by whom they can mean: one man, one woman, or several. */
const PRONOUN_CLASS: ReadonlyMap<string, 'he' | 'she' | 'they'> = new Map([
  ...['he', 'him', 'his', 'himself'].map((w) => [w, 'he'] as const),
  ...['she', 'her', 'hers', 'herself'].map((w) => [w, 'she'] as const),
  ...['they', 'them', 'their', 'theirs', 'themselves'].map((w) => [w, 'they'] as const),
]);
const THING = /^(it|its|itself)$/;
const STARTER = /^\s*(?:and|but|so|also|then|ok|okay)\b/i;
const WHAT_ABOUT = /^\s*(?:(?:and|but|so|ok|okay|also)\s*,?\s*)?(?:what|how)\s+about\b/i;
const LEADING_QUESTION_WORDS = /^\s*(?:(?:who|whom|whose|what|when|where|why|how|which)(?:'s|s)?\b[\s,]*)+/i;

export function readFollowUp(index: SearchIndex, config: EngineConfig, question: string, previous: Turn | undefined): Reading {
  const words = index.analyzer.words(question);
  const terms = queryTerms(index, question, config);
  const content = terms.filter((t) => !isQuestionWordTerm(t.term));
  const named = content.filter((t) => index.isName(t.term));
  const person = words.some((w) => PRONOUN_CLASS.has(w));
  // "and when?", "why?": question words and nothing else, too short to be a question of its own.
  const elliptic = content.length === 0 && terms.length > 0 && (words.length <= 3 || STARTER.test(question));
  if (!previous) return content.length === 0 && (person || elliptic) ? { kind: 'unresolved' } : { kind: 'standalone' };
  if (named.length > 0 && named.length === content.length && WHAT_ABOUT.test(question)) {
    return { kind: 'follow-up', text: aboutInstead(index, previous.question, plain(question.replace(WHAT_ABOUT, ''))), prefer: 'resolved' };
  }
  const pronouns = namePronouns(index, words, previous, new Set(named.map((t) => t.term)));
  if (pronouns.text !== undefined) return { kind: 'follow-up', text: pronouns.text, prefer: 'either' };
  // "who is she?" when no woman was named: as if nothing came before, never someone else.
  if (pronouns.missing && content.length === 0) return { kind: 'unresolved' };
  // The question words of this one, the subject of the one before.
  if (elliptic) return { kind: 'follow-up', text: `${plain(question)} ${plain(previous.question).replace(LEADING_QUESTION_WORDS, '')}`, prefer: 'resolved' };
  return { kind: 'standalone' };
}

/** The earlier question with its last name replaced: "What did Musk say about Starmer?" -> "… about Phillips". */
function aboutInstead(index: SearchIndex, earlier: string, names: string): string {
  const words = index.analyzer.words(earlier);
  const last = index.analyzer
    .spans(words)
    .filter((s) => index.isName(s.term))
    .at(-1);
  if (!last) return `${plain(earlier)} ${names}`;
  return [...words.slice(0, last.from), names, ...words.slice(last.to)].join(' ');
}

/**
 * The question with its pronouns written as whom they stand for (text), or none when none
 * can be; `missing` when a "he" or "she" has no one to stand for. "He" and "she" are the
 * people of the earlier answer whose pronouns (knowledge/aliases.yaml) match, first named
 * first, else those of the answers before it, most recent first: after "What did Musk say
 * about Jess Phillips?", "what did he say about her?" reads "what did musk say about
 * phillips", and "who is she?" is about Phillips whoever was named first. People whose
 * pronouns the aliases do not give are taken in the order they were named. People the
 * question names itself are not given again; "it" is given the things, not the people.
 */
function namePronouns(index: SearchIndex, words: readonly string[], previous: Turn, named: ReadonlySet<string>): { text?: string; missing: boolean } {
  const isPerson = (n: string) => index.quotes.people.has(n) && !named.has(n);
  const people = previous.names.filter(isPerson);
  const earlier = (previous.earlier ?? []).filter((n) => isPerson(n) && !people.includes(n));
  const things = previous.names.filter((n) => !index.quotes.people.has(n) && !named.has(n));
  const pronounsOf = (n: string) => index.quotes.pronouns.get(n);
  const unknown = people.filter((n) => pronounsOf(n) === undefined);
  const byClass = new Map<string, string[]>();
  let next = 0;
  let missing = false;
  const namesFor = (word: string): string[] => {
    const kind = PRONOUN_CLASS.get(word);
    if (kind === undefined) return THING.test(word) ? things : [];
    if (kind === 'they') return people;
    let names = byClass.get(kind);
    if (names === undefined) {
      const person = people.find((n) => pronounsOf(n) === kind) ?? earlier.find((n) => pronounsOf(n) === kind) ?? unknown[next++] ?? unknown[0];
      byClass.set(kind, (names = person === undefined ? [] : [person]));
    }
    if (names.length === 0) missing = true;
    return names;
  };
  let replaced = false;
  const read = words.map((word) => {
    const names = namesFor(word);
    if (names.length === 0) return word;
    replaced = true;
    return names.map(surface).join(' ');
  });
  return { ...(replaced ? { text: read.join(' ') } : {}), missing };
}

/** A name's term as words the analyzer reads back into it ("oldham_report" -> "oldham report"). */
function surface(term: string): string {
  return term.replace(/_/g, ' ');
}

/** Without the question marks that would split it into sentences searched apart. */
function plain(text: string): string {
  return text.replace(/[?？]+/g, ' ').replace(/\s+/g, ' ').trim();
}
