// Scores a set of questions with known answers, the way examples/story/score.mjs does: an
// answer is right when its first quote comes from an expected paragraph; a question the
// story cannot answer is right when declined.
import { z } from 'zod';
import type { AnswerResult } from '../answering/answer.js';

export const evalQuestionSchema = z.object({
  q: z.string(),
  expect: z.union([z.array(z.number().int().positive()).min(1), z.literal('none')]),
  kind: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

export type Verdict = 'correct' | 'wrong' | 'declined';

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
  wrong: number;
  declined: number;
}

export function kindOf(question: EvalQuestion): string {
  return question.expect === 'none' ? (question.kind ?? 'unanswerable') : 'answerable';
}

export function judge(question: EvalQuestion, result: AnswerResult): Verdict {
  if (question.expect === 'none') return result.answered ? 'wrong' : 'correct';
  if (!result.answered) return 'declined';
  const first = result.citations[0];
  return first && question.expect.includes(first.paragraph) ? 'correct' : 'wrong';
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
    const t = byKind.get(row.kind) ?? { kind: row.kind, total: 0, correct: 0, wrong: 0, declined: 0 };
    t.total++;
    t[row.verdict]++;
    byKind.set(row.kind, t);
  }
  return [...byKind.values()];
}
