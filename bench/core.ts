// The answer engine against a plain fuse.js over the same entries, on the story's knowledge
// base and on synthetic bases of 1,000 and 10,000 entries.
import { readFile } from 'node:fs/promises';
import Fuse from 'fuse.js';
import { answerQuestion } from '../src/core/answering/answer.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { publishedEntries, type Entry, type Knowledge } from '../src/core/knowledge/types.js';
import { DEFAULT_ENGINE_CONFIG } from '../src/core/search/config.js';
import { SearchIndex } from '../src/core/search/search-index.js';
import { selfTest } from '../src/core/search/self-test.js';
import { isEnglishWord } from '../src/lexicon/english-words.js';
import { step } from '../src/cli/progress.js';
import { timeEach, timeOnce, type Timing } from './measure.js';
import { syntheticKnowledge, syntheticQuestions } from './synthetic.js';

export interface CoreRow {
  base: string;
  entries: number;
  questions: number;
  buildMs: number;
  /** The load-time self-test, which a reload also runs. */
  selfTestMs: number;
  engine: Timing;
  baselineBuildMs: number;
  baseline: Timing;
  /** Engine p99 over baseline p99: below 1 means faster than plain fuse.js. */
  p99Ratio: number;
}

/** What the issue calls "a plain new Fuse(entries, {keys: [...]})". */
function plainFuse(entries: readonly Entry[]): Fuse<Entry> {
  return new Fuse(entries, { keys: ['question', 'alternates'] });
}

const BASELINE_SAMPLE = (entries: number) => (entries <= 100 ? 100 : entries <= 1_000 ? 20 : 5);

function measureBase(name: string, knowledge: Knowledge, warmUp: readonly string[], questions: readonly string[]): CoreRow {
  const config = DEFAULT_ENGINE_CONFIG;
  let index!: SearchIndex;
  const buildMs = timeOnce(() => (index = SearchIndex.build(knowledge, config, isEnglishWord)));
  const selfTestMs = timeOnce(() => selfTest(index));
  const ctx = { knowledge, index, config };
  const engine = timeEach(warmUp, questions, (q) => answerQuestion(ctx, q));
  let fuse!: Fuse<Entry>;
  const entries = publishedEntries(knowledge);
  const baselineBuildMs = timeOnce(() => (fuse = plainFuse(entries)));
  // Plain fuse.js takes about half a second per question at 1,000 entries and several
  // seconds at 10,000 (whole-question Bitap patterns), so it is timed on a sample.
  const sample = questions.slice(0, BASELINE_SAMPLE(entries.length));
  const baseline = timeEach(warmUp.slice(0, 2), sample, (q) => fuse.search(q, { limit: 1 }), 1, 2);
  return { base: name, entries: entries.length, questions: questions.length, buildMs, selfTestMs, engine, baselineBuildMs, baseline, p99Ratio: engine.p99 / baseline.p99 };
}

/** The question with two letters of its longest word swapped, as a hurried typist would. */
function withTypo(question: string): string {
  const words = question.split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest.length < 5) return question;
  const typo = longest.slice(0, 2) + longest[3] + longest[2] + longest.slice(4);
  return words.map((w) => (w === longest ? typo : w)).join(' ');
}

async function storyQuestions(): Promise<string[]> {
  const files = ['examples/story/dev-questions.jsonl', 'test/fixtures/holdout-questions.jsonl'];
  const questions: string[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) if (line.trim()) questions.push((JSON.parse(line) as { q: string }).q);
  }
  return questions;
}

/** Share of the development questions a plain fuse.js answers from the right paragraph. */
export async function baselineAccuracy(knowledge: Knowledge): Promise<{ engine: number; baseline: number; questions: number }> {
  const text = await readFile('examples/story/dev-questions.jsonl', 'utf8').catch(() => '');
  const rows = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { q: string; expect: number[] | 'none' });
  const fuse = plainFuse(publishedEntries(knowledge));
  const ctx = { knowledge, index: SearchIndex.build(knowledge, DEFAULT_ENGINE_CONFIG, isEnglishWord), config: DEFAULT_ENGINE_CONFIG };
  let engine = 0;
  let baseline = 0;
  for (const row of rows) {
    const fused = fuse.search(row.q, { limit: 1 })[0]?.item.citations[0]?.paragraph;
    const ours = answerQuestion(ctx, row.q);
    const paragraph = ours.answered ? ours.citations[0]?.paragraph : undefined;
    if (row.expect === 'none') {
      if (!ours.answered) engine++;
      if (fused === undefined) baseline++;
    } else {
      if (paragraph !== undefined && row.expect.includes(paragraph)) engine++;
      if (fused !== undefined && row.expect.includes(fused)) baseline++;
    }
  }
  return { engine: engine / rows.length, baseline: baseline / rows.length, questions: rows.length };
}

export async function runCore(knowledgeDir: string): Promise<{ rows: CoreRow[]; accuracy: Awaited<ReturnType<typeof baselineAccuracy>> }> {
  const loaded = await loadKnowledge(knowledgeDir);
  if (!loaded.ok) throw new Error('the knowledge base is invalid; run npm run validate');
  const unanswerable = (await readFile(`${knowledgeDir}/calibration/unanswerable.txt`, 'utf8')).split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  // Warm-up exercises every path, typo correction included, on questions that are not
  // measured: each curated phrasing with a typo, so V8 has seen the engine on as varied
  // input as the measured questions before the clock starts.
  const misspelt = publishedEntries(loaded.knowledge).map((e) => withTypo(e.question));
  const phrasings = publishedEntries(loaded.knowledge).flatMap((e) => e.alternates.map(withTypo));
  const rows = [measureBase('story', loaded.knowledge, [...unanswerable, ...misspelt, ...phrasings], await storyQuestions())];
  for (const size of [1_000, 10_000]) {
    step(`bench: core, ${size.toLocaleString('en')} synthetic entries`);
    const synthetic = syntheticKnowledge(loaded.knowledge, size);
    rows.push(measureBase(`synthetic ${size.toLocaleString('en')}`, synthetic, syntheticQuestions(synthetic.entries, 100, 3), syntheticQuestions(synthetic.entries, 300)));
  }
  return { rows, accuracy: await baselineAccuracy(loaded.knowledge) };
}
