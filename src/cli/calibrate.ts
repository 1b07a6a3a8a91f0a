// npm run calibrate
// Fits the confidence model and the decline threshold from the knowledge base: every
// curated phrasing held out in turn, plus knowledge/calibration/unanswerable.txt. Prints
// the weights to put in src/core/search/config.ts and the trade-off at each threshold.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isEnglishWord } from '../lexicon/english-words.js';
import { loadKnowledge } from '../core/knowledge/load.js';
import { DECISION_THRESHOLD, fitLogistic, heldOutSamples, thresholdTable, unanswerableSamples } from '../core/search/calibration.js';
import { DEFAULT_ENGINE_CONFIG } from '../core/search/config.js';
import { SearchIndex } from '../core/search/search-index.js';
import { parseCli } from './args.js';
import { readConfig } from './open-store.js';
import { progress, step } from './progress.js';

parseCli({
  usage: 'usage: npm run calibrate',
  about: [
    'Fits the confidence model from the knowledge base: each curated wording held out in turn and',
    'asked of the rest, plus the questions in KNOWLEDGE_DIR/calibration/unanswerable.txt. Prints the',
    'weights for src/core/search/config.ts and what each threshold would do. Progress goes to stderr.',
  ],
  options: {},
  help: {},
});
const config = readConfig();
step(`Loading ${config.knowledge.dir}`);
const loaded = await loadKnowledge(config.knowledge.dir);
if (!loaded.ok) {
  process.stderr.write('The knowledge base has problems; run npm run validate.\n');
  process.exit(1);
}
const unanswerable = (await readFile(path.join(config.knowledge.dir, 'calibration', 'unanswerable.txt'), 'utf8'))
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

const engine = DEFAULT_ENGINE_CONFIG;
let shown: ReturnType<typeof progress> | undefined;
const heldOut = heldOutSamples(loaded.knowledge, engine, isEnglishWord, (done, total) => (shown ??= progress('wordings held out and asked', total)).update(done));
shown?.finish();
step(`Asking the ${unanswerable.length} unanswerable questions, then fitting the model`);
const samples = [...heldOut, ...unanswerableSamples(SearchIndex.build(loaded.knowledge, engine, isEnglishWord), unanswerable, engine)];
const held = samples.filter((s) => s.source === 'held-out phrasing');
console.log(`held-out phrasings: ${held.length} (top match right for ${held.filter((s) => s.right).length}); unanswerable questions: ${unanswerable.length}`);

const weights = fitLogistic(samples);
const rows = thresholdTable(samples, weights);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
console.log('\nthreshold  right answers given  wrong/unanswerable declined  all handled right');
for (const row of rows) {
  const mark = Math.abs(row.threshold - DECISION_THRESHOLD) < 1e-9 ? '   <- chosen: more likely right than wrong' : '';
  console.log(`${row.threshold.toFixed(2).padStart(9)}  ${pct(row.answered).padStart(19)}  ${pct(row.declined).padStart(27)}  ${pct(row.accuracy).padStart(17)}${mark}`);
}
console.log('\nPut these in DEFAULT_ENGINE_CONFIG (src/core/search/config.ts):');
console.log(`  calibration: Object.freeze(${JSON.stringify(weights).replace(/"/g, '').replace(/:/g, ': ').replace(/,/g, ', ').replace('{', '{ ').replace('}', ' }')}),`);
console.log(`  threshold: ${DECISION_THRESHOLD},`);
const current = thresholdTable(samples, engine.calibration).find((r) => Math.abs(r.threshold - engine.threshold) < 1e-9);
if (current) console.log(`\nCurrent settings: ${pct(current.answered)} of right answers given, ${pct(current.declined)} of wrong or unanswerable declined.`);
