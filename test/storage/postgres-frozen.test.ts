// A PostgreSQL server that freezes (SIGSTOP: connections stay open, nothing answers) while
// the bot holds questions for it. Shutdown must still end in time, say how many records
// were never written, and exit 0. The server is thawed whatever happens.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_DEFAULTS } from '../../src/app.js';
import { catalogueOf } from '../../src/core/curation/gap-report.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { POSTGRES_LOG_DEFAULTS, PostgresQuestionLog } from '../../src/storage/postgres-log.js';
import { userHasher } from '../../src/storage/user-hash.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';
import { startTs, type RunningChild } from '../helpers/run-node.js';
import { startPostgres, type PostgresServer } from '../helpers/services/postgres-server.js';
import { waitUntil } from '../helpers/services/redis-server.js';

let server: PostgresServer;
let bot: RunningChild | undefined;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterEach(async () => {
  bot?.child.kill('SIGKILL');
  bot = undefined;
  await server?.thaw();
});
afterAll(() => server?.close());

let databases = 0;
async function rowCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM questions')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

const SHUTDOWN_TIMEOUT_MS = 1_000;

describe('a frozen PostgreSQL at shutdown', () => {
  it('closes the log within its bound, counting what it could not write', async () => {
    const url = await server.database(`frozen_${++databases}`);
    const store = await KnowledgeStore.open(REAL_KNOWLEDGE);
    const capture = captureLogger();
    const log = new PostgresQuestionLog({ url, retentionDays: 90, hash: userHasher('frozen'), logger: capture.logger, catalogue: catalogueOf(store) });
    const asked = (question: string) => ({ at: new Date(), platform: 'slack' as const, userId: 'U1', question, entryId: null, confidence: 0.1, answered: false, ms: 1 });
    log.recordQuestion(asked('Written before the freeze?'));
    await waitUntil(async () => log.queued === 0 && (await rowCount(url)) === 1, 10_000, () => undefined);
    await server.freeze();
    for (let i = 0; i < 30; i++) log.recordQuestion(asked(`Held while frozen ${i}?`));
    const started = performance.now();
    expect(await log.close()).toBe(30);
    // The bound is the point here: without it, close() waited on the frozen server for ever.
    expect(performance.now() - started).toBeLessThan(POSTGRES_LOG_DEFAULTS.closeWriteMs + POSTGRES_LOG_DEFAULTS.closeConnectionsMs + 1_000);
    const warned = capture.lines.filter((l) => l.msg.startsWith('question log closed with unwritten records'));
    expect(warned).toEqual([expect.objectContaining({ lost: 30 })]);
    expect(capture.text()).not.toContain('Held while frozen');
  });

  it('lets npm start exit 0 before its deadline, warning with the count of unwritten questions', { timeout: 60_000 }, async () => {
    const url = await server.database(`frozen_${++databases}`);
    const running = startTs('src/index.ts', { env: { DATABASE_URL: url, USER_HASH_SECRET: 'frozen-test', SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), KNOWLEDGE_DIR: REAL_KNOWLEDGE } });
    bot = running;
    const gone = () => (running.child.exitCode !== null ? `the bot exited: ${running.stderr()}` : undefined);
    const answers = () => running.stdout().match(/The story describes Stephen Yaxley-Lennon/g)?.length ?? 0;
    running.child.stdin.write('Who is Tommy Robinson?\n');
    await waitUntil(async () => answers() === 1 && (await rowCount(url)) === 1, 30_000, gone).catch((e: Error) => {
      throw new Error(`${e.message}; answers ${answers()}; out ${running.stdout()}; err ${running.stderr()}`);
    });
    await server.freeze();
    for (let i = 0; i < 30; i++) running.child.stdin.write('Who is Tommy Robinson?\n');
    // Answers do not wait on the database, frozen or not.
    await waitUntil(async () => answers() === 31, 20_000, gone);
    const exited = new Promise<number | null>((resolve) => running.child.on('exit', resolve));
    const started = performance.now();
    running.child.kill('SIGTERM');
    const code = await exited;
    const tookMs = performance.now() - started;
    expect(code).toBe(0);
    // A shutdown that ran into its deadline would have exited 1 after this long.
    expect(tookMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + APP_DEFAULTS.disconnectTimeoutMs + APP_DEFAULTS.shutdownMarginMs);
    const warn = running
      .stderr()
      .split('\n')
      .filter((line) => line.includes('question log closed with unwritten records'))
      .map((line) => JSON.parse(line) as { lost: number; level: number });
    expect(warn).toEqual([expect.objectContaining({ lost: 30, level: 40 })]);
    expect(running.stderr()).not.toContain('Tommy Robinson');
  });
});
