// The CLI's JSON contract: one object per question, the same fields whatever the kind of
// reply, so scripts can rely on them. `answered` is true only for a curated answer (or a
// quote check); a passage reply carries the story's closest sentences in `citations`, best
// first (up to three), but no `answer`.
import type { AnswerResult, FollowUp, PassageView, QuoteCheck } from '../../core/answering/answer.js';
import type { Explanation } from '../../core/answering/why.js';

interface CitationJson {
  source: string;
  paragraph: number;
  quote: string;
  /** [start, end) ranges of the words that matched, for a passage. */
  highlights?: (readonly [number, number])[];
}

export interface AnswerJson {
  question: string;
  kind: AnswerResult['kind'];
  answered: boolean;
  answer: string | null;
  confidence: number;
  /** exact, strong, likely or picked, for an answer; null otherwise. */
  strength: string | null;
  citations: CitationJson[];
  entryId: string | null;
  suggestions: { id: string; question: string }[];
  related: { id: string; question: string }[];
  asOf: string;
  reason: string | null;
  /** What the decline reason is about: the field the story lacks, the person, the phrase. */
  subject: string | null;
  /** On a decline about the story: its nearest sentence, verbatim. */
  closestPassage: CitationJson | null;
  check: QuoteCheck | null;
  /** A follow-up: the answer it followed and how the question was read. */
  followUp: FollowUp | null;
  /** "Why this answer?": what the engine saw, when asked for. */
  why?: Explanation;
  /** Set when the question was recognised as French, Spanish or German: its language code. */
  language: string | null;
}

export function answerToJson(result: AnswerResult, why?: Explanation): AnswerJson {
  const base = {
    question: result.question,
    kind: result.kind,
    answered: result.answered,
    confidence: round(result.confidence),
    asOf: result.asOf,
    followUp: result.followUp ?? null,
    language: result.language ?? null,
    ...(why ? { why: rounded(why) } : {}),
  };
  switch (result.kind) {
    case 'answer':
      return {
        ...base,
        answer: result.answer,
        strength: result.strength,
        citations: result.citations.map(({ source, paragraph, quote }) => ({ source, paragraph, quote })),
        entryId: result.entry.id,
        suggestions: [],
        related: result.related,
        reason: null,
        subject: null,
        closestPassage: null,
        check: result.check ?? null,
      };
    case 'passage':
      return { ...base, answer: null, strength: null, citations: result.passages.map(passageJson), entryId: null, suggestions: result.suggestions, related: [], reason: null, subject: null, closestPassage: null, check: result.check ?? null };
    case 'decline':
      return {
        ...base,
        answer: null,
        strength: null,
        citations: [],
        entryId: null,
        suggestions: result.suggestions,
        related: [],
        reason: result.reason,
        subject: result.subject ?? null,
        closestPassage: result.nearest ? passageJson(result.nearest) : null,
        check: null,
      };
  }
}

function passageJson(passage: PassageView): CitationJson {
  return { source: passage.source, paragraph: passage.paragraph, quote: passage.quote, highlights: passage.highlights };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function rounded(why: Explanation): Explanation {
  return {
    ...why,
    confidence: round(why.confidence),
    lowered: why.lowered.map((l) => ({ ...l, value: round(l.value), cost: round(l.cost) })),
    runnersUp: why.runnersUp.map((r) => ({ ...r, confidence: round(r.confidence) })),
  };
}
