// Scores a set of questions with known answers, the way examples/story/score.mjs does: an
// answer is right when its first quote comes from an expected paragraph; a question the
// story cannot answer is right when not given a curated answer, and an off-topic one only
// when plainly declined, with no passage of the story at all. A passage from an expected
// paragraph counts apart: it helps the asker, but it is not an answer.
import { z } from 'zod';
import type { AnswerResult } from '../answering/answer.js';

export const evalQuestionSchema = z.object({
  q: z.string(),
  expect: z.union([z.array(z.number().int().positive()).min(1), z.literal('none')]),
  kind: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

/**
 * correct: a right curated answer, or for a question the story cannot answer, no curated
 * answer (and, off-topic, nothing quoted); passage: no answer, but the story's passage from
 * an expected paragraph; wrong: a curated answer from elsewhere, or a quote shown for an
 * off-topic question; declined: nothing from an expected paragraph.
 */
export type Verdict = 'correct' | 'passage' | 'wrong' | 'declined';

export interface EvalRow {
  question: EvalQuestion;
  kind: string;
  verdict: Verdict;
  result: AnswerResult;
}

export interface KindTally {
  kind: string;
  total: number;
  correct: number;
  passage: number;
  wrong: number;
  declined: number;
}

export function kindOf(question: EvalQuestion): string {
  return question.expect === 'none' ? (question.kind ?? 'unanswerable') : 'answerable';
}

export function judge(question: EvalQuestion, result: AnswerResult): Verdict {
  if (question.expect === 'none') {
    if (result.kind === 'answer') return 'wrong';
    const quoted = result.kind === 'passage' || result.nearest !== undefined;
    return question.kind === 'off-topic' && quoted ? 'wrong' : 'correct';
  }
  const expected = question.expect;
  if (result.kind === 'answer') {
    const first = result.citations[0];
    return first && expected.includes(first.paragraph) ? 'correct' : 'wrong';
  }
  return result.kind === 'passage' && expected.includes(result.passage.paragraph) ? 'passage' : 'declined';
}

/** `onProgress` hears how many questions are done after each one, for long files. */
export function evaluate(questions: readonly EvalQuestion[], ask: (q: string) => AnswerResult, onProgress?: (done: number) => void): EvalRow[] {
  return questions.map((question, i) => {
    const result = ask(question.q);
    onProgress?.(i + 1);
    return { question, kind: kindOf(question), verdict: judge(question, result), result };
  });
}

export function tally(rows: readonly EvalRow[]): KindTally[] {
  const byKind = new Map<string, KindTally>();
  for (const row of rows) {
    const t = byKind.get(row.kind) ?? { kind: row.kind, total: 0, correct: 0, passage: 0, wrong: 0, declined: 0 };
    t.total++;
    t[row.verdict]++;
    byKind.set(row.kind, t);
  }
  return [...byKind.values()];
}

/** Every quote a reply shows, in its order: an answer's citations, the passages, a decline's nearest. */
export function quotesShown(result: AnswerResult): { source: string; paragraph: number }[] {
  if (result.kind === 'answer') return result.citations;
  if (result.kind === 'passage') return result.passages;
  return result.nearest ? [result.nearest] : [];
}

/**
 * Whether the right place was found, whatever the kind of reply: for the answerable
 * questions, how many had the first quote shown, and how many one of the first three, from
 * an expected paragraph. `places` gives what was shown, best first, for each question.
 */
export interface PlaceTally {
  total: number;
  first: number;
  firstThree: number;
}

export function placeTally(questions: readonly EvalQuestion[], places: (question: EvalQuestion, i: number) => readonly { paragraph: number }[]): PlaceTally {
  const tallied: PlaceTally = { total: 0, first: 0, firstThree: 0 };
  questions.forEach((question, i) => {
    const expected = question.expect;
    if (expected === 'none') return;
    const shown = places(question, i);
    tallied.total++;
    if (shown[0] && expected.includes(shown[0].paragraph)) tallied.first++;
    if (shown.slice(0, 3).some((p) => expected.includes(p.paragraph))) tallied.firstThree++;
  });
  return tallied;
}
