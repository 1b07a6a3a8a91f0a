// Every question passes through the recorder, whatever the platform; this is where its log
// line and its metrics come from.
import { describe, expect, it } from 'vitest';
import { findCommand } from '../../commands/index.js';
import { runCommand, type CommandContext } from '../../src/core/answering/command.js';
import { chooseEntry } from '../../src/core/conversation/interactions.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import type { QuestionRecord, Recorder, VoteRecord } from '../../src/core/answering/recorder.js';
import { Metrics } from '../../src/ops/metrics.js';
import { observeQuestions } from '../../src/ops/observed-recorder.js';
import { RunStatus } from '../../src/ops/run-status.js';
import { captureLogger, LEVEL } from '../helpers/capture-logger.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

const RAW_USER = 'U0RAWUSERID9';

async function setup() {
  const questions: QuestionRecord[] = [];
  const votes: VoteRecord[] = [];
  const inner: Recorder = { recordQuestion: (q) => void questions.push(q), recordVote: (v) => (votes.push(v), 'recorded') };
  const metrics = new Metrics(new RunStatus());
  const log = captureLogger();
  const ctx: CommandContext = { store: await KnowledgeStore.open(REAL_KNOWLEDGE), recorder: observeQuestions(inner, metrics, log.logger), startedAt: new Date() };
  const count = async (platform: string, outcome: string) => (await metrics.questions.get()).values.find((v) => v.labels.platform === platform && v.labels.outcome === outcome)?.value ?? 0;
  return { ctx, questions, votes, metrics, log, count };
}

describe('questions as they are recorded', () => {
  it.each([
    ['slack', 'Who is Tommy Robinson?', 'answered', 'question answered', 'who-is-tommy-robinson'],
    ['discord', 'What is the capital of Peru?', 'declined', 'question declined', null],
  ] as const)('log one info line for a %s question "%s" (%s): platform, entry, confidence, ms, and no user id or question', async (platform, question, outcome, msg, entry) => {
    const { ctx, questions, log, count } = await setup();
    await runCommand(findCommand('ask')!, ctx, { platform, user: { id: RAW_USER, isAdmin: false }, options: { question } });
    const lines = log.lines.filter((l) => l.msg.startsWith('question'));
    expect(lines).toEqual([{ level: LEVEL.info, time: expect.any(Number), pid: expect.any(Number), hostname: expect.any(String), msg, platform, entry, outcome, confidence: expect.any(Number), ms: expect.any(Number) }]);
    expect(log.text()).not.toContain(RAW_USER);
    expect(log.text()).not.toContain(question);
    // The question log still gets the whole record.
    expect(questions).toEqual([expect.objectContaining({ platform, userId: RAW_USER, question })]);
    expect(await count(platform, outcome)).toBe(1);
  });

  it('count a chosen suggestion as an answered question, the same way', async () => {
    const { ctx, count, log } = await setup();
    await chooseEntry(ctx, { platform: 'discord', userId: RAW_USER }, 'what-is-edl');
    expect(await count('discord', 'answered')).toBe(1);
    expect(log.lines.filter((l) => l.msg === 'question answered')).toEqual([expect.objectContaining({ entry: 'what-is-edl', platform: 'discord' })]);
  });

  it('observe the latency of each answer in the histogram', async () => {
    const { ctx, metrics } = await setup();
    ctx.recorder.recordQuestion({ at: new Date(), platform: 'slack', userId: RAW_USER, question: 'q', entryId: 'e', confidence: 0.9, answered: true, ms: 1500 });
    const histogram = (await metrics.answerSeconds.get()).values;
    expect(histogram.find((v) => v.metricName === 'storybot_answer_duration_seconds_sum')?.value).toBe(1.5);
    expect(histogram.find((v) => (v.labels as { le?: number }).le === 1)?.value).toBe(0);
    expect(histogram.find((v) => (v.labels as { le?: number }).le === 2.5)?.value).toBe(1);
  });

  it('pass votes straight through to the question log', async () => {
    const { ctx, votes } = await setup();
    const vote = { at: new Date(), platform: 'slack', userId: RAW_USER, entryId: 'e', helpful: true } as const;
    expect(ctx.recorder.recordVote(vote)).toBe('recorded');
    expect(votes).toEqual([vote]);
  });
});
