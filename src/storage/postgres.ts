// The question log's store on PostgreSQL (DATABASE_URL), through pg's pool: the same tables
// and queries as SQLite, brought up to date by versioned migrations when it opens. Every
// query has a deadline, so a server that hangs fails a write instead of holding it for ever;
// the log above keeps what could not be written and tries again.
import pg from 'pg';
import type { GapInputs } from '../core/curation/gap-report.js';
import type { Logger } from '../logger.js';
import type { LogStore, QuestionRow, VoteRow } from './log-store.js';
import { migratePostgres } from './postgres-schema.js';
import { insertMany, numbered, QUERIES, type DeclinedRow, type VoteCountRow } from './queries.js';

export const POSTGRES_DEFAULTS = Object.freeze({
  /** Connections per replica: writes come in batches, and /gaps is one reader at a time. */
  maxConnections: 4,
  connectTimeoutMs: 3_000,
  /** A query slower than this fails; the log keeps its rows and tries again later. */
  queryTimeoutMs: 10_000,
  /** Rows per INSERT: 9 parameters each at most, well inside PostgreSQL's 65,535. */
  rowsPerInsert: 500,
});

export const POSTGRES_WHERE = 'PostgreSQL (DATABASE_URL)';

/** Connects and migrates; throws (and closes what it opened) if either fails. */
export async function openPostgresStore(url: string, logger: Logger): Promise<LogStore> {
  const pool = new pg.Pool({
    Client: listeningClient(logger),
    connectionString: url,
    max: POSTGRES_DEFAULTS.maxConnections,
    connectionTimeoutMillis: POSTGRES_DEFAULTS.connectTimeoutMs,
    query_timeout: POSTGRES_DEFAULTS.queryTimeoutMs,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server drops (a restart) is reported here; without a listener
  // it would end the process. The next query simply takes a new connection.
  pool.on('error', (error) => logger.debug({ message: error.message, code: (error as { code?: string }).code }, 'an idle PostgreSQL connection closed'));
  try {
    const client = await pool.connect();
    // As in transaction(): a dropped connection fails the migration rather than the process.
    let broken: Error | undefined;
    const onError = (error: Error) => void (broken = error);
    client.on('error', onError);
    try {
      const ran = await migratePostgres(client);
      if (ran.length > 0) logger.info({ migrations: ran }, 'question log schema brought up to date in PostgreSQL');
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return postgresStore(pool);
}

/**
 * pg's client, with an 'error' listener from the moment it is made. A server shutting down
 * (57P01, "terminating connection due to administrator command") may say so to a connection
 * between two owners: after the pool hands it out and before its new owner listens, or
 * while it is still connecting. An 'error' event with no listener ends the process, so every
 * connection has one for its whole life; whoever is using it still learns of the failure
 * from the query that fails, and the pool throws the broken connection away.
 */
function listeningClient(logger: Logger): typeof pg.Client {
  return class extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      this.on('error', (error: Error) => logger.debug({ message: error.message, code: (error as { code?: string }).code }, 'a PostgreSQL connection failed'));
    }
  };
}

/**
 * Runs a transaction on one connection. A connection the server drops between two of its
 * queries reports that as an 'error' event, which without a listener would end the process;
 * here it fails the transaction, and the broken connection is thrown away, not reused.
 */
async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => void (broken = error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    broken ??= error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

function postgresStore(pool: pg.Pool): LogStore {
  const rows = async <R extends pg.QueryResultRow>(sql: string, values: unknown[]) => (await pool.query<R>(numbered(sql), values)).rows;
  return {
    kind: 'postgres',
    where: POSTGRES_WHERE,
    async insertBatch(questions: readonly QuestionRow[], votes: readonly VoteRow[] = []) {
      if (questions.length === 0 && votes.length === 0) return;
      // One transaction for the questions and votes together: a batch is written whole or
      // not at all, and written again whole, which the ids and the vote key make harmless.
      await transaction(pool, async (client) => {
        for (let i = 0; i < questions.length; i += POSTGRES_DEFAULTS.rowsPerInsert) {
          const batch = questions.slice(i, i + POSTGRES_DEFAULTS.rowsPerInsert);
          const values = batch.flatMap((q) => [q.id, q.at, q.platform, q.userHash, q.question, q.entryId, q.confidence, q.answered, q.ms]);
          await client.query(insertMany(QUERIES.insertQuestion, batch.length), values);
        }
        for (let i = 0; i < votes.length; i += POSTGRES_DEFAULTS.rowsPerInsert) {
          const batch = votes.slice(i, i + POSTGRES_DEFAULTS.rowsPerInsert);
          const values = batch.flatMap((v) => [v.at, v.platform, v.userHash, v.entryId, v.helpful]);
          await client.query(insertMany(QUERIES.insertVote, batch.length), values);
        }
      });
    },
    async insertVote(vote: VoteRow) {
      const result = await pool.query(numbered(QUERIES.insertVote), [vote.at, vote.platform, vote.userHash, vote.entryId, vote.helpful]);
      return result.rowCount === 1;
    },
    async gapInputs(since: number, maxWordings: number): Promise<GapInputs> {
      const [declined, votes, matched] = await Promise.all([
        rows<DeclinedRow>(QUERIES.declined, [since, maxWordings]),
        rows<VoteCountRow>(QUERIES.votes, [since]),
        rows<{ entryId: string }>(QUERIES.matched, [since]),
      ]);
      return {
        declined: declined.map((r) => ({ question: r.question, count: Number(r.count), firstSeen: new Date(Number(r.first)), lastSeen: new Date(Number(r.last)) })),
        votes: votes.map((r) => ({ entryId: r.entryId, helpful: Number(r.helpful), unhelpful: Number(r.unhelpful) })),
        matched: new Set(matched.map((r) => r.entryId)),
      };
    },
    deleteOlderThan: (before: number) =>
      transaction(pool, async (client) => {
        const questions = await client.query(numbered(QUERIES.deleteQuestions), [before]);
        const votes = await client.query(numbered(QUERIES.deleteVotes), [before]);
        return { questions: questions.rowCount ?? 0, votes: votes.rowCount ?? 0 };
      }),
    close: () => pool.end(),
  };
}
