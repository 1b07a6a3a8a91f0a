import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { runCommand } from '../../src/core/answering/command.js';
import { catalogueOf } from '../../src/core/curation/gap-report.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import type { QuestionRecord, VoteRecord } from '../../src/core/answering/recorder.js';
import { databasePath } from '../../src/storage/database.js';
import { QUESTION_LOG_DEFAULTS, QuestionLog } from '../../src/storage/question-log.js';
import { SCHEMA_VERSION, SchemaTooNewError } from '../../src/storage/schema.js';
import { KEY_FILE } from '../../src/storage/user-hash.js';
import { captureLogger, LEVEL } from '../helpers/capture-logger.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

const DAY = 24 * 60 * 60 * 1000;
const RAW_ID = '987654321012345678';
let store: KnowledgeStore;
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const thing of opened.splice(0)) thing.close();
});

async function openLog(options: { hashSecret?: string; retentionDays?: number; dataDir?: string } = {}) {
  store ??= await KnowledgeStore.open(REAL_KNOWLEDGE);
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'storybot-data-')));
  const capture = captureLogger();
  const log = QuestionLog.open({ dataDir, retentionDays: options.retentionDays ?? 90, hashSecret: options.hashSecret, logger: capture.logger, catalogue: catalogueOf(store) });
  opened.push(log);
  return { log, dataDir, ...capture };
}

/** A second connection, as another process would have. */
function peek(dataDir: string): Database.Database {
  const db = new Database(databasePath(dataDir));
  opened.push(db);
  return db;
}

const question = (over: Partial<QuestionRecord> = {}): QuestionRecord => ({
  at: new Date(), platform: 'discord', userId: RAW_ID, question: 'Who is Tommy Robinson?', entryId: 'who-is-tommy-robinson', confidence: 0.93, answered: true, ms: 1.5, ...over,
});
const vote = (over: Partial<VoteRecord> = {}): VoteRecord => ({ at: new Date(), platform: 'discord', userId: RAW_ID, entryId: 'who-is-tommy-robinson', helpful: false, ...over });

