// npm run calibrate [-- --dry-run]
// Fits the answer and passage confidence models, and their thresholds, from the knowledge
// base: every curated phrasing held out in turn, the questions in
// knowledge/calibration/off-topic.txt and near-miss.txt, and the labelled questions in
// knowledge/calibration/questions/*.jsonl. Writes knowledge/calibration/model.json, which
// the engine loads with the knowledge (a reload picks it up), and prints how the chosen
// thresholds do on the labelled questions. Progress goes to stderr.
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CALIBRATION_FILE, loadKnowledge } from '../core/knowledge/load.js';
import { fitCalibration, heldOutSamples, questionSamples, type LabelledQuestion, type Sample } from '../core/search/calibration.js';
import { DEFAULT_ENGINE_CONFIG } from '../core/search/config.js';
import { SearchIndex } from '../core/search/search-index.js';
import { evalQuestionSchema } from '../core/curation/evaluate.js';
import { isEnglishWord } from '../lexicon/english-words.js';
import { parseCli } from './args.js';
import { readConfig } from './open-store.js';
import { progress, step } from './progress.js';

const args = parseCli({
  usage: 'usage: npm run calibrate [-- --dry-run]',
  about: [
    'Fits the answer, passage and topic models and their thresholds from the knowledge base: each',
    'curated wording held out in turn, KNOWLEDGE_DIR/calibration/off-topic.txt and near-miss.txt,',
    'and the labelled questions in KNOWLEDGE_DIR/calibration/questions/*.jsonl. Writes',
    'KNOWLEDGE_DIR/calibration/model.json, which the bot loads with the knowledge. Progress on stderr.',
  ],
  options: { 'dry-run': { type: 'boolean' } },
  help: { 'dry-run': 'print the fitted models without writing model.json' },
}).values;
/** A progress line for a share of work done, on stderr. */
const shareDone = (what: string) => {
  const line = progress(what, 100);
  return (share: number) => (share >= 1 ? line.finish() : line.update(Math.round(share * 100)));
};
const config = readConfig();
const dir = path.join(config.knowledge.dir, 'calibration');
const loaded = await loadKnowledge(config.knowledge.dir, { withoutCalibration: true });
if (!loaded.ok) {
  process.stderr.write('The knowledge base has problems; run npm run validate.\n');
  process.exit(1);
}
const lines = async (file: string) =>
  (await readFile(path.join(dir, file), 'utf8').catch(() => ''))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
const labelled: LabelledQuestion[] = [];
for (const name of (await readdir(path.join(dir, 'questions')).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl')).sort()) {
  for (const line of await lines(path.join('questions', name))) labelled.push(evalQuestionSchema.parse(JSON.parse(line)));
}

step('Building the index');
// Fitted from the engine's defaults, so that an earlier model.json does not colour the fit.
const engine = DEFAULT_ENGINE_CONFIG;
const index = SearchIndex.build(loaded.knowledge, engine, isEnglishWord);
let ctx = { knowledge: loaded.knowledge, index, config: engine };
const offTopic = (await lines('off-topic.txt')).map((q) => ({ q, expect: 'none' as const, kind: 'off-topic' }));
const nearMiss = (await lines('near-miss.txt')).map((q) => ({ q, expect: 'none' as const, kind: 'near-miss' }));
const samplesFor = (): Sample[] => [
  ...heldOutSamples(ctx, 4_000, shareDone('held-out wordings asked')),
  ...questionSamples(ctx, [...offTopic, ...nearMiss], 'unanswerable'),
  ...questionSamples(ctx, labelled, 'labelled'),
];
// Which passage is best depends on the passage model, so fit twice: once from the defaults,
// then again choosing passages with the first fit.
let fitted = fitCalibration(ctx, samplesFor(), { onProgress: shareDone('fitting the models') });
ctx = { ...ctx, config: { ...engine, calibration: fitted.calibration } };
fitted = fitCalibration(ctx, samplesFor(), { onProgress: shareDone('fitting again') });

const { calibration, report } = fitted;
// Written first, beside the old file and renamed into place: a run cut short (or whose
// output is piped into head) never leaves half a file or none.
const target = path.join(dir, CALIBRATION_FILE);
if (!args['dry-run']) {
  await writeFile(`${target}.tmp`, `${JSON.stringify(calibration, null, 2)}\n`);
  await rename(`${target}.tmp`, target);
}
const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
console.log(`labelled questions: ${report.labelled} (${report.answerable} answerable); off-topic ${offTopic.length}, near-miss ${nearMiss.length}`);
console.log(`answer threshold ${calibration.answerThreshold}, passage threshold ${calibration.passageThreshold}, about the story from ${calibration.topicThreshold}`);
console.log(`on the labelled questions: curated answer right ${report.answeredRight}/${report.answerable} (${pct(report.answeredRight, report.answerable)}), wrong curated answers ${report.answeredWrong}, answer or passage right ${report.passageRight}/${report.answerable} (${pct(report.passageRight, report.answerable)}), off-topic shown a passage ${report.offTopicWithPassage}`);
console.log(JSON.stringify(calibration, null, 2));
console.log(args['dry-run'] ? '(dry run: nothing written)' : `written to ${target}; reload the bot to use it`);
