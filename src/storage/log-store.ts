// The one interface behind which the question log keeps its rows: SQLite in DATA_DIR
// (sqlite.ts, the embedded default) or PostgreSQL (postgres.ts, DATABASE_URL), with the same
// tables and the same queries (queries.ts). The log itself (question-log.ts) queues, retries
// and hashes; a store only reads and writes. Every method may fail: the log copes.
import { randomUUID } from 'node:crypto';
import type { QuestionRecord, VoteRecord } from '../core/answering/recorder.js';
import type { GapInputs } from '../core/curation/gap-report.js';
import type { UserHasher } from './user-hash.js';

export interface QuestionRow {
  /** Made when the question was asked: writing the same row twice keeps one. */
  id: string;
  at: number;
  platform: string;
  /** The keyed hash of platform and user id; a store never sees the id. */
  userHash: string;
  question: string;
  entryId: string | null;
  confidence: number;
  answered: 0 | 1;
  ms: number;
}

export interface VoteRow {
  at: number;
  platform: string;
  userHash: string;
  entryId: string;
  helpful: 0 | 1;
}

export interface LogStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the log is, for people: a file, or "PostgreSQL (DATABASE_URL)"; never a password. */
  readonly where: string;
  /**
   * Writes every row or none, in one transaction: questions already there (by id) and votes
   * already cast (by person and entry) are skipped, so a batch whose write failed part way,
   * or whose commit was never confirmed, can be written again whole without doubling.
   */
  insertBatch(questions: readonly QuestionRow[], votes?: readonly VoteRow[]): Promise<void>;
  /** True when the vote is new, false when this person already voted on this entry. */
  insertVote(row: VoteRow): Promise<boolean>;
  /** What the gap report counts, from `since` (ms since the epoch) on. */
  gapInputs(since: number, maxWordings: number): Promise<GapInputs>;
  deleteOlderThan(before: number): Promise<{ questions: number; votes: number }>;
  close(): Promise<void>;
}

/** A question as a store keeps it: the user id replaced by its keyed hash. */
export function questionRow(record: QuestionRecord, hash: UserHasher): QuestionRow {
  const { at, platform, userId, question, entryId, confidence, answered, ms } = record;
  return { id: randomUUID(), at: at.getTime(), platform, userHash: hash(platform, userId), question, entryId, confidence, answered: answered ? 1 : 0, ms };
}

export function voteRow(record: VoteRecord, hash: UserHasher): VoteRow {
  const { at, platform, userId, entryId, helpful } = record;
  return { at: at.getTime(), platform, userHash: hash(platform, userId), entryId, helpful: helpful ? 1 : 0 };
}
