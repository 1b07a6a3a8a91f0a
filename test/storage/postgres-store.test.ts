// The question log's PostgreSQL store against a real server: versioned migrations at open,
// and the same rows and counts as the SQLite store gives.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_SCHEMA_VERSION, PostgresSchemaTooNewError } from '../../src/storage/postgres-schema.js';
import { openPostgresStore } from '../../src/storage/postgres.js';
import type { QuestionRow } from '../../src/storage/log-store.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { startPostgres, type PostgresServer } from '../helpers/services/postgres-server.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.close());

let databases = 0;
const freshDatabase = () => server.database(`store_${++databases}`);

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // a server the test stops may drop it
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

const question = (over: Partial<QuestionRow> = {}): QuestionRow => ({ at: Date.now(), platform: 'slack', userHash: 'h1', question: 'What is Wes Streeting\'s majority?', entryId: null, confidence: 0.1, answered: 0, ms: 1.5, ...over });

describe('the PostgreSQL question log store', () => {
  it('creates its tables at first open, records the migration, and runs none the second time', async () => {
    const url = await freshDatabase();
    const log = captureLogger();
    await (await openPostgresStore(url, log.logger)).close();
    await (await openPostgresStore(url, log.logger)).close();
    expect(await query<{ version: number }>(url, 'SELECT version FROM storybot_migrations ORDER BY version')).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
    expect(log.lines.filter((l) => l.msg.startsWith('question log schema brought up to date'))).toHaveLength(1);
  });

  it('migrates once when several replicas open it at the same moment', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url, captureLogger().logger)));
    await Promise.all(stores.map((s) => s.close()));
    expect(await query(url, 'SELECT version FROM storybot_migrations')).toHaveLength(POSTGRES_SCHEMA_VERSION);
  });

  it('refuses a database whose schema is newer than this StoryBot, naming the versions', async () => {
    const url = await freshDatabase();
    await (await openPostgresStore(url, captureLogger().logger)).close();
    await query(url, `INSERT INTO storybot_migrations (version) VALUES (${POSTGRES_SCHEMA_VERSION + 1})`);
    await expect(openPostgresStore(url, captureLogger().logger)).rejects.toBeInstanceOf(PostgresSchemaTooNewError);
  });

  it('writes questions in batches, counts declined ones and votes, keeps one vote per person per entry, and deletes old rows', async () => {
    const store = await openPostgresStore(await freshDatabase(), captureLogger().logger);
    try {
      const now = Date.now();
      const long = now - 100 * 24 * 60 * 60 * 1000;
      await store.insertQuestions([
        ...Array.from({ length: 1_200 }, (_, i) => question({ at: now - i })),
        question({ question: 'Who is Tommy Robinson?', entryId: 'who-is-tommy-robinson', answered: 1, confidence: 0.9 }),
        question({ at: long, question: 'An old one?' }),
      ]);
      expect(await store.insertVote({ at: Date.now(), platform: 'slack', userHash: 'h1', entryId: 'what-is-edl', helpful: 0 })).toBe(true);
      expect(await store.insertVote({ at: Date.now(), platform: 'slack', userHash: 'h1', entryId: 'what-is-edl', helpful: 1 })).toBe(false);
      expect(await store.insertVote({ at: Date.now(), platform: 'slack', userHash: 'h2', entryId: 'what-is-edl', helpful: 1 })).toBe(true);
      const since = Date.now() - 24 * 60 * 60 * 1000;
      const inputs = await store.gapInputs(since, 10);
      expect(inputs.declined).toEqual([{ question: "What is Wes Streeting's majority?", count: 1_200, firstSeen: expect.any(Date), lastSeen: expect.any(Date) }]);
      expect(inputs.declined[0]!.lastSeen.getTime() - inputs.declined[0]!.firstSeen.getTime()).toBe(1_199);
      expect(inputs.votes).toEqual([{ entryId: 'what-is-edl', helpful: 1, unhelpful: 1 }]);
      expect(inputs.matched).toEqual(new Set(['who-is-tommy-robinson']));
      expect(await store.deleteOlderThan(since)).toEqual({ questions: 1, votes: 0 });
    } finally {
      await store.close();
    }
  });

  it('fails to open, and leaves nothing open, when the server cannot be reached', async () => {
    const url = (await freshDatabase()).replace(/:(\d+)\//, ':1/');
    await expect(openPostgresStore(url, captureLogger().logger)).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
