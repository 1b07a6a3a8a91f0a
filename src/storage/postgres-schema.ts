// The question log's tables on PostgreSQL: the same tables, columns, keys and indexes as
// on SQLite (schema.ts), in PostgreSQL's types, as an ordered list of migrations. The
// storybot_migrations table records which have run; each new one is appended, never edited.
// Replicas starting at once take turns under an advisory lock, so each migration runs once.
import type pg from 'pg';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE questions (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,             -- ms since the epoch
    platform TEXT NOT NULL,
    user_hash TEXT NOT NULL,        -- HMAC-SHA256 of platform and user id, never the id
    question TEXT NOT NULL,
    entry_id TEXT,                  -- null when declined
    confidence DOUBLE PRECISION NOT NULL,
    answered SMALLINT NOT NULL,     -- 0 or 1
    ms DOUBLE PRECISION NOT NULL
  );
  CREATE INDEX questions_by_time ON questions (at);
  CREATE INDEX questions_by_outcome ON questions (answered, at);

  CREATE TABLE votes (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    platform TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    helpful SMALLINT NOT NULL,      -- 0 or 1
    UNIQUE (user_hash, entry_id)    -- one vote per person per answer
  );
  CREATE INDEX votes_by_time ON votes (at);
  `,
  `
  ALTER TABLE questions ADD COLUMN record_id TEXT;  -- a random id given when asked; null in older rows
  CREATE UNIQUE INDEX questions_by_record ON questions (record_id);
  `,
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** Any fixed number: the key of the advisory lock replicas migrate under. */
const MIGRATION_LOCK = 7_311_042;

export class PostgresSchemaTooNewError extends Error {
  constructor(found: number) {
    super(`the question log's schema in DATABASE_URL is version ${found}, newer than this StoryBot knows (${POSTGRES_SCHEMA_VERSION}); upgrade StoryBot or use another database`);
    this.name = 'PostgresSchemaTooNewError';
  }
}

/** Brings the database up to date; says which migrations it ran. */
export async function migratePostgres(client: pg.ClientBase): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS storybot_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM storybot_migrations');
    const found = rows[0]?.version ?? 0;
    if (found > POSTGRES_SCHEMA_VERSION) throw new PostgresSchemaTooNewError(found);
    const ran: number[] = [];
    for (let version = found + 1; version <= POSTGRES_SCHEMA_VERSION; version++) {
      await client.query(MIGRATIONS[version - 1]!);
      await client.query('INSERT INTO storybot_migrations (version) VALUES ($1)', [version]);
      ran.push(version);
    }
    await client.query('COMMIT');
    return ran;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
