import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueOf } from '../../src/core/curation/gap-report.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import type { QuestionRecord } from '../../src/core/answering/recorder.js';
import { QuestionLog } from '../../src/storage/question-log.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { entryArgs } from '../helpers/entry.js';
import { copyOfRealKnowledge } from '../helpers/knowledge-dir.js';
import { runTs } from '../helpers/run-node.js';

const declined = (question: string, userId = 'U1'): QuestionRecord => ({ at: new Date(), platform: 'slack', userId, question, entryId: null, confidence: 0.1, answered: false, ms: 1 });

/** A knowledge base and a question log holding what a few days of questions might. */
async function setUp() {
  const knowledge = await copyOfRealKnowledge();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-data-'));
  const store = await KnowledgeStore.open(knowledge);
  const log = QuestionLog.open({ dataDir, retentionDays: 90, logger: captureLogger().logger, catalogue: catalogueOf(store) });
  for (const q of ["What is Wes Streeting's majority?", 'wes streeting majority', "what is wes streeting's majority", 'What is the capital of Peru?']) log.recordQuestion(declined(q));
  log.recordQuestion({ ...declined('Who is Tommy Robinson?'), entryId: 'who-is-tommy-robinson', answered: true, confidence: 0.9 });
  log.recordVote({ at: new Date(), platform: 'slack', userId: 'U1', entryId: 'who-is-tommy-robinson', helpful: false });
  log.close();
  return { env: { KNOWLEDGE_DIR: knowledge, DATA_DIR: dataDir }, knowledge };
}

