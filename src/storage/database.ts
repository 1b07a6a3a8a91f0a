// Opens the question log's SQLite file in DATA_DIR, in WAL mode (readers such as
// `npm run gaps` never block the bot's writes), with its schema brought up to date.
import Database from 'better-sqlite3';
import { accessSync, chmodSync, constants, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrate } from './schema.js';

export const DATABASE_FILE = 'storybot.db';

export const DATABASE_DEFAULTS = Object.freeze({
  /**
   * How long opening and migrating may wait for another process's lock. Short: the bot
   * opens the log again in the background until it can (see question-log.ts), and a wait
   * here holds up everything else the process does.
   */
  openTimeoutMs: 250,
});

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/** DATA_DIR exists but this process may not write in it: said plainly, not as SQLite's "unable to open". */
export class DataDirNotWritableError extends Error {
  readonly code = 'data-dir-not-writable';
  constructor(dataDir: string, reason: string) {
    const user = typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
    super(`DATA_DIR ${path.resolve(dataDir)} cannot be written by this process${user}: ${reason}. The question log, its user-hash key and the pid file live there; make it writable, or set DATA_DIR to a folder that is`);
    this.name = 'DataDirNotWritableError';
  }
}

function checkWritable(dataDir: string): void {
  try {
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataDirNotWritableError(dataDir, code === 'EROFS' ? 'it is on a read-only file system' : `it is read-only for this user (${code ?? String(error)})`);
  }
}

export function openDatabase(dataDir: string, options: { mustExist?: boolean; timeoutMs?: number } = {}): Database.Database {
  // Owner-only: the log holds what people asked.
  if (!options.mustExist) {
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EROFS') throw new DataDirNotWritableError(dataDir, `it does not exist and cannot be made (${code})`);
      throw error;
    }
    checkWritable(dataDir);
  }
  const file = databasePath(dataDir);
  const isNew = !existsSync(file);
  const db = new Database(file, { fileMustExist: options.mustExist ?? false, timeout: options.timeoutMs ?? DATABASE_DEFAULTS.openTimeoutMs });
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
    if (!options.mustExist && (error as { code?: string }).code === 'SQLITE_READONLY') throw new DataDirNotWritableError(dataDir, 'its database file is read-only');
    throw error;
  }
}
