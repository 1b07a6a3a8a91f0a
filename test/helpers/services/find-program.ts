// Finds the Debian-packaged servers the tests run for real. A missing one fails the test
// with how to install it: these tests are never skipped.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const SEARCH_PATH = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin'].filter(Boolean);

/** The program on PATH (or in the usual sbin folders), or undefined. */
export function onPath(name: string): string | undefined {
  for (const dir of SEARCH_PATH) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * Debian keeps PostgreSQL's server programs in /usr/lib/postgresql/<version>/bin, off PATH;
 * the newest version installed wins.
 */
export function postgresBin(name: string): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const file = path.join(root, version, 'bin', name);
    if (existsSync(file)) return file;
  }
  return onPath(name);
}

export class MissingServerError extends Error {
  constructor(what: string, packageName: string) {
    super(
      `${what} is not installed, and these tests run a real one (they are never skipped). ` +
        `Install it from Debian's packages: sudo apt-get install -y ${packageName} (bash .ci/run does this in CI).`,
    );
    this.name = 'MissingServerError';
  }
}
