// How long `npm run calibrate` takes on a large base: the same steps as the command (index
// built once, every sampled wording held out by masking, the labelled questions asked, the
// models fitted twice), on the synthetic 10,000-entry base.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { evalQuestionSchema } from '../src/core/curation/evaluate.js';
import type { Knowledge } from '../src/core/knowledge/types.js';
import { fitCalibration, heldOutSamples, questionSamples, type LabelledQuestion } from '../src/core/search/calibration.js';
import { DEFAULT_ENGINE_CONFIG } from '../src/core/search/config.js';
import { SearchIndex } from '../src/core/search/search-index.js';
import { isEnglishWord } from '../src/lexicon/english-words.js';

export interface CalibrateResult {
  entries: number;
  heldOut: number;
  questions: number;
  seconds: number;
}

export async function measureCalibrate(knowledge: Knowledge, knowledgeDir: string): Promise<CalibrateResult> {
  const dir = path.join(knowledgeDir, 'calibration');
  const lines = async (file: string) => (await readFile(path.join(dir, file), 'utf8').catch(() => '')).split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const labelled: LabelledQuestion[] = [];
  for (const name of (await readdir(path.join(dir, 'questions')).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of await lines(path.join('questions', name))) labelled.push(evalQuestionSchema.parse(JSON.parse(line)));
  }
  const unanswerable = [...(await lines('off-topic.txt')).map((q) => ({ q, expect: 'none' as const, kind: 'off-topic' })), ...(await lines('near-miss.txt')).map((q) => ({ q, expect: 'none' as const, kind: 'near-miss' }))];
  const started = performance.now();
  let ctx = { knowledge, index: SearchIndex.build(knowledge, DEFAULT_ENGINE_CONFIG, isEnglishWord), config: DEFAULT_ENGINE_CONFIG };
  const samples = () => [...heldOutSamples(ctx), ...questionSamples(ctx, unanswerable, 'unanswerable'), ...questionSamples(ctx, labelled, 'labelled')];
  const first = samples();
  const fitted = fitCalibration(ctx, first);
  ctx = { ...ctx, config: { ...DEFAULT_ENGINE_CONFIG, calibration: fitted.calibration } };
  fitCalibration(ctx, samples());
  return {
    entries: knowledge.entries.length,
    heldOut: first.filter((s) => s.origin === 'held-out phrasing').length,
    questions: labelled.length + unanswerable.length,
    seconds: (performance.now() - started) / 1000,
  };
}
