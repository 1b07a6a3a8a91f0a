// Opens the question log's SQLite file in DATA_DIR, in WAL mode (readers such as
// `npm run gaps` never block the bot's writes), with its schema brought up to date.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrate } from './schema.js';

export const DATABASE_FILE = 'storybot.db';

export const DATABASE_DEFAULTS = Object.freeze({
  /** Opening and migrating may wait for another process; answering never does (see question-log.ts). */
  openTimeoutMs: 5_000,
});

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

export function openDatabase(dataDir: string, options: { mustExist?: boolean } = {}): Database.Database {
  // Owner-only: the log holds what people asked.
  if (!options.mustExist) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = databasePath(dataDir);
  const isNew = !existsSync(file);
  const db = new Database(file, { fileMustExist: options.mustExist ?? false, timeout: DATABASE_DEFAULTS.openTimeoutMs });
  // SQLite gives its -wal and -shm files the database file's permissions.
  if (isNew) chmodSync(file, 0o600);
  try {
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL loses at most the last moments of log on power loss, never corrupts.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
