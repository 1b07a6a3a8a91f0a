// The question log's store in SQLite (DATA_DIR/storybot.db), the embedded default: the same
// tables (schema.ts) and queries (queries.ts) as PostgreSQL, behind the same LogStore
// interface. better-sqlite3 is synchronous; its calls are wrapped in promises only to fit
// the interface, and take as long as they ever did.
import type { Database } from 'better-sqlite3';
import type { GapInputs } from '../core/curation/gap-report.js';
import { databasePath, openDatabase } from './database.js';
import type { LogStore, QuestionRow, VoteRow } from './log-store.js';
import { QUERIES, type DeclinedRow, type VoteCountRow } from './queries.js';

/** What the gap report counts, read from an open database. */
export function sqliteGapInputs(db: Database, since: number, maxWordings: number): GapInputs {
  const declined = db.prepare<[number, number], DeclinedRow>(QUERIES.declined).all(since, maxWordings);
  const votes = db.prepare<[number], VoteCountRow>(QUERIES.votes).all(since);
  const matched = db.prepare<[number], { entryId: string }>(QUERIES.matched).all(since);
  return {
    declined: declined.map((r) => ({ question: r.question, count: Number(r.count), firstSeen: new Date(Number(r.first)), lastSeen: new Date(Number(r.last)) })),
    votes: votes.map((r) => ({ entryId: r.entryId, helpful: Number(r.helpful), unhelpful: Number(r.unhelpful) })),
    matched: new Set(matched.map((r) => r.entryId)),
  };
}

export function sqliteStore(db: Database, file: string): LogStore {
  const insertQuestion = db.prepare<[string, number, string, string, string, string | null, number, number, number]>(QUERIES.insertQuestion);
  const insertVote = db.prepare<[number, string, string, string, number]>(QUERIES.insertVote);
  const deleteQuestions = db.prepare<[number]>(QUERIES.deleteQuestions);
  const deleteVotes = db.prepare<[number]>(QUERIES.deleteVotes);
  const insertAll = db.transaction((rows: readonly QuestionRow[], votes: readonly VoteRow[]) => {
    for (const q of rows) insertQuestion.run(q.id, q.at, q.platform, q.userHash, q.question, q.entryId, q.confidence, q.answered, q.ms);
    for (const v of votes) insertVote.run(v.at, v.platform, v.userHash, v.entryId, v.helpful);
  });
  const deleteOld = db.transaction((before: number) => ({ questions: deleteQuestions.run(before).changes, votes: deleteVotes.run(before).changes }));
  return {
    kind: 'sqlite',
    where: file,
    insertBatch: async (rows, votes = []) => insertAll(rows, votes),
    insertVote: async (v: VoteRow) => insertVote.run(v.at, v.platform, v.userHash, v.entryId, v.helpful).changes === 1,
    gapInputs: async (since, maxWordings) => sqliteGapInputs(db, since, maxWordings),
    deleteOlderThan: async (before) => deleteOld(before),
    close: async () => void db.close(),
  };
}

/** The log in dataDir, created and migrated unless mustExist (then it is only read, as npm run gaps does). */
export function openSqliteStore(dataDir: string, options: { mustExist?: boolean } = {}): LogStore {
  return sqliteStore(openDatabase(dataDir, options), databasePath(dataDir));
}
