import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GAPS_SHOWN } from '../../commands/gaps.js';
import { commands } from '../../commands/index.js';
import { renderReply } from '../../src/adapters/console/render.js';
import { runCommand, type CommandContext, type Invocation } from '../../src/core/answering/command.js';
import { catalogueOf } from '../../src/core/curation/gap-report.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { notRecording } from '../../src/core/answering/recorder.js';
import { QuestionLog } from '../../src/storage/question-log.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

const gaps = commands.find((c) => c.data.name === 'gaps')!;
const as = (isAdmin: boolean): Invocation => ({ platform: 'discord', user: { id: '42', isAdmin }, options: {} });
let store: KnowledgeStore;
let log: QuestionLog;

beforeAll(async () => {
  store = await KnowledgeStore.open(REAL_KNOWLEDGE);
  log = QuestionLog.open({ dataDir: await mkdtemp(path.join(tmpdir(), 'storybot-data-')), retentionDays: 90, logger: captureLogger().logger, catalogue: catalogueOf(store) });
  const topics = ['peru', 'france', 'chile', 'norway', 'kenya', 'japan', 'canada', 'brazil', 'egypt', 'india', 'spain', 'ghana'];
  topics.forEach((topic, i) => {
    for (let n = 0; n <= i; n++) log.recordQuestion({ at: new Date(), platform: 'slack', userId: `U${n}`, question: `what is the capital of ${topic}`, entryId: null, confidence: 0.1, answered: false, ms: 1 });
  });
});
afterAll(() => log.close());

describe('/gaps', () => {
  it('is listed for every platform and kept to admins', async () => {
    expect(gaps.data).toMatchObject({ name: 'gaps', adminOnly: true, options: [] });
    const ctx: CommandContext = { store, recorder: log, gaps: log, startedAt: new Date() };
    expect(await runCommand(gaps, ctx, as(false))).toEqual({ kind: 'refused', reason: 'not-admin' });
  });

  it(`shows an admin the top ${GAPS_SHOWN}, most asked first`, async () => {
    const reply = await runCommand(gaps, { store, recorder: log, gaps: log, startedAt: new Date() }, as(true));
    if (reply.kind !== 'gaps') throw new Error(`expected a gap report, got ${reply.kind}`);
    expect(reply.report.declined).toHaveLength(GAPS_SHOWN);
    expect(reply.report.declined[0]).toMatchObject({ question: 'what is the capital of ghana', count: 12 });
    expect(reply.report.neverMatched).toHaveLength(GAPS_SHOWN);
    expect(renderReply(reply)).toContain('12× what is the capital of ghana');
  });

  it('says there is no report when the question log is off', async () => {
    const reply = await runCommand(gaps, { store, recorder: notRecording, startedAt: new Date() }, as(true));
    expect(reply).toEqual({ kind: 'gaps-unavailable', reason: 'off' });
    expect(renderReply(reply)).toBe(MESSAGES.gapsUnavailable);
  });
});
