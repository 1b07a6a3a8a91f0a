// /ask while /gaps runs over a question log of 200,000 declined questions: questions arrive
// at a steady rate and each is timed from when it arrived to when it was answered (and
// logged), first with nothing else running, then while the gap report is built. For
// comparison, the time the same report takes when built on the main thread, as it was:
// every /ask meanwhile waited that long.
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { commands } from '../commands/index.js';
import { runCommand, type CommandContext } from '../src/core/answering/command.js';
import { catalogueOf } from '../src/core/curation/gap-report.js';
import { KnowledgeStore } from '../src/core/knowledge/store.js';
import { isEnglishWord } from '../src/lexicon/english-words.js';
import { createLogger } from '../src/logger.js';
import { databasePath } from '../src/storage/database.js';
import { retentionCutoff } from '../src/storage/gap-queries.js';
import { gapJob, runGapJob } from '../src/storage/gap-thread.js';
import { QuestionLog } from '../src/storage/question-log.js';
import { percentile } from './measure.js';
import { random } from './synthetic.js';

export interface GapsResult {
  logged: number;
  idle: { questions: number; median: number; p99: number; max: number };
  duringGaps: { questions: number; median: number; p99: number; max: number };
  gapsOffThreadMs: number;
  gapsOnMainThreadMs: number;
}

const LOGGED = 200_000;
const ARRIVAL_MS = 5;
const QUESTIONS = ['Who is Tommy Robinson?', 'What did Musk accuse Starmer of?', 'Where is Oldham?', 'Who is Jess Phillips?', 'What did Wes Streeting say?', 'What is the capital of Peru?'];
const TOPICS = ['capital', 'population', 'currency', 'weather', 'president', 'anthem', 'majority', 'salary', 'birthday', 'football', 'election', 'budget'];
const SUBJECTS = ['peru', 'chile', 'wes streeting', 'keir starmer', 'reform uk', 'the bbc', 'oldham council', 'elon musk', 'the tories', 'kenya', 'norway', 'rochdale'];

/** Declined questions as months of a busy server would leave them: some asked often, most once. */
function declined(count: number): string[] {
  const rand = random(7);
  return Array.from({ length: count }, (_, i) => {
    const topic = TOPICS[Math.floor(rand() * TOPICS.length)]!;
    const subject = SUBJECTS[Math.floor(rand() * SUBJECTS.length)]!;
    return rand() < 0.3 ? `what is the ${topic} of ${subject}?` : `what is the ${topic} of ${subject} in ${1900 + (i % 120)}, question ${i}?`;
  });
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { questions: sorted.length, median: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/** /ask as the bot runs it, one due every ARRIVAL_MS until `finished` settles. */
async function stream(ctx: CommandContext, finished: Promise<unknown>): Promise<number[]> {
  const ask = commands.find((c) => c.data.name === 'ask')!;
  let end = Infinity;
  void finished.then(() => (end = performance.now()));
  const latencies: number[] = [];
  let due = performance.now();
  for (let i = 0; ; ) {
    while (due <= Math.min(performance.now(), end)) {
      await runCommand(ask, ctx, { platform: 'discord', user: { id: `U${i % 50}`, isAdmin: false }, options: { question: QUESTIONS[i++ % QUESTIONS.length] } });
      latencies.push(performance.now() - due);
      due += ARRIVAL_MS;
    }
    if (due > end) return latencies;
    await sleep(Math.max(0, due - performance.now()));
  }
}

export async function measureGaps(knowledgeDir: string): Promise<GapsResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'storybot-bench-gaps-'));
  const store = await KnowledgeStore.open(knowledgeDir, { isWord: isEnglishWord });
  const log = QuestionLog.open({ dataDir, retentionDays: 90, logger: createLogger({ level: 'warn' }), catalogue: catalogueOf(store) });
  try {
    const db = new Database(databasePath(dataDir));
    const insert = db.prepare("INSERT INTO questions (at, platform, user_hash, question, entry_id, confidence, answered, ms) VALUES (?, 'discord', 'bench', ?, NULL, 0.1, 0, 1)");
    const now = Date.now();
    db.transaction(() => declined(LOGGED).forEach((question, i) => insert.run(now - i * 1000, question)))();
    db.close();
    const ctx: CommandContext = { store, recorder: log, gaps: log, startedAt: new Date() };
    for (const q of QUESTIONS) store.ask(q);
    const idle = await stream(ctx, sleep(3_000));
    let started = performance.now();
    const report = log.gaps(10);
    const during = await stream(ctx, report);
    await report;
    const gapsOffThreadMs = performance.now() - started;
    started = performance.now();
    runGapJob(gapJob(catalogueOf(store), { dataDir }, retentionCutoff(new Date(), 90), 10));
    return { logged: LOGGED, idle: summarise(idle), duringGaps: summarise(during), gapsOffThreadMs, gapsOnMainThreadMs: performance.now() - started };
  } finally {
    log.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
