// The question log's queries, written once for both stores with "?" placeholders (SQLite's);
// PostgreSQL gets them numbered ($1, $2 …). Aliases are quoted so that PostgreSQL keeps
// their case. Counts and sums come back as numbers from SQLite and as text from PostgreSQL
// (64-bit), so readers convert with Number().
export const QUERIES = Object.freeze({
  // A question carries the id it was given when asked: a batch written again after a failure
  // whose outcome was unknown (a commit whose reply never came) adds nothing the second time.
  insertQuestion: 'INSERT INTO questions (record_id, at, platform, user_hash, question, entry_id, confidence, answered, ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  insertVote: 'INSERT INTO votes (at, platform, user_hash, entry_id, helpful) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_hash, entry_id) DO NOTHING',
  deleteQuestions: 'DELETE FROM questions WHERE at < ?',
  deleteVotes: 'DELETE FROM votes WHERE at < ?',
  declined:
    'SELECT question, COUNT(*) AS "count", MIN(at) AS "first", MAX(at) AS "last" FROM questions WHERE answered = 0 AND at >= ? GROUP BY question ORDER BY "count" DESC, question LIMIT ?',
  votes: 'SELECT entry_id AS "entryId", SUM(helpful) AS "helpful", SUM(1 - helpful) AS "unhelpful" FROM votes WHERE at >= ? GROUP BY entry_id',
  matched: 'SELECT DISTINCT entry_id AS "entryId" FROM questions WHERE entry_id IS NOT NULL AND at >= ?',
});

/** "… ? … ?" as "… $1 … $2", for PostgreSQL. The queries hold no "?" inside quotes. */
export function numbered(sql: string, from = 1): string {
  let n = from;
  return sql.replace(/\?/g, () => `$${n++}`);
}

/** Several rows in one INSERT for PostgreSQL: "VALUES ($1, …), ($9, …)". */
export function insertMany(single: string, rows: number): string {
  const [head, values] = single.split(/\bVALUES\b/);
  // "(?, ?) ON CONFLICT …": the tuple repeats, the clause after it does not.
  const [, tuple, tail] = /^\s*(\([^)]*\))(.*)$/s.exec(values!)!;
  const columns = (tuple!.match(/\?/g) ?? []).length;
  const tuples = Array.from({ length: rows }, (_, row) => numbered(tuple!, row * columns + 1));
  return `${head}VALUES ${tuples.join(', ')}${tail}`;
}

export interface DeclinedRow {
  question: string;
  count: number | string;
  first: number | string;
  last: number | string;
}

export interface VoteCountRow {
  entryId: string;
  helpful: number | string;
  unhelpful: number | string;
}
