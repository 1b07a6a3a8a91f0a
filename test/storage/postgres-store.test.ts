// The question log's PostgreSQL store against a real server: versioned migrations at open,
// and the same rows and counts as the SQLite store gives.
import { randomUUID } from 'node:crypto';
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

const question = (over: Partial<QuestionRow> = {}): QuestionRow => ({ id: randomUUID(), at: Date.now(), platform: 'slack', userHash: 'h1', question: 'What is Wes Streeting\'s majority?', entryId: null, confidence: 0.1, answered: 0, ms: 1.5, ...over });

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

  it('writes more rows at once than one INSERT may carry', async () => {
    const store = await openPostgresStore(await freshDatabase(), captureLogger().logger);
    try {
      const now = Date.now();
      await store.insertBatch(Array.from({ length: 1_200 }, (_, i) => question({ at: now - i })));
      expect((await store.gapInputs(now - 60_000, 10)).declined).toEqual([expect.objectContaining({ count: 1_200 })]);
    } finally {
      await store.close();
    }
  });

  it('fails to open, and leaves nothing open, when the server cannot be reached', async () => {
    const url = (await freshDatabase()).replace(/:(\d+)\//, ':1/');
    await expect(openPostgresStore(url, captureLogger().logger)).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
