// The three kinds of reply the core gives to a question, platform-neutral: what the
// adapters render and what `ask --json` prints.
//  - answer: a curated entry (or a quote check), with its verbatim quotes;
//  - passage: no curated entry is good enough, but the question is about the story: its
//    closest sentences (up to three), labelled as the closest passages, never worded as an answer;
//  - decline: the story does not answer it; shows the nearest passage when the question is
//    about the story at all, nothing when it is not.
import type { Citation } from '../knowledge/types.js';
import type { OtherLanguage } from './languages.js';

export interface EntryRef {
  id: string;
  question: string;
}

export interface CitationView extends Citation {
  /** The cited story's publication date, so every quote reads "as of" it. */
  published: string;
}

/** A sentence of the story, verbatim, with the words that matched the question. */
export interface PassageView extends CitationView {
  /** [start, end) character ranges in `quote` of the words the question shares with it. */
  highlights: (readonly [number, number])[];
}

/**
 * How an answer was reached, in words rather than a bare number: the curated question
 * itself, a close match, a likely one, or chosen by the person from a list.
 */
export type MatchStrength = 'exact' | 'strong' | 'likely' | 'picked';

/** A question read as a follow-up of an earlier answer: which one, and how the question was read. */
export interface FollowUp {
  to: EntryRef;
  /** The question as searched, with its "he" or "and when?" spelled out. */
  readAs: string;
}

/** What a quote check found: a phrase of the question looked up in the story itself. */
export interface QuoteCheck {
  phrase: string;
  /** The phrase stands verbatim in the story. */
  found: boolean;
  /** It stands inside quotation marks there. */
  quoted: boolean;
  /** Whom the story attributes it to (the reviewed list in knowledge/quotations.yaml). */
  speaker: string | null;
}

export interface Answered {
  kind: 'answer';
  answered: true;
  question: string;
  answer: string;
  citations: CitationView[];
  /** Probability-like confidence in 0..1; 1 when picked. */
  confidence: number;
  strength: MatchStrength;
  entry: EntryRef;
  related: EntryRef[];
  check?: QuoteCheck;
  asOf: string;
  followUp?: FollowUp;
  /** The question was in French, Spanish or German: answered (or declined) in English all the same. */
  language?: OtherLanguage;
}

export interface PassageReply {
  kind: 'passage';
  answered: false;
  question: string;
  /** The closest passage: the first of `passages`. */
  passage: PassageView;
  /** The closest passages, best first: one when it clearly leads, at most three. */
  passages: PassageView[];
  confidence: number;
  suggestions: EntryRef[];
  /** Set when a quote check found the phrase nowhere word for word: this is its closest wording. */
  check?: QuoteCheck;
  asOf: string;
  followUp?: FollowUp;
  /** The question was in French, Spanish or German: answered (or declined) in English all the same. */
  language?: OtherLanguage;
}

/**
 * Why a question was declined, as a code the wording module turns into words:
 *  - empty, too-long: nothing to search, or too much;
 *  - not-in-story: nothing in the story answers it;
 *  - not-supplied: it asks for something the story was published without (author, outlet…);
 *  - no-words-of: it asks what someone said, and the story quotes nothing of theirs;
 *  - not-verbatim: a phrase it checks does not stand in the story as written;
 *  - unresolved: a follow-up whose "he", "she" or "it" nothing earlier explains;
 *  - other-language: a question in French, Spanish or German that matches nothing strongly;
 *  - form-not-given: the closest answer is not of the form asked (a time, a number…): subject is the form;
 *  - misattributed: the question gives someone's act to another: subject is who the story gives it to.
 */
export type DeclineReason = 'empty' | 'too-long' | 'not-in-story' | 'not-supplied' | 'no-words-of' | 'not-verbatim' | 'unresolved' | 'other-language' | 'form-not-given' | 'misattributed';

export interface Declined {
  kind: 'decline';
  answered: false;
  question: string;
  reason: DeclineReason;
  /** What the reason is about: the missing field, the person, or the phrase checked. */
  subject?: string;
  /** Misattributed: whom the question wrongly gives the act to (a name from the story's list). */
  notBy?: string;
  confidence: number;
  suggestions: EntryRef[];
  /** The story's nearest passage, unless the question has nothing to do with the story. */
  nearest?: PassageView;
  asOf: string;
  followUp?: FollowUp;
  /** The question was in French, Spanish or German: answered (or declined) in English all the same. */
  language?: OtherLanguage;
}

export type AnswerResult = Answered | PassageReply | Declined;
