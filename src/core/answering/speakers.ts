// Who a question asks about as a speaker. "What did Jess Phillips say?" asks for Phillips's
// words, and "Did Streeting say she deserves prison?" puts words in Streeting's mouth:
// in both, the person named before the verb of saying is the one asked about, whoever
// else the question names after it.
import type { SearchIndex } from '../search/search-index.js';

/**
 * Verbs of saying, as words of the question (after folding). Not "call": "what does
 * Yaxley-Lennon call himself" asks for a name, not for words he said.
 */
const SAYING_VERBS = new Set([
  'say', 'said', 'says', 'saying', 'tell', 'told', 'tells', 'describe', 'described', 'describes',
  'write', 'wrote', 'writes', 'written', 'tweet', 'tweeted', 'tweets', 'post', 'posted', 'claim', 'claimed',
  'accuse', 'accused', 'accuses', 'suggest', 'suggested', 'suggests', 'urge', 'urged', 'urges', 'respond', 'responded', 'responds',
  'reply', 'replied', 'react', 'reacted', 'comment', 'commented', 'quoted', 'stated', 'state', 'argue', 'argued', 'remark',
  'remarked', 'answered', 'retort',
]);
/** Nouns of saying: they ask for someone's words only in the possessive ("Phillips's response"). */
const SAYING_NOUNS = new Set(['response', 'reply', 'replies', 'reaction', 'comment', 'comments', 'words', 'quote', 'quotes', 'statement', 'remarks', 'answer', 'posts', 'tweets', 'claims']);
/** Past participles that, after "is" or "was", make the named person the one spoken of. */
const PARTICIPLES = new Set(['said', 'described', 'quoted', 'told', 'accused', 'written', 'claimed', 'urged', 'stated']);
const AUXILIARIES = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'being', 'get', 'got']);

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
  return index.analyzer.words(question).some((w) => SAYING_VERBS.has(w) || SAYING_NOUNS.has(w));
}

/**
 * The person the question asks about as the one speaking: the last person named before the
 * first verb of saying ("what did Trump say"), or named just before a noun of saying
 * ("Streeting's response"). Undefined when it names no one there, or asks about no saying.
 */
export function askedSpeaker(index: SearchIndex, question: string): string | undefined {
  const words = index.analyzer.words(question);
  const people = namedPeople(index, question);
  const verb = words.findIndex((w, i) => SAYING_VERBS.has(w) && !passive(words, i) && words[i + 1] !== 'no');
  const byVerb = verb < 0 ? undefined : people.filter((p) => p.at < verb).at(-1)?.term;
  if (byVerb) return byVerb;
  const noun = words.findIndex((w) => SAYING_NOUNS.has(w));
  return noun < 0 ? undefined : people.find((p) => p.at === noun - 1 || p.at + 1 === noun - 1)?.term;
}

/**
 * "Robinson is said to have founded…", "How is Phillips described?": a participle after
 * "is" or "was" speaks of the person, not for them. "Say no" is refusing, not saying.
 */
function passive(words: readonly string[], at: number): boolean {
  return PARTICIPLES.has(words[at]!) && words.slice(0, at).some((w) => AUXILIARIES.has(w));
}

/** Whether the story reports anything said by this person (canonical term). */
export function hasWords(index: SearchIndex, person: string): boolean {
  return index.quotes.statements.some((s) => s.speaker === person);
}
