// Answer quality as a regression guard. The development questions must pass the shared
// scorer; every other set must stay above floors that sit a little below what it scores
// now. Every set was written blind, from the story alone, by people who saw neither the
// knowledge base nor each other's questions. Sets A and B (knowledge/calibration/questions)
// are what `npm run calibrate` fits the thresholds to, so they are training figures; set D
// is kept for validation and never used to fit anything. Held-out sets 1 to 3 are older:
// 2 and 3 shaped the lexicon, so only 1 was untouched before this engine.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerResult } from '../src/core/answering/answer.js';
import { evalQuestionSchema, evaluate, tally } from '../src/core/curation/evaluate.js';
import { KnowledgeStore } from '../src/core/knowledge/store.js';
import { normalizeForQuote } from '../src/core/text/normalize.js';
import { isEnglishWord } from '../src/lexicon/english-words.js';
import { runTs } from './helpers/run-node.js';

const DEV = 'examples/story/dev-questions.jsonl';
const SCORER = 'examples/story/score.mjs';

async function questions(file: string) {
  return (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim()).map((l) => evalQuestionSchema.parse(JSON.parse(l)));
}

/** Every quote a reply shows, answer, passage or nearest passage. */
function quotesOf(result: AnswerResult): string[] {
  if (result.kind === 'answer') return result.citations.map((c) => c.quote);
  if (result.kind === 'passage') return [result.passage.quote];
  return result.nearest ? [result.nearest.quote] : [];
}

describe('answer quality', () => {
  let store: KnowledgeStore;
  let story: string[];
  beforeAll(async () => {
    store = await KnowledgeStore.open('knowledge', { isWord: isEnglishWord });
    story = [...store.current().knowledge.sources.values()][0]!.paragraphs.map(normalizeForQuote);
  });

  it('passes the shared scorer on the development questions, through the JSON CLI', async () => {
    const qs = await questions(DEV);
    const { code, stdout } = await runTs('src/cli/ask.ts', ['--jsonl'], { input: `${qs.map((q) => q.q).join('\n')}\n` });
    expect(code).toBe(0);
    const answers = path.join(await mkdtemp(path.join(tmpdir(), 'storybot-answers-')), 'answers.jsonl');
    await writeFile(answers, stdout);
    const scored = spawnSync(process.execPath, [SCORER, DEV, answers, '--verbose'], { encoding: 'utf8' });
    expect(scored.status, scored.stdout).toBe(0);
    expect(scored.stdout).toMatch(/fabricated quotes 0/);
  });

  // [file, curated answer right, answer or passage right, near-miss not answered, off-topic plainly declined]
  it.each([
    ['knowledge/calibration/questions/blind-a.jsonl', 0.73, 0.9, 0.88, 0.95],
    ['knowledge/calibration/questions/blind-b.jsonl', 0.73, 0.88, 0.9, 0.95],
    ['test/fixtures/blind-d-questions.jsonl', 0.59, 0.79, 0.84, 0.95],
    ['test/fixtures/holdout-questions.jsonl', 0.9, 0.9, 0.7, 0.96],
    ['test/fixtures/holdout-2-questions.jsonl', 0.88, 0.9, 0.55, 1],
    ['test/fixtures/holdout-3-questions.jsonl', 0.88, 0.9, 0.75, 1],
    // Written blind from the story alone for issue 19; G was kept untouched until the end.
    ['test/fixtures/blind-e-questions.jsonl', 0.55, 0.87, 0.8, 1],
    ['test/fixtures/blind-f-questions.jsonl', 0.52, 0.8, 0.84, 0.96],
    ['test/fixtures/blind-g-questions.jsonl', 0.53, 0.76, 0.8, 1],
  ])('stays above its floors on %s', async (file, answered, withPassage, nearMiss, offTopic) => {
    const rows = evaluate(await questions(file), (q) => store.ask(q));
    const byKind = Object.fromEntries(tally(rows).map((t) => [t.kind, t]));
    const share = (kind: string, n: (t: (typeof byKind)[string]) => number) => n(byKind[kind]!) / byKind[kind]!.total;
    expect(share('answerable', (t) => t.correct)).toBeGreaterThanOrEqual(answered);
    expect(share('answerable', (t) => t.correct + t.passage)).toBeGreaterThanOrEqual(withPassage);
    expect(share('near-miss', (t) => t.correct)).toBeGreaterThanOrEqual(nearMiss);
    expect(share('off-topic', (t) => t.correct)).toBeGreaterThanOrEqual(offTopic);
    // Nothing shown as the story's words that is not in the story, in any kind of reply.
    for (const row of rows) for (const quote of quotesOf(row.result)) expect(story.some((p) => p.includes(normalizeForQuote(quote))), quote).toBe(true);
  });
});
