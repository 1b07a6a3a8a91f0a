// The port through which answered questions and votes leave the core, for the question log
// and the gap report. Recording must never slow or fail an answer, so it is fire-and-forget.

export type Platform = 'discord' | 'slack' | 'console';

export interface QuestionRecord {
  at: Date;
  platform: Platform;
  /** The platform's raw user id; a recorder stores only a keyed hash of it. */
  userId: string;
  question: string;
  entryId: string | null;
  confidence: number;
  answered: boolean;
  ms: number;
}

export interface VoteRecord {
  at: Date;
  platform: Platform;
  userId: string;
  entryId: string;
  helpful: boolean;
}

export type VoteOutcome = 'recorded' | 'already-voted' | 'not-recorded';

export interface Recorder {
  recordQuestion(record: QuestionRecord): void;
  /** A promise where the outcome needs a round trip to a database server (PostgreSQL). */
  recordVote(record: VoteRecord): VoteOutcome | Promise<VoteOutcome>;
}

/** For when the question log is switched off (QUESTION_LOG=off). */
export const notRecording: Recorder = Object.freeze({
  recordQuestion: () => undefined,
  recordVote: () => 'not-recorded' as const,
});
