// User ids never reach the question log: only a keyed hash (HMAC-SHA256) of platform and
// id. The key is USER_HASH_SECRET, or else a random key made once and kept beside the
// database, so hashes stay stable across restarts but cannot be recomputed from a list of
// known ids by anyone without the key.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Platform } from '../core/answering/recorder.js';

export const KEY_FILE = 'user-hash.key';

export type UserHasher = (platform: Platform, userId: string) => string;

export function userHasher(key: string | Buffer): UserHasher {
  return (platform, userId) => createHmac('sha256', key).update(`${platform}:${userId}`).digest('hex');
}

/** The configured secret, or the key kept in dataDir, made on first use. */
export function hashKey(dataDir: string, secret: string | undefined): string | Buffer {
  if (secret) return secret;
  const file = path.join(dataDir, KEY_FILE);
  if (!existsSync(file)) createKeyFile(file);
  const key = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`${file} does not hold a 64-digit hex key; delete it to make a new one (past hashes will no longer match)`);
  return Buffer.from(key, 'hex');
}

// Written aside and linked into place, so of two processes starting at once one key wins
// and neither reads a half-written file.
function createKeyFile(file: string): void {
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, randomBytes(32).toString('hex'), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}
