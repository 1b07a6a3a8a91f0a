// A question answered in its conversation: read as a follow-up of the last answer there when
// it leans on it (follow-up.ts), and otherwise exactly as it would be answered on its own.
import { answerQuestion, MAX_QUESTION_LENGTH, type AnswerContext } from '../answering/answer.js';
import type { AnswerResult, Declined, EntryRef } from '../answering/reply-types.js';
import { LANGUAGE_NAMES, otherLanguage, searchableInEnglish, type OtherLanguage } from '../answering/languages.js';
import { readFollowUp } from './follow-up.js';
import type { Turn } from './turns.js';

/**
 * The length limit is the person's: it applies to what they typed. A reading spells out
 * "she" or "and when?" with the earlier answer's words, so it may run longer; it is held
 * to a bound of its own, which a question within the limit cannot reach in practice.
 */
export const MAX_READING_LENGTH = 4 * MAX_QUESTION_LENGTH;

export function answerInContext(ctx: AnswerContext, rawQuestion: string, previous?: Turn): AnswerResult {
  const asked = answerQuestion(ctx, rawQuestion);
  if (asked.kind === 'decline' && asked.reason === 'too-long') return asked;
  const language = otherLanguage(asked.question);
  if (language) return inEnglish(ctx, asked, language);
  const reading = readFollowUp(ctx.index, ctx.config, asked.question, previous);
  if (reading.kind === 'standalone') return asked;
  if (reading.kind === 'unresolved') return unresolved(asked);
  const to = earlier(ctx, previous!);
  const text = reading.text.slice(0, MAX_READING_LENGTH);
  const read: AnswerResult = { ...answerQuestion(ctx, text, { maxLength: MAX_READING_LENGTH }), question: asked.question, followUp: { to, readAs: text } };
  // The question as asked wins a tie: a follow-up reading must earn its place. Preferring
  // the reading whose answer is about whom "he" was taken to be was tried, and cost one or
  // two of the blind sets' standalone questions in a thread (their "he" means Musk).
  if (reading.prefer === 'either' && asked.kind === 'answer' && asked.confidence >= (read.kind === 'answer' ? read.confidence : 0)) return asked;
  return read;
}

/**
 * A question in another language, answered from the English knowledge base only when the
 * names and question words it shares with English match an entry strongly; never a guess.
 */
function inEnglish(ctx: AnswerContext, asked: AnswerResult, language: OtherLanguage): AnswerResult {
  const read = answerQuestion(ctx, searchableInEnglish(asked.question, language));
  // Never "exact": the person's own words were not the curated question's.
  if (read.kind === 'answer' && (read.strength === 'exact' || read.strength === 'strong')) return { ...read, question: asked.question, strength: 'strong', language };
  const suggestions = read.kind === 'answer' ? [read.entry, ...read.related] : read.suggestions.length > 0 ? read.suggestions : asked.kind === 'answer' ? [asked.entry] : asked.suggestions;
  return { kind: 'decline', answered: false, question: asked.question, reason: 'other-language', subject: LANGUAGE_NAMES[language], confidence: 0, suggestions: suggestions.slice(0, ctx.config.maxSuggestions), asOf: asked.asOf, language };
}

/** A question that leans on an earlier answer where there is none: never answered from whatever it matches. */
function unresolved(asked: AnswerResult): Declined {
  const suggestions = asked.kind === 'answer' ? [asked.entry] : asked.suggestions;
  return { kind: 'decline', answered: false, question: asked.question, reason: 'unresolved', confidence: 0, suggestions, asOf: asked.asOf };
}

/**
 * The earlier answer as "Following up on …" names it in public: by its curated question, or
 * the title it was shown under (a quote check's). Never by what its asker typed: the note
 * goes wherever the follow-up goes, and the earlier answer may have been private. With
 * neither (its entry was reloaded away), the question is left empty and the note says only
 * that it follows an earlier answer.
 */
export function earlier(ctx: Pick<AnswerContext, 'index'>, previous: Pick<Turn, 'entryId' | 'title'>): EntryRef {
  const entry = ctx.index.entry(previous.entryId);
  return { id: previous.entryId, question: entry?.question ?? previous.title ?? '' };
}