describe('the question log', () => {
  it('creates its schema in WAL mode at DATA_DIR/storybot.db, and opens it again as it is', async () => {
    const { log, dataDir } = await openLog();
    log.close();
    const again = await openLog({ dataDir });
    const db = peek(dataDir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(['questions', 'votes']);
    again.log.close();
  });

  it('refuses a database from a newer StoryBot rather than guess at its tables', async () => {
    const { log, dataDir } = await openLog();
    log.close();
    const db = peek(dataDir);
    db.pragma('user_version = 99');
    db.close();
    await expect(openLog({ dataDir })).rejects.toBeInstanceOf(SchemaTooNewError);
  });

  it('records every question with its time, platform, hashed user, wording, entry, confidence and outcome', async () => {
    const { log, dataDir } = await openLog();
    const at = new Date('2025-01-05T10:00:00Z');
    log.recordQuestion(question({ at }));
    log.recordQuestion(question({ at, platform: 'slack', userId: 'U0123', question: 'capital of peru', entryId: null, confidence: 0.12, answered: false }));
    log.flush();
    const rows = peek(dataDir).prepare('SELECT at, platform, user_hash, question, entry_id, confidence, answered FROM questions ORDER BY id').all();
    expect(rows).toEqual([
      { at: at.getTime(), platform: 'discord', user_hash: expect.stringMatching(/^[0-9a-f]{64}$/), question: 'Who is Tommy Robinson?', entry_id: 'who-is-tommy-robinson', confidence: 0.93, answered: 1 },
      { at: at.getTime(), platform: 'slack', user_hash: expect.stringMatching(/^[0-9a-f]{64}$/), question: 'capital of peru', entry_id: null, confidence: 0.12, answered: 0 },
    ]);
  });

  it('writes questions after the answer has been computed, not while it is', async () => {
    const { log, dataDir } = await openLog();
    const count = () => peek(dataDir).prepare('SELECT COUNT(*) FROM questions').pluck().get();
    log.recordQuestion(question());
    expect(count()).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(count()).toBe(1);
  });

  it('gathers questions asked soon after a write into one later batch, so a busy bot does not write on every turn', async () => {
    const { log, dataDir } = await openLog();
    const count = () => peek(dataDir).prepare('SELECT COUNT(*) FROM questions').pluck().get();
    vi.useFakeTimers({ toFake: ['setImmediate', 'setTimeout', 'performance'] });
    try {
      log.recordQuestion(question());
      vi.advanceTimersByTime(0);
      expect(count()).toBe(1);
      log.recordQuestion(question());
      log.recordQuestion(question());
      vi.advanceTimersByTime(QUESTION_LOG_DEFAULTS.minFlushIntervalMs - 1);
      expect(count()).toBe(1);
      vi.advanceTimersByTime(1);
      expect(count()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keys user hashes with USER_HASH_SECRET when it is set', async () => {
    const { log, dataDir } = await openLog({ hashSecret: 'test-secret' });
    log.recordQuestion(question());
    log.flush();
    const expected = createHmac('sha256', 'test-secret').update(`discord:${RAW_ID}`).digest('hex');
    expect(peek(dataDir).prepare('SELECT user_hash FROM questions').pluck().get()).toBe(expected);
  });

  it('otherwise makes a private key once in DATA_DIR, readable by its owner only like the log, and keeps hashes stable across restarts', async () => {
    const first = await openLog();
    first.log.recordQuestion(question());
    first.log.close();
    const second = await openLog({ dataDir: first.dataDir });
    second.log.recordQuestion(question());
    second.log.recordQuestion(question({ platform: 'slack' }));
    second.log.flush();
    const hashes = peek(first.dataDir).prepare('SELECT user_hash FROM questions ORDER BY id').pluck().all();
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[2]).not.toBe(hashes[0]);
    expect((await stat(path.join(first.dataDir, KEY_FILE))).mode & 0o777).toBe(0o600);
    expect((await stat(databasePath(first.dataDir))).mode & 0o777).toBe(0o600);
  });

  it('never stores or logs the raw user id', async () => {
    const { log, dataDir, text } = await openLog();
    log.recordQuestion(question());
    log.recordVote(vote());
    log.close();
    const files = ['', '-wal'].map((suffix) => `${databasePath(dataDir)}${suffix}`);
    for (const file of files) {
      const bytes = await readFile(file).catch(() => Buffer.alloc(0));
      expect(bytes.includes(Buffer.from(RAW_ID))).toBe(false);
    }
    expect((await readFile(databasePath(dataDir))).includes(Buffer.from('Who is Tommy Robinson?'))).toBe(true);
    expect(text()).not.toContain(RAW_ID);
  });

  it.each([
    ['the same person voting on the same answer again', vote({ helpful: true }), 'already-voted'],
    ['another person voting on the same answer', vote({ userId: 'someone-else' }), 'recorded'],
    ['the same person voting on another answer', vote({ entryId: 'what-is-edl' }), 'recorded'],
    ['the same id on another platform', vote({ platform: 'slack' }), 'recorded'],
  ])('counts one vote per person per answer: %s is %s', async (_, second, outcome) => {
    const { log, dataDir } = await openLog();
    expect(log.recordVote(vote())).toBe('recorded');
    expect(log.recordVote(second)).toBe(outcome);
    const helpful = peek(dataDir).prepare('SELECT helpful FROM votes ORDER BY id').pluck().all();
    expect(helpful[0]).toBe(0);
    expect(helpful).toHaveLength(outcome === 'recorded' ? 2 : 1);
  });

  it('prunes questions and votes older than QUESTION_LOG_DAYS, keeping the rest', async () => {
    const { log, dataDir } = await openLog({ retentionDays: 30 });
    const now = new Date('2025-03-01T12:00:00Z');
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    for (const days of [31, 29, 1]) log.recordQuestion(question({ at: ago(days), question: `asked ${days} days ago` }));
    log.recordVote(vote({ at: ago(45) }));
    log.recordVote(vote({ at: ago(2), entryId: 'what-is-edl' }));
    log.flush();

    expect(log.prune(now)).toEqual({ questions: 1, votes: 1 });

    const db = peek(dataDir);
    expect(db.prepare('SELECT question FROM questions ORDER BY at').pluck().all()).toEqual(['asked 29 days ago', 'asked 1 days ago']);
    expect(db.prepare('SELECT entry_id FROM votes').pluck().all()).toEqual(['what-is-edl']);
  });

  it('prunes at start-up', async () => {
    const { log, dataDir } = await openLog({ retentionDays: 7 });
    log.recordQuestion(question({ at: new Date(Date.now() - 8 * DAY) }));
    log.close();
    await openLog({ dataDir, retentionDays: 7 });
    expect(peek(dataDir).prepare('SELECT COUNT(*) FROM questions').pluck().get()).toBe(0);
  });

  it('reports gaps from what it logged: declined questions grouped, unhelpful answers, entries never matched', async () => {
    const { log } = await openLog();
    const declined = (q: string, daysAgo: number) => question({ question: q, entryId: null, answered: false, confidence: 0.1, at: new Date(Date.now() - daysAgo * DAY) });
    log.recordQuestion(declined("What is Wes Streeting's majority?", 3));
    log.recordQuestion(declined('wes streeting majority', 2));
    log.recordQuestion(declined("What is Wes Streeting's majority?", 1));
    log.recordQuestion(declined('capital of peru', 1));
    log.recordQuestion(declined('asked too long ago to count', 200));
    log.recordQuestion(question());
    log.recordVote(vote({ entryId: 'what-is-edl', helpful: false }));
    log.recordVote(vote({ entryId: 'what-is-edl', helpful: true, userId: 'another' }));

    const report = (await log.gaps(10))!;

    expect(report.declined.map((g) => [g.question, g.count, g.phrasings.length])).toEqual([
      ["What is Wes Streeting's majority?", 3, 2],
      ['capital of peru', 1, 1],
    ]);
    expect(report.unhelpful).toEqual([{ entryId: 'what-is-edl', question: 'What is the English Defence League?', helpful: 1, unhelpful: 1 }]);
    expect(report.neverMatched.map((n) => n.entryId)).not.toContain('who-is-tommy-robinson');
    expect(report.neverMatched.length).toBe(10);
  });

  describe('when the database cannot be written', () => {
    async function lockedLog() {
      const opened = await openLog();
      const other = peek(opened.dataDir);
      other.exec('BEGIN EXCLUSIVE');
      return { ...opened, release: () => other.exec('COMMIT') };
    }

    it('still answers, and logs the failure once rather than once per question', async () => {
      const { log, lines, release, dataDir } = await lockedLog();
      const ctx = { store, recorder: log, startedAt: new Date() };
      const ask = commands.find((c) => c.data.name === 'ask')!;
      for (let i = 0; i < 5; i++) {
        const reply = await runCommand(ask, ctx, { platform: 'discord', user: { id: RAW_ID, isAdmin: false }, options: { question: 'Who is Tommy Robinson?' } });
        expect(reply.kind === 'answer' && reply.result.answered).toBe(true);
        log.flush();
      }
      expect(log.recordVote(vote())).toBe('not-recorded');
      const errors = lines.filter((l) => l.level === LEVEL.error);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'SQLITE_BUSY' });

      release();
      log.flush();
      // Questions held while it was locked are written once it is not, and that is said once too.
      expect(peek(dataDir).prepare('SELECT COUNT(*) FROM questions').pluck().get()).toBe(5);
      expect(lines.filter((l) => l.msg.includes('work again'))).toHaveLength(1);
    });

    it('holds a bounded number of questions, dropping the oldest, and says how many it dropped', async () => {
      const { log, lines, release, dataDir } = await lockedLog();
      const extra = 3;
      for (let i = 0; i < QUESTION_LOG_DEFAULTS.maxQueued + extra; i++) log.recordQuestion(question({ question: `question ${i}` }));
      log.flush();
      release();
      log.flush();
      const db = peek(dataDir);
      expect(db.prepare('SELECT COUNT(*) FROM questions').pluck().get()).toBe(QUESTION_LOG_DEFAULTS.maxQueued);
      expect(db.prepare('SELECT question FROM questions ORDER BY id LIMIT 1').pluck().get()).toBe(`question ${extra}`);
      expect(lines.find((l) => l.msg.includes('work again'))).toMatchObject({ dropped: extra });
      // Said when it began, not only once it was over: at warn level, the moment the first was dropped.
      expect(lines.filter((l) => l.msg.startsWith('question log full'))).toEqual([expect.objectContaining({ level: LEVEL.warn, maxQueued: QUESTION_LOG_DEFAULTS.maxQueued })]);
    });
  });

  it('cannot be opened where DATA_DIR cannot be made, and says so by throwing', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'storybot-data-')), 'a-file');
    await writeFile(file, 'not a folder');
    await expect(openLog({ dataDir: path.join(file, 'data') })).rejects.toThrow(/ENOTDIR|not a directory/);
  });
});
