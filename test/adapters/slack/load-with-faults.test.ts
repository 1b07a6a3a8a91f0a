// A few hundred /ask requests at once over real HTTP while admins reload the knowledge base
// several times, once with a broken file: every question is answered, and answered right.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeStore } from '../../../src/core/knowledge/store.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import type { Recorder } from '../../../src/core/answering/recorder.js';
import { copyOfRealKnowledge, entryYaml, REAL_KNOWLEDGE } from '../../helpers/knowledge-dir.js';
import { textsOf } from '../../helpers/slack-stand-in/read-message.js';
import { replyToCommand } from '../../helpers/slack-stand-in/response-url.js';
import { ADMIN, startSlackBot, type BotUnderTest } from '../../helpers/slack-stand-in/slack-bot.js';

const QUESTIONS = ['Who is Tommy Robinson?', 'What did Musk accuse Starmer of?', 'Where is Oldham?', 'Who is Jess Phillips?', 'What did Wes Streeting say?'];
const PER_WAVE = 60;
// Each reload writes extra.yaml first; the third is broken and must leave the base as it was.
const RELOADS: { yaml: string; ok: boolean }[] = [
  { yaml: entryYaml('load-extra-1', 'What is load extra one?'), ok: true },
  { yaml: entryYaml('load-extra-2', 'What is load extra two?'), ok: true },
  { yaml: `${entryYaml('load-extra-3', 'What is load extra three?')}\n  citations: [oops`, ok: false },
  { yaml: entryYaml('load-extra-4', 'What is load extra four?'), ok: true },
  { yaml: `${entryYaml('load-extra-4', 'What is load extra four?')}\n${entryYaml('load-extra-5', 'What is load extra five?')}`, ok: true },
];

describe('asking under load while the knowledge base reloads, once with a broken file', () => {
  let bot: BotUnderTest;
  let dir: string;
  const expected = new Map<string, { entry: string; quote: string }>();
  const recorded: { question: string; duringReload: boolean }[] = [];
  beforeAll(async () => {
    const reference = await KnowledgeStore.open(REAL_KNOWLEDGE);
    for (const question of QUESTIONS) {
      const result = reference.ask(question);
      if (!result.answered) throw new Error(`the reference store does not answer ${question}`);
      expected.set(question, { entry: result.entry.id, quote: result.citations[0]!.quote });
    }
    dir = await copyOfRealKnowledge();
    let store: KnowledgeStore | undefined;
    const recorder: Recorder = {
      recordQuestion: (record) => void recorded.push({ question: record.question, duringReload: store?.reloading ?? false }),
      recordVote: () => 'not-recorded',
    };
    bot = await startSlackBot({ knowledgeDir: dir, recorder });
    store = bot.ctx.store;
  });
  afterAll(() => bot.stop());

  /** The reply to one /ask, from its acknowledgement or, if that came empty, response_url. */
  async function asked(question: string, n: number): Promise<{ question: string; status: number; message: unknown }> {
    const responseId = `load-${n}`;
    const reply = await bot.command('ask', question, { user: `ULOAD${n % 40}`, responseId });
    const message = await replyToCommand(reply.json, bot.responses.posts, responseId);
    return { question, status: reply.status, message };
  }

  it('answers every one of 360 concurrent questions correctly while five reloads run', async () => {
    const replies: Promise<Awaited<ReturnType<typeof asked>>>[] = [];
    const launch = (count: number) => {
      for (let i = 0; i < count; i++) replies.push(asked(QUESTIONS[replies.length % QUESTIONS.length]!, replies.length));
    };
    const outcomes: boolean[] = [];
    for (const reload of RELOADS) {
      launch(PER_WAVE / 2);
      await writeFile(path.join(dir, 'entries', 'extra.yaml'), reload.yaml);
      const reloading = bot.command('reload', '', { user: ADMIN, responseId: `reload-${outcomes.length}` });
      // Sent behind the reload, so they arrive while it reads and checks the files.
      launch(PER_WAVE / 2);
      const report = await reloading;
      const first = textsOf(await replyToCommand(report.json, bot.responses.posts, `reload-${outcomes.length}`))[0] ?? '';
      outcomes.push(first.startsWith('Reloaded:'));
      if (!reload.ok) expect(first).toBe(MESSAGES.reloadFailed(bot.ctx.store.current().index.entries.length));
    }
    launch(PER_WAVE);
    const settled = await Promise.all(replies);

    expect(outcomes).toEqual(RELOADS.map((r) => r.ok));
    expect(settled).toHaveLength(RELOADS.length * PER_WAVE + PER_WAVE);
    for (const { question, status, message } of settled) {
      expect(status).toBe(200);
      expect(message).toMatchObject({ response_type: 'ephemeral' });
      const texts = textsOf(message);
      expect(texts[0]).toBe(`*Question:* ${question}`);
      expect(texts.some((t) => t.includes(expected.get(question)!.quote.replace(/\s+/g, ' '))), `${question}: ${texts.join(' | ')}`).toBe(true);
    }
    // Each question ran exactly once, and some of them while a reload was under way.
    expect(recorded).toHaveLength(settled.length);
    expect(recorded.filter((r) => r.duringReload).length).toBeGreaterThan(0);
    expect(bot.logs.filter((line) => line.level >= 50)).toEqual([]);
    expect(bot.ctx.store.answerEntry('load-extra-5')).toBeDefined();
    expect(bot.ctx.store.answerEntry('load-extra-3')).toBeUndefined();
  });
});
