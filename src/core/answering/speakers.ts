// Who a question asks about as a speaker. "What did Jess Phillips say?" asks for Phillips's
// words, and "Did Streeting say she deserves prison?" puts words in Streeting's mouth:
// in both, the person named before the verb of saying is the one asked about, whoever
// else the question names after it.
import type { SearchIndex } from '../search/search-index.js';

/**
 * Verbs and nouns of saying, as words of the question (after folding). Not "call": "what
 * does Yaxley-Lennon call himself" asks for a name, not for words he said.
 */
const SAYING = new Set([
  'say', 'said', 'says', 'saying', 'tell', 'told', 'tells', 'describe', 'described', 'describes',
  'write', 'wrote', 'writes', 'written', 'tweet', 'tweeted', 'tweets', 'post', 'posted', 'posts', 'claim', 'claimed', 'claims',
  'accuse', 'accused', 'accuses', 'suggest', 'suggested', 'suggests', 'urge', 'urged', 'urges', 'respond', 'responded', 'responds',
  'response', 'reply', 'replied', 'replies', 'react', 'reacted', 'reaction', 'comment', 'commented', 'comments', 'words', 'quote',
  'quoted', 'quotes', 'statement', 'stated', 'state', 'argue', 'argued', 'remark', 'remarked', 'answer', 'answered', 'retort',
]);

const PASSIVE = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'being', 'get', 'got']);

export interface NamedPerson {
  /** The canonical term, as the analyzer writes it. */
  term: string;
  /** Word position in the question. */
  at: number;
}

/** The people of the story a question names, in the order it names them. */
export function namedPeople(index: SearchIndex, question: string): NamedPerson[] {
  const words = index.analyzer.words(question);
  return index.analyzer
    .spans(words)
    .filter((span) => index.quotes.people.has(span.term))
    .map((span) => ({ term: span.term, at: span.from }));
}

/** Whether the question asks about something being said at all. */
export function asksAboutSaying(index: SearchIndex, question: string): boolean {
  return index.analyzer.words(question).some((w) => SAYING.has(w));
}

/**
 * The person the question asks about as the one speaking: the last person named before
 * the first word of saying. Undefined when it names no one there, or asks about no saying.
 */
export function askedSpeaker(index: SearchIndex, question: string): string | undefined {
  const words = index.analyzer.words(question);
  // "Robinson is said to have founded…", "was described as": passive, the subject is not
  // speaking; "say no" is refusing, not saying.
  const verb = words.findIndex((w, i) => SAYING.has(w) && !PASSIVE.has(words[i - 1] ?? '') && words[i + 1] !== 'no');
  if (verb < 0) return undefined;
  const before = namedPeople(index, question).filter((p) => p.at < verb);
  // "what did trump say", "streeting's response": the possessive is folded into the name.
  return before.at(-1)?.term;
}

/** Whether the story reports anything said by this person (canonical term). */
export function hasWords(index: SearchIndex, person: string): boolean {
  return index.quotes.statements.some((s) => s.speaker === person);
}
