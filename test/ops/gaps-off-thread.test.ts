// /gaps over a question log as big as users can make one, through the real discord.js
// client and the local Discord: an /ask sent after it is answered while the report is still
// being grouped, and the report still comes, right.
import Database from 'better-sqlite3';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueOf } from '../../src/core/curation/gap-report.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { databasePath } from '../../src/storage/database.js';
import { QuestionLog } from '../../src/storage/question-log.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { ADMIN } from '../helpers/discord-stand-in/index.js';
import { startTestBot, type TestBot } from '../helpers/discord-bot.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

const LOGGED = 200_000;
const TOPICS = ['capital', 'population', 'currency', 'weather', 'president', 'anthem', 'flag', 'language', 'river', 'mountain'];
const PLACES = ['peru', 'chile', 'kenya', 'norway', 'japan', 'ghana', 'spain', 'india', 'egypt', 'canada', 'brazil', 'france'];

/** Declined questions in many wordings, as months of a busy server would leave them. */
function declinedQuestion(i: number): string {
  const topic = TOPICS[i % TOPICS.length]!;
  const place = PLACES[Math.floor(i / TOPICS.length) % PLACES.length]!;
  return `what is the ${topic} of ${place} in ${1900 + (i % 997)} number ${i % 41_000}`;
}

let bot: TestBot;
let log: QuestionLog;
beforeAll(async () => {
  const store = await KnowledgeStore.open(REAL_KNOWLEDGE);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-data-'));
  log = QuestionLog.open({ dataDir, retentionDays: 90, logger: captureLogger().logger, catalogue: catalogueOf(store) });
  const db = new Database(databasePath(dataDir));
  const insert = db.prepare("INSERT INTO questions (at, platform, user_hash, question, entry_id, confidence, answered, ms) VALUES (?, 'discord', 'x', ?, NULL, 0.1, 0, 1)");
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < LOGGED; i++) insert.run(now - i, declinedQuestion(i));
    for (let i = 0; i < 50; i++) insert.run(now, 'What is the capital of Peru?');
  })();
  db.close();
  bot = await startTestBot({ ctx: { store, recorder: log, gaps: log } });
}, 120_000);
afterAll(async () => {
  await bot.stop();
  log.close();
});

describe(`/gaps over ${LOGGED.toLocaleString('en')} logged questions`, () => {
  it('leaves /ask answering meanwhile: an /ask sent after it is answered before the report comes', { timeout: 120_000 }, async () => {
    const order: string[] = [];
    const gaps = (await bot.standIn.slash('gaps', {}, ADMIN)).reply().then((reply) => (order.push('gaps'), reply));
    const ask = (await bot.standIn.slash('ask', { question: 'Who is Tommy Robinson?' })).reply().then((reply) => (order.push('ask'), reply));
    const [report, answer] = await Promise.all([gaps, ask]);
    expect(order).toEqual(['ask', 'gaps']);
    expect(answer.message.embeds[0].fields[0].name).toContain('paragraph 13');
    expect(report.message.embeds[0].fields[0].value.split('\n')[0]).toMatch(/^50× What is the capital of Peru\? \(first /);
  });
});