describe('npm run gaps', () => {
  it('lists declined questions grouped with their wordings, unhelpful answers, and unmatched entries', async () => {
    const { env } = await setUp();
    const { code, stdout } = await runTs('src/cli/gaps.ts', [], { env });
    expect(code).toBe(0);
    expect(stdout).toMatch(/3× What is Wes Streeting's majority\? \(first \d{4}-\d\d-\d\d, last \d{4}-\d\d-\d\d\)\n\s+also: wes streeting majority\n/);
    expect(stdout).toContain('1× What is the capital of Peru?');
    expect(stdout).toContain('who-is-tommy-robinson: 1 unhelpful, 0 helpful (Who is Tommy Robinson?)');
    expect(stdout).toContain('what-is-edl: What is the English Defence League?');
    expect(stdout).not.toMatch(/Entries never matched:[\s\S]*who-is-tommy-robinson:/);
  });

  it('stages one draft per group of questions about the story with --yaml, which the loader accepts, and none twice', { timeout: 90_000 }, async () => {
    const { env, knowledge } = await setUp();
    const first = await runTs('src/cli/gaps.ts', ['--yaml'], { env });
    expect(first.code).toBe(0);
    // The capital of Peru is declined and reported, but it is no gap in a story about Musk.
    expect(first.stdout).toContain('Wrote 1 draft entry to');
    expect(first.stdout).toContain(': wes-streeting-majority.');

    const drafts = path.join(knowledge, 'entries', 'drafts', 'drafts.yaml');
    const loaded = await loadKnowledge(knowledge);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const staged = loaded.knowledge.entries.filter((e) => e.status === 'draft');
    expect(staged.map((e) => [e.question, e.alternates])).toEqual([
      ["What is Wes Streeting's majority?", ['wes streeting majority']],
    ]);

    // A curator starts on a draft; running the export again keeps the work and adds nothing.
    const edited = (await readFile(drafts, 'utf8')).replace('answer: ""', 'answer: Work in progress.');
    await writeFile(drafts, edited);
    const second = await runTs('src/cli/gaps.ts', ['--yaml'], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No drafts to write');
    expect(await readFile(drafts, 'utf8')).toBe(edited);

    // A new gap is added below what is there.
    const store = await KnowledgeStore.open(knowledge);
    const log = QuestionLog.open({ dataDir: env.DATA_DIR, retentionDays: 90, logger: captureLogger().logger, catalogue: catalogueOf(store) });
    log.recordQuestion(declined('How old is Wes Streeting?'));
    log.close();
    const third = await runTs('src/cli/gaps.ts', ['--yaml'], { env });
    expect(third.stdout).toContain('Wrote 1 draft entry');
    const text = await readFile(drafts, 'utf8');
    expect(text.startsWith(edited.trimEnd())).toBe(true);
    expect(text).toContain('question: How old is Wes Streeting?');

    const validate = await runTs('src/cli/validate.ts', [], { env });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/\(2 drafts\)/);
  });

  it('stages no draft from questions that are not about the story', { timeout: 90_000 }, async () => {
    const { env, knowledge } = await setUp();
    const store = await KnowledgeStore.open(knowledge);
    const log = QuestionLog.open({ dataDir: env.DATA_DIR, retentionDays: 90, logger: captureLogger().logger, catalogue: catalogueOf(store) });
    // Each asked more often than the Streeting gap, so that --limit=4 takes these four alone.
    const noise = ['did she reply?', 'who wrote this article', `Tell me everything about ${'the scandal and the politics around it, '.repeat(8)}`, 'best pizza recipe in town'];
    for (const question of noise) for (const user of ['U1', 'U2', 'U3', 'U4']) log.recordQuestion(declined(question, user));
    log.close();
    const run = await runTs('src/cli/gaps.ts', ['--yaml', '--limit=4'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('4× did she reply?');
    expect(run.stdout).toContain('No drafts to write');
    const loaded = await loadKnowledge(knowledge);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.knowledge.entries.filter((e) => e.status === 'draft')).toEqual([]);
  });

  it('stages the question as the engine corrected it, keeping the words as asked', { timeout: 90_000 }, async () => {
    const { env, knowledge } = await setUp();
    const store = await KnowledgeStore.open(knowledge);
    const log = QuestionLog.open({ dataDir: env.DATA_DIR, retentionDays: 90, logger: captureLogger().logger, catalogue: catalogueOf(store) });
    // Asked most often, so that --limit=1 stages it alone.
    for (const user of ['U1', 'U2', 'U3', 'U4']) log.recordQuestion(declined('How many votes did Strarmer get in Holborn?', user));
    log.close();
    expect((await runTs('src/cli/gaps.ts', ['--yaml', '--limit=1'], { env })).code).toBe(0);
    const loaded = await loadKnowledge(knowledge);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const staged = loaded.knowledge.entries.filter((e) => e.status === 'draft');
    expect(staged.map((e) => [e.id, e.question, e.alternates])).toEqual([
      ['votes-starmer-holborn', 'How many votes did Starmer get in Holborn?', ['How many votes did Strarmer get in Holborn?']],
    ]);
  });

  it('takes --limit=N and --limit N alike', async () => {
    const { env } = await setUp();
    const [joined, apart] = await Promise.all([runTs('src/cli/gaps.ts', ['--limit=1'], { env }), runTs('src/cli/gaps.ts', ['--limit', '1'], { env })]);
    expect(joined.code).toBe(0);
    expect(joined.stdout).toBe(apart.stdout);
    expect(joined.stdout).toContain('3× What is Wes Streeting');
    expect(joined.stdout).not.toContain('capital of Peru');
  });

  it.each([
    [['--limit'], /--limit <value>' argument missing/],
    [['--limit', '0'], /--limit must be a whole number of at least 1, not "0"/],
    [['--limit=ten'], /--limit must be a whole number/],
    [['--jaml'], /Unknown option '--jaml'/],
  ])('explains its usage when called with %j', async (args, reason) => {
    const { code, stdout, stderr } = await runTs('src/cli/gaps.ts', args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(reason);
    expect(stderr).toContain('usage: npm run gaps');
  });

  it('ends quietly when what reads its output stops early, as `npm run gaps | head` does', { timeout: 60_000 }, async () => {
    const { env } = await setUp();
    const store = await KnowledgeStore.open(env.KNOWLEDGE_DIR);
    const log = QuestionLog.open({ dataDir: env.DATA_DIR, retentionDays: 90, logger: captureLogger().logger, catalogue: catalogueOf(store) });
    // Far more report than a pipe holds, so that writing it outlasts the reader.
    for (let i = 0; i < 3_000; i++) log.recordQuestion(declined(`Which ${i}th-century kingdom did envoy number ${i * 7919} visit?`));
    log.close();
    // The compiled entry, as runTs starts it: through tsx it spent seconds compiling the sources.
    const pipeline = spawn('bash', ['-c', 'set -o pipefail; "$@" | head -n 3', 'bash', process.execPath, ...entryArgs('src/cli/gaps.ts')], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' } });
    let stdout = '';
    let stderr = '';
    pipeline.stdout.on('data', (chunk) => (stdout += chunk));
    pipeline.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(pipeline, 'close');
    expect(stdout.split('\n')).toHaveLength(4);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('says where the question log should be when there is none yet', async () => {
    const { code, stderr } = await runTs('src/cli/gaps.ts', [], { env: { DATA_DIR: await mkdtemp(path.join(tmpdir(), 'storybot-data-')) } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/There is no question log at .*storybot\.db yet/);
  });
});
