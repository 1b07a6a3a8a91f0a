// Question in, platform-neutral result out: what the adapters render. An answer always
// carries its verbatim quotes; a decline never carries an answer.
import type { Citation, Entry, Knowledge, Source } from '../knowledge/types.js';
import type { EngineConfig } from '../search/config.js';
import { search, type Match, type SearchOutcome } from '../search/engine.js';
import type { SearchIndex } from '../search/search-index.js';
import { cleanInput } from '../text/normalize.js';

export const MAX_QUESTION_LENGTH = 300;

export interface EntryRef {
  id: string;
  question: string;
}

export interface CitationView extends Citation {
  /** The cited story's publication date, so every quote reads "as of" it. */
  published: string;
}

export interface Answered {
  answered: true;
  question: string;
  answer: string;
  citations: CitationView[];
  confidence: number;
  entry: EntryRef;
  related: EntryRef[];
  asOf: string;
}

export type DeclineReason = 'empty' | 'too-long' | 'not-in-story';

export interface Declined {
  answered: false;
  question: string;
  reason: DeclineReason;
  confidence: number;
  suggestions: EntryRef[];
  closestPassage?: { source: string; paragraph: number };
  asOf: string;
}

export type AnswerResult = Answered | Declined;

export interface AnswerContext {
  knowledge: Knowledge;
  index: SearchIndex;
  config: EngineConfig;
}

export function answerQuestion(ctx: AnswerContext, rawQuestion: string): AnswerResult {
  const question = cleanInput(String(rawQuestion ?? ''));
  const asOf = latestPublished(ctx.knowledge);
  const decline = (reason: DeclineReason, extra: Partial<Declined> = {}): Declined => ({
    answered: false, question, reason, confidence: 0, suggestions: [], asOf, ...extra,
  });
  if (question.length > MAX_QUESTION_LENGTH) return decline('too-long', { question: cutWhole(question, MAX_QUESTION_LENGTH) });
  if (!/[\p{L}\p{N}]/u.test(question)) return decline('empty');

  const outcome = bestOutcome(ctx, question);
  const best = outcome.matches[0];
  if (!best || best.confidence < ctx.config.threshold) {
    return decline(outcome.terms.length === 0 ? 'empty' : 'not-in-story', {
      confidence: best?.confidence ?? 0,
      suggestions: outcome.matches
        .filter((m) => m.score >= ctx.config.suggestionFloor)
        .slice(0, ctx.config.maxSuggestions)
        .map((m) => refOf(m.entry)),
      ...(outcome.closestParagraph ? { closestPassage: outcome.closestParagraph } : {}),
    });
  }
  return answered(ctx, question, best);
}

/**
 * In chat, a question often comes with an aside ("… in which job? Sorry, English is not my
 * first language."). The words of the aside dilute the match, so each sentence that asks
 * something is also searched on its own, and the most confident reading wins. The whole
 * text stays a candidate, so nothing is lost when the sentences only make sense together.
 */
function bestOutcome(ctx: AnswerContext, question: string): SearchOutcome {
  let best = search(ctx.index, question, ctx.config);
  for (const sentence of askingSentences(question)) {
    const outcome = search(ctx.index, sentence, ctx.config);
    if ((outcome.matches[0]?.confidence ?? 0) > (best.matches[0]?.confidence ?? 0)) best = outcome;
  }
  return best;
}

/** The sentences ending in "?" when there are several sentences; none for a single one. */
export function askingSentences(text: string): string[] {
  const sentences = text.split(/(?<=[?!.])\s+(?=\S)/).filter((s) => /[\p{L}\p{N}]/u.test(s));
  if (sentences.length < 2) return [];
  return sentences.filter((s) => /\?\s*$/.test(s));
}

/** The answer of one entry by id, as when someone picks a suggested or related question. */
export function answerEntry(ctx: AnswerContext, id: string): Answered | undefined {
  const entry = ctx.index.entry(id);
  if (!entry) return undefined;
  return answered(ctx, entry.question, { entry, score: 1, similarity: 1, coverage: 1, formMismatch: false, nameMismatch: 0, confidence: 1, phrasing: entry.question });
}

function answered(ctx: AnswerContext, question: string, match: Match): Answered {
  const { entry } = match;
  const citations = entry.citations.map((c) => ({ ...c, published: sourceOf(ctx.knowledge, c.source)?.published ?? '' }));
  return {
    answered: true,
    question,
    answer: entry.answer,
    citations,
    confidence: match.confidence,
    entry: refOf(entry),
    related: relatedOf(ctx, entry),
    asOf: citations[0]?.published || latestPublished(ctx.knowledge),
  };
}

function relatedOf(ctx: AnswerContext, entry: Entry): EntryRef[] {
  return entry.related.flatMap((id) => {
    const other = ctx.index.entry(id);
    return other ? [refOf(other)] : [];
  });
}

/** At most `max` UTF-16 units, never ending in half of a surrogate pair (an emoji cut in two). */
function cutWhole(text: string, max: number): string {
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function refOf(entry: Entry): EntryRef {
  return { id: entry.id, question: entry.question };
}

function sourceOf(knowledge: Knowledge, id: string): Source | undefined {
  return knowledge.sources.get(id);
}

function latestPublished(knowledge: Knowledge): string {
  return [...knowledge.sources.values()].map((s) => s.published).sort().at(-1) ?? '';
}
