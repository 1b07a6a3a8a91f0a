// The question log on a real PostgreSQL server, which the test takes down and brings back:
// answers never wait, what was asked meanwhile is held and written once it is back, and a
// full buffer is counted and said. npm run gaps reads it too.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionRecord } from '../../src/core/answering/recorder.js';
import { catalogueOf } from '../../src/core/curation/gap-report.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { PostgresQuestionLog } from '../../src/storage/postgres-log.js';
import { userHasher } from '../../src/storage/user-hash.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';
import { runTs } from '../helpers/run-node.js';
import { startPostgres, type PostgresServer } from '../helpers/services/postgres-server.js';
import { waitUntil } from '../helpers/services/redis-server.js';

let server: PostgresServer;
let store: KnowledgeStore;
beforeAll(async () => {
  [server, store] = await Promise.all([startPostgres(), KnowledgeStore.open(REAL_KNOWLEDGE)]);
}, 60_000);
afterAll(() => server?.close());

let databases = 0;
const SECRET = 'postgres-log-hash-key';
const asked = (question: string, userId = 'U1'): QuestionRecord => ({ at: new Date(), platform: 'slack', userId, question, entryId: null, confidence: 0.1, answered: false, ms: 1 });

async function logOn(options: { maxQueued?: number } = {}) {
  const url = await server.database(`log_${++databases}`);
  const log = captureLogger();
  const counted = { dropped: 0, failures: 0 };
  const questionLog = new PostgresQuestionLog({
    url,
    retentionDays: 90,
    hash: userHasher(SECRET),
    logger: log.logger,
    catalogue: catalogueOf(store),
    onDropped: (n) => (counted.dropped += n),
    onWriteFailed: () => counted.failures++,
    ...options,
  });
  const count = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined); // a server the test stops may drop it
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM questions')).rows[0]!.n);
    } finally {
      await client.end();
    }
  };
  return { url, questionLog, log, counted, count };
}

/** Stops the server for the work, and starts it again whatever happens. */
async function whileDown(work: () => Promise<void>): Promise<void> {
  await server.stop();
  try {
    await work();
  } finally {
    await server.start();
  }
}

