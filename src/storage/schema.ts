// The question log's tables, as an ordered list of migrations. PRAGMA user_version records
// how many have run; each new one is appended, never edited, so a database made by any
// earlier version is brought up to date at start-up.
import type { Database } from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,          -- ms since the epoch
    platform TEXT NOT NULL,
    user_hash TEXT NOT NULL,      -- HMAC-SHA256 of platform and user id, never the id
    question TEXT NOT NULL,
    entry_id TEXT,                -- null when declined
    confidence REAL NOT NULL,
    answered INTEGER NOT NULL,    -- 0 or 1
    ms REAL NOT NULL
  );
  CREATE INDEX questions_by_time ON questions (at);
  CREATE INDEX questions_by_outcome ON questions (answered, at);

  CREATE TABLE votes (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    platform TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,     -- 0 or 1
    UNIQUE (user_hash, entry_id)  -- one vote per person per answer
  );
  CREATE INDEX votes_by_time ON votes (at);
  `,
  `
  ALTER TABLE questions ADD COLUMN record_id TEXT;  -- a random id given when asked; null in older rows
  CREATE UNIQUE INDEX questions_by_record ON questions (record_id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class SchemaTooNewError extends Error {
  constructor(found: number) {
    super(`the question log's schema is version ${found}, newer than this StoryBot knows (${SCHEMA_VERSION}); upgrade StoryBot or use another DATA_DIR`);
  }
}

export function migrate(db: Database): void {
  if (version(db) === SCHEMA_VERSION) return;
  // Read again inside the write lock: another process may have migrated meanwhile.
  db.transaction(() => {
    const found = version(db);
    if (found > SCHEMA_VERSION) throw new SchemaTooNewError(found);
    for (const sql of MIGRATIONS.slice(found)) db.exec(sql);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

function version(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
