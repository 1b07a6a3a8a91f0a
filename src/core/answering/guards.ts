// Questions that a curated answer must not be given to, however well the words match:
// the story cannot answer them, or the answer would be someone else's. Each guard says why,
// as a decline reason; the reply may still point at the story's words.
import type { Source } from '../knowledge/types.js';
import { typoCorrections, type SearchOutcome } from '../search/engine.js';
import type { EngineConfig } from '../search/config.js';
import { isQuestionWordTerm } from '../search/lexicon.js';
import type { SearchIndex } from '../search/search-index.js';
import type { DeclineReason } from './reply-types.js';
import { askingSentences } from './asking-sentences.js';
import { askedSpeaker, hasWords } from './speakers.js';
import { FUNCTION_WORDS } from './quote-check.js';

export interface Blocked {
  reason: DeclineReason;
  subject?: string;
  /** Misattributed: whom the question wrongly gives the act to. */
  notBy?: string;
  /** The story's closest sentence may still be offered as a passage. */
  passageAllowed: boolean;
  /**
   * The decline says what the story does not give, or corrects the question: the story's
   * closest sentence goes under it as the nearest passage, not in its place.
   */
  namesMissing?: boolean;
}

/** What the story was published without, and how people ask for it. */
const NOT_SUPPLIED: readonly { field: 'author' | 'headline' | 'outlet' | 'url'; pattern: RegExp }[] = [
  { field: 'author', pattern: /\b(who (wrote|writes|authored|reported|penned)( (this|the|that))? (story|article|piece|report(?!\s+into)|news)|author|byline|journalist|reporter|writer|written by)\b/i },
  { field: 'headline', pattern: /\b(headline|hed|title of (the|this) (story|article|piece))\b/i },
  { field: 'outlet', pattern: /\b(outlet|newspaper|publisher|news agency|what paper|which paper|publication(?! date)|(which|what) (news )?(site|network|agency|publication) (published|ran|carried|wrote)|(published|ran|carried|printed) (this|the) (story|article|piece)|where (is|was) (this|the) (story|article|piece) from)\b/i },
  { field: 'url', pattern: /\b(url|web address|hyperlink|permalink|link (to|for) (the|this) (story|article|piece|original|source))\b/i },
];

/** The field a question asks for that the story's metadata leaves empty, if any. */
export function askedNotSupplied(question: string, sources: Iterable<Source>): string | undefined {
  const missing = new Set<string>();
  for (const s of sources) for (const field of ['author', 'headline', 'outlet', 'url'] as const) if (s[field] === null) missing.add(field);
  // An aside ("i only saw the headline") is not what is asked: only the asking sentences count.
  const asked = askingSentences(question);
  const text = asked.length > 0 ? asked.join(' ') : question;
  // "Which outlet did Streeting speak to?" asks about the story's content, not its source.
  if (SPOKE_TO.test(text)) return undefined;
  return NOT_SUPPLIED.find(({ field, pattern }) => missing.has(field) && pattern.test(text))?.field;
}

const SPOKE_TO = /\b(speak|spoke|spoken|talk|talked|told|tell|interview\w*|appear\w*)\b/i;

/**
 * The question's words as the search read them, typos mended ("did starmr say…" is about
 * Starmer), for the guards that look for people by name; the question itself when the
 * search mended nothing.
 */
export function asSearched(index: SearchIndex, question: string, config: EngineConfig): string {
  const mended = new Map(typoCorrections(index, question, config).map((c) => [c.typed, c.corrected]));
  return mended.size === 0 ? question : index.analyzer.words(question).map((w) => mended.get(w) ?? w).join(' ');
}

const PRONOUNS = /\b(he|him|his|she|her|hers|they|them|their|it|its|this guy|that guy|the guy)\b/i;
const FOLLOW_UP = /^\s*(and|but|so|also|what about|how about|and what about)\b/i;

/**
 * Guards on the best curated match. Order matters: the most specific reason wins, so a
 * person asked about who says nothing in the story is told so, rather than a vaguer decline.
 */
export function blockAnswer(index: SearchIndex, question: string, outcome: SearchOutcome): Blocked | undefined {
  const best = outcome.matches[0];
  if (!best) return undefined;
  const content = outcome.terms.filter((t) => !isQuestionWordTerm(t.term));
  const named = content.filter((t) => index.isName(t.term));

  const speaker = askedSpeaker(index, question);
  if (speaker) {
    if (!hasWords(index, speaker)) return { reason: 'no-words-of', subject: index.quotes.personName(speaker), passageAllowed: false };
    if (!spokenBy(index, best.entry.citations, speaker)) return { reason: 'not-in-story', passageAllowed: true };
  }
  // One word that names nothing in the story ("help", "uk", "us") is not a question about it.
  if (index.analyzer.words(question).length === 1 && named.length === 0) return { reason: 'not-in-story', passageAllowed: false };
  // "and what did he say about her?": without an earlier question, "he" and "her" are anyone.
  if (named.length === 0 && PRONOUNS.test(question) && (FOLLOW_UP.test(question) || content.length <= 2)) {
    return { reason: 'unresolved', passageAllowed: true };
  }
  // The question wants a time, a number or an age that the entry does not give.
  if (best.formMismatch) return { reason: 'not-in-story', passageAllowed: true };
  return undefined;
}

/**
 * A question with a single word of substance that names nothing in the story ("tell me
 * something interesting") may match a curated question, but one shared word is too little
 * to point at a passage of the story.
 */
export function tooThinForPassage(index: SearchIndex, outcome: SearchOutcome, question = ''): boolean {
  const functional = functionTerms(index, question);
  const content = outcome.terms.filter((t) => !isQuestionWordTerm(t.term) && !functional.has(t.term));
  return content.length === 1 && !index.isName(content[0]!.term);
}

/**
 * The terms only the question's function words stand for: "the difference between 'since'
 * and 'for'" has no subject in the story. A term another word of the question also stands
 * for stays ("between" is searched as "cover", like the "cover" of "what did it cover?").
 */
function functionTerms(index: SearchIndex, question: string): Set<string> {
  const words = index.analyzer.words(question);
  const others = new Set(words.filter((w) => !FUNCTION_WORDS.has(w)).map((w) => index.analyzer.termOf(w)));
  return new Set(words.filter((w) => FUNCTION_WORDS.has(w)).flatMap((w) => index.analyzer.termOf(w) ?? []).filter((t) => !others.has(t)));
}

/** Whether the paragraph an entry answers from holds words the reviewed list gives to this speaker. */
function spokenBy(index: SearchIndex, citations: readonly { source: string; paragraph: number }[], speaker: string): boolean {
  const main = citations[0];
  return index.quotes.statements.some((s) => s.speaker === speaker && main?.source === s.statement.source && main.paragraph === s.statement.paragraph);
}
