// The CLI's JSON contract: one object per question, the same fields whether answered or
// not, so scripts can rely on them.
import type { AnswerResult } from '../../core/answering/answer.js';

export interface AnswerJson {
  question: string;
  answered: boolean;
  answer: string | null;
  confidence: number;
  citations: { source: string; paragraph: number; quote: string }[];
  entryId: string | null;
  suggestions: { id: string; question: string }[];
  related: { id: string; question: string }[];
  asOf: string;
  reason: string | null;
  closestPassage: { source: string; paragraph: number } | null;
}

export function answerToJson(result: AnswerResult): AnswerJson {
  const confidence = Math.round(result.confidence * 1000) / 1000;
  if (result.answered) {
    return {
      question: result.question,
      answered: true,
      answer: result.answer,
      confidence,
      citations: result.citations.map(({ source, paragraph, quote }) => ({ source, paragraph, quote })),
      entryId: result.entry.id,
      suggestions: [],
      related: result.related,
      asOf: result.asOf,
      reason: null,
      closestPassage: null,
    };
  }
  return {
    question: result.question,
    answered: false,
    answer: null,
    confidence,
    citations: [],
    entryId: null,
    suggestions: result.suggestions,
    related: [],
    asOf: result.asOf,
    reason: result.reason,
    closestPassage: result.closestPassage ?? null,
  };
}
