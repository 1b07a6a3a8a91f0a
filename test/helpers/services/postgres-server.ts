// A real PostgreSQL cluster on 127.0.0.1 and a free port, made with initdb in a folder of
// its own and run with pg_ctl: started by the tests that need it and stopped after.
// PostgreSQL refuses to run as root, so under root (CI) its programs run as the `postgres`
// user that Debian's package creates, and the folder is handed to that user.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../long-running.js';
import { MissingServerError, postgresBin } from './find-program.js';

const run = promisify(execFile);

export interface PostgresServer {
  port: number;
  /** A URL for a new, empty database of this name. */
  database(name: string): Promise<string>;
  /** Stops the server (fast shutdown: connections are cut), as an outage would. */
  stop(): Promise<void>;
  /** Starts it again on the same port, with its data. */
  start(): Promise<void>;
  /** SIGSTOPs the server and every process of it: connections stay open, and nothing answers. */
  freeze(): Promise<void>;
  /** SIGCONTs what freeze() stopped. */
  thaw(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

const USER = 'storybot';

export async function startPostgres(): Promise<PostgresServer> {
  const initdb = postgresBin('initdb');
  const pgCtl = postgresBin('pg_ctl');
  if (!initdb || !pgCtl) throw new MissingServerError('PostgreSQL (initdb and pg_ctl)', 'postgresql');
  const owner = await ownerForPostgres();
  const base = mkdtempSync(path.join(tmpdir(), 'storybot-postgres-'));
  const data = path.join(base, 'data');
  const password = randomBytes(12).toString('hex');
  writeFileSync(path.join(base, 'password'), password);
  if (owner) {
    chownSync(base, owner.uid, owner.gid);
    chownSync(path.join(base, 'password'), owner.uid, owner.gid);
  }
  const as = (program: string, args: string[]) => (owner ? run('runuser', ['-u', 'postgres', '--', program, ...args]) : run(program, args));
  await as(initdb, ['-D', data, '-U', USER, '--auth=scram-sha-256', `--pwfile=${path.join(base, 'password')}`, '-E', 'UTF8', '--no-locale']).catch((error: Error & { stderr?: string }) => {
    throw new Error(`initdb failed: ${error.stderr ?? error.message}`);
  });
  const port = await freePort();
  // The socket goes in the test's own folder; fsync off: nothing here must survive a power cut.
  const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = async () => {
    await as(pgCtl, ['-D', data, '-l', path.join(base, 'server.log'), '-w', '-t', '30', '-o', options, 'start']).catch((error: Error & { stderr?: string }) => {
      throw new Error(`pg_ctl start failed: ${error.stderr ?? error.message}`);
    });
  };
  const stop = async () => {
    await as(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
  };
  await start();
  let frozen: number[] = [];
  const thaw = async () => {
    for (const pid of frozen.splice(0).reverse()) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // Gone already.
      }
    }
  };
  const freeze = async () => {
    // postmaster.pid's first line is the server's pid; its children are the backends and workers.
    const postmaster = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = await run('pgrep', ['-P', String(postmaster)]).then((r) => r.stdout.split('\n').filter(Boolean).map(Number), () => [] as number[]);
    for (const pid of [postmaster, ...children]) {
      process.kill(pid, 'SIGSTOP');
      frozen.push(pid);
    }
  };
  const url = (db: string) => `postgres://${USER}:${password}@127.0.0.1:${port}/${db}`;
  return {
    port,
    async database(name) {
      const admin = new pg.Client({ connectionString: url('postgres') });
      admin.on('error', () => undefined);
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    stop,
    start,
    freeze,
    thaw,
    async close() {
      await thaw();
      await stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Under root, the `postgres` user to run as; otherwise the tests' own user will do. */
async function ownerForPostgres(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error('PostgreSQL refuses to run as root, and there is no `postgres` user to run it as; install Debian\'s postgresql package, which creates it: sudo apt-get install -y postgresql');
  }
}