describe('the question log on PostgreSQL', () => {
  it('records questions and one vote per person per answer, and reports the gaps from them', async () => {
    const { questionLog } = await logOn();
    try {
      for (const q of ["What is Wes Streeting's majority?", 'wes streeting majority', 'What is the capital of Peru?']) questionLog.recordQuestion(asked(q));
      await waitUntil(async () => questionLog.queued === 0, 10_000, () => undefined);
      expect(await questionLog.recordVote({ at: new Date(), platform: 'slack', userId: 'U1', entryId: 'what-is-edl', helpful: false })).toBe('recorded');
      expect(await questionLog.recordVote({ at: new Date(), platform: 'slack', userId: 'U1', entryId: 'what-is-edl', helpful: true })).toBe('already-voted');
      const report = (await questionLog.gaps(10))!;
      expect(report.declined.map((g) => [g.question, g.count])).toEqual([["What is Wes Streeting's majority?", 2], ['What is the capital of Peru?', 1]]);
      expect(report.unhelpful).toEqual([expect.objectContaining({ entryId: 'what-is-edl', unhelpful: 1, helpful: 0 })]);
    } finally {
      await questionLog.close();
    }
  });

  it('holds what is asked while the server is down, counts each failed try, and writes it all once it is back', async () => {
    const { questionLog, log, counted, count } = await logOn();
    try {
      questionLog.recordQuestion(asked('Before the outage?'));
      await waitUntil(async () => (await count()) === 1, 10_000, () => undefined);
      await whileDown(async () => {
        for (let i = 0; i < 50; i++) questionLog.recordQuestion(asked(`During the outage ${i}?`, `U${i}`));
        expect(await questionLog.recordVote({ at: new Date(), platform: 'slack', userId: 'U7', entryId: 'what-is-edl', helpful: true })).toBe('recorded');
        await waitUntil(async () => counted.failures >= 2, 20_000, () => undefined);
        expect(questionLog.queued).toBe(51);
      });
      await waitUntil(async () => questionLog.queued === 0, 60_000, () => undefined);
      expect(await count()).toBe(51);
      expect((await questionLog.gaps(100))!.unhelpful).toEqual([]);
      const messages = log.lines.map((l) => l.msg);
      expect(messages.filter((m) => m.startsWith('question log write failed'))).toHaveLength(1);
      expect(messages).toContain('question log writes work again: everything held has been written');
    } finally {
      await questionLog.close();
    }
  });

  it('writes a batch cut off mid-write exactly once: its questions and votes are one transaction, retried whole', async () => {
    const { url, questionLog, counted, count } = await logOn();
    // Two to hold the locks, and one outside any transaction (which would see a fixed snapshot of pg_stat_activity) to watch.
    const lockers = [0, 1, 2].map(() => new pg.Client({ connectionString: url }));
    const [questionsLock, votesLock, watcher] = lockers as [pg.Client, pg.Client, pg.Client];
    const waiting = (table: string) => `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO ${table}%'`;
    const waiters = async (table: string) => (await watcher.query(waiting(table))).rows.length;
    const kill = (table: string) => watcher.query(`SELECT pg_terminate_backend(pid) FROM (${waiting(table)}) AS w`);
    try {
      for (const client of lockers) (client.on('error', () => undefined), await client.connect());
      questionLog.recordQuestion(asked('Before the batch?'));
      await waitUntil(async () => (await count()) === 1, 10_000, () => undefined);
      for (const [client, table] of [[questionsLock, 'questions'], [votesLock, 'votes']] as const) await client.query(`BEGIN; LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      // A first try fails while both tables are locked, so the questions and the vote are held together.
      for (let i = 0; i < 100; i++) questionLog.recordQuestion(asked(`In the batch ${i}?`, `U${i}`));
      const voted = questionLog.recordVote({ at: new Date(), platform: 'slack', userId: 'U1', entryId: 'what-is-edl', helpful: false });
      await waitUntil(async () => (await waiters('questions')) === 1 && (await waiters('votes')) === 1, 20_000, () => undefined);
      await kill('questions');
      await kill('votes');
      expect(await voted).toBe('recorded');
      await waitUntil(async () => counted.failures >= 1, 10_000, () => undefined);
      // The retry writes its questions, then waits on the votes, and its connection is killed there.
      await questionsLock.query('COMMIT');
      await waitUntil(async () => (await waiters('votes')) === 1 && questionLog.queued === 101, 20_000, () => undefined);
      await kill('votes');
      await votesLock.query('COMMIT');
      await waitUntil(async () => questionLog.queued === 0, 60_000, () => undefined);
      expect(await count()).toBe(101);
      expect(Number((await watcher.query('SELECT COUNT(*) AS n FROM votes')).rows[0].n)).toBe(1);
      expect((await questionLog.gaps(200))!.declined.find((g) => g.question === 'In the batch 0?')?.count).toBe(1);
    } finally {
      await Promise.all(lockers.map((client) => client.end().catch(() => undefined)));
      await questionLog.close();
    }
  }, 60_000);

  it('starts while the server is down, and writes what was asked meanwhile once it is up', async () => {
    let opened: Awaited<ReturnType<typeof logOn>> | undefined;
    try {
      await whileDown(async () => {
        opened = await logOn().catch(() => undefined);
        expect(opened).toBeUndefined(); // server.database() needs the server: make the log first
      });
      const made = await logOn();
      opened = made;
      await server.stop();
      made.questionLog.recordQuestion(asked('Asked before the log could open?'));
      await server.start();
      await waitUntil(async () => made.questionLog.queued === 0, 60_000, () => undefined);
      expect(await made.count()).toBe(1);
    } finally {
      await opened?.questionLog.close();
    }
  });

  it('drops the oldest past its bound while the server is down, counting each and saying so once', async () => {
    const { questionLog, log, counted, count } = await logOn({ maxQueued: 5 });
    try {
      questionLog.recordQuestion(asked('Written first?'));
      await waitUntil(async () => (await count()) === 1, 10_000, () => undefined);
      await whileDown(async () => {
        await waitUntil(async () => questionLog.queued === 0, 1_000, () => undefined);
        for (let i = 0; i < 8; i++) questionLog.recordQuestion(asked(`Held ${i}?`));
      });
      await waitUntil(async () => questionLog.queued === 0, 60_000, () => undefined);
      expect(counted.dropped).toBe(3);
      expect(await count()).toBe(6);
      expect(log.lines.filter((l) => l.msg.startsWith('question log full')).map((l) => l.level)).toEqual([40]);
    } finally {
      await questionLog.close();
    }
  });

  it('is what npm run gaps reads with DATABASE_URL, with no USER_HASH_SECRET: the report hashes nothing', async () => {
    const { url, questionLog } = await logOn();
    for (const q of ["What is Wes Streeting's majority?", 'wes streeting majority']) questionLog.recordQuestion(asked(q));
    await questionLog.close();
    const { code, stdout, stderr } = await runTs('src/cli/gaps.ts', [], { env: { DATABASE_URL: url, KNOWLEDGE_DIR: REAL_KNOWLEDGE } });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/2× What is Wes Streeting's majority\?/);
  });
});
