// SQLite and PostgreSQL behind the one LogStore interface: the same rows in give the same
// counts out, one vote per person per entry, and the same pruning. PostgreSQL is a real
// server the test starts.
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogStore, QuestionRow } from '../../src/storage/log-store.js';
import { openPostgresStore } from '../../src/storage/postgres.js';
import { openSqliteStore } from '../../src/storage/sqlite.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { startPostgres, type PostgresServer } from '../helpers/services/postgres-server.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.close());

let made = 0;
const STORES: [string, () => Promise<LogStore>][] = [
  ['SQLite', async () => openSqliteStore(await mkdtemp(path.join(tmpdir(), 'storybot-data-')))],
  ['PostgreSQL', async () => openPostgresStore(await server.database(`stores_${++made}`), captureLogger().logger)],
];

const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();
const question = (over: Partial<QuestionRow> = {}): QuestionRow => ({ id: randomUUID(), at: now, platform: 'slack', userHash: 'h1', question: "What is Wes Streeting's majority?", entryId: null, confidence: 0.1, answered: 0, ms: 1.5, ...over });

describe.each(STORES)('the question log store in %s', (_, open) => {
  it('counts declined questions by wording, votes by entry, and the entries questions reached', async () => {
    const store = await open();
    try {
      await store.insertBatch([
        ...Array.from({ length: 600 }, (_, i) => question({ at: now - i })),
        question({ question: 'What is the capital of Peru?', at: now - 5 }),
        question({ question: 'Who is Tommy Robinson?', entryId: 'who-is-tommy-robinson', answered: 1, confidence: 0.9 }),
        question({ question: 'An old one?', at: now - 100 * DAY }),
      ]);
      const inputs = await store.gapInputs(now - DAY, 10);
      expect(inputs.declined).toEqual([
        { question: "What is Wes Streeting's majority?", count: 600, firstSeen: new Date(now - 599), lastSeen: new Date(now) },
        { question: 'What is the capital of Peru?', count: 1, firstSeen: new Date(now - 5), lastSeen: new Date(now - 5) },
      ]);
      expect(inputs.matched).toEqual(new Set(['who-is-tommy-robinson']));
      expect((await store.gapInputs(now - DAY, 1)).declined).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('writes a batch again without doubling it: each question by its id, each vote by person and entry', async () => {
    const store = await open();
    try {
      const batch = [question(), question({ question: 'What is the capital of Peru?' })];
      const votes = [{ at: now, platform: 'slack', userHash: 'h1', entryId: 'what-is-edl', helpful: 0 as const }];
      await store.insertBatch(batch, votes);
      await store.insertBatch(batch, votes);
      const inputs = await store.gapInputs(now - DAY, 10);
      expect(inputs.declined.map((d) => d.count)).toEqual([1, 1]);
      expect(inputs.votes).toEqual([{ entryId: 'what-is-edl', helpful: 0, unhelpful: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('keeps one vote per person per entry', async () => {
    const store = await open();
    try {
      const vote = { at: now, platform: 'slack', userHash: 'h1', entryId: 'what-is-edl', helpful: 0 as const };
      expect(await store.insertVote(vote)).toBe(true);
      expect(await store.insertVote({ ...vote, helpful: 1 })).toBe(false);
      expect(await store.insertVote({ ...vote, userHash: 'h2', helpful: 1 })).toBe(true);
      expect((await store.gapInputs(now - DAY, 10)).votes).toEqual([{ entryId: 'what-is-edl', helpful: 1, unhelpful: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('deletes what is older than the retention window, and nothing else', async () => {
    const store = await open();
    try {
      await store.insertBatch([question({ at: now - 100 * DAY }), question()]);
      await store.insertVote({ at: now - 100 * DAY, platform: 'slack', userHash: 'h1', entryId: 'what-is-edl', helpful: 1 });
      expect(await store.deleteOlderThan(now - 90 * DAY)).toEqual({ questions: 1, votes: 1 });
      expect((await store.gapInputs(0, 10)).declined).toEqual([expect.objectContaining({ count: 1 })]);
    } finally {
      await store.close();
    }
  });
});
