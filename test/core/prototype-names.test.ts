// The names of Object.prototype's members ("constructor", "__proto__", "toString"…) are
// words like any other to the bot, whatever their writing. Each is thrown at every path
// user or curator text takes: questions and autocomplete, every field of an entry, the
// aliases, and the gap report, in-process and through npm run ask, npm start and npm run gaps.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MAX_QUESTION_LENGTH } from '../../src/core/answering/answer.js';
import { catalogueOf } from '../../src/core/curation/gap-report.js';
import { phrasingKey } from '../../src/core/knowledge/checks.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { formatProblem } from '../../src/core/knowledge/problems.js';
import { QuestionLog } from '../../src/storage/question-log.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { REAL_QUESTIONS } from '../helpers/hostile-strings.js';
import { makeKnowledgeDir, REAL_KNOWLEDGE, SOURCE_ID } from '../helpers/knowledge-dir.js';
import { runTs } from '../helpers/run-node.js';

const NAMES = Object.getOwnPropertyNames(Object.prototype);

const shifted = (text: string, lower: number, upper: number) =>
  [...text].map((c) => (/[a-z]/.test(c) ? String.fromCodePoint(lower + c.charCodeAt(0) - 97) : /[A-Z]/.test(c) ? String.fromCodePoint(upper + c.charCodeAt(0) - 65) : c)).join('');
const ACCENTS: Readonly<Record<string, string>> = Object.freeze({ a: 'â', e: 'é', i: 'ï', o: 'ô', u: 'ù' });

/** The writings that folding turns back into the plain name. */
const WRITINGS: readonly [string, (name: string) => string][] = [
  ['as it is', (name) => name],
  ['in mathematical bold', (name) => shifted(name, 0x1d41a, 0x1d400)],
  ['in full-width letters', (name) => shifted(name, 0xff41, 0xff21)],
  ['in capitals with a curly possessive', (name) => `${name.toUpperCase()}’S`],
  ['with accents', (name) => name.replace(/[aeiou]/g, (v) => ACCENTS[v]!)],
];
const CASES = NAMES.flatMap((name) => WRITINGS.map(([how, write]) => ({ name, how, word: write(name) })));

let store: KnowledgeStore;
beforeAll(async () => {
  store = await KnowledgeStore.open(REAL_KNOWLEDGE);
});

describe('Object.prototype names in questions', () => {
  it('has every name in every writing to throw', () => {
    expect(NAMES).toEqual(expect.arrayContaining(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']));
    expect(CASES).toHaveLength(NAMES.length * WRITINGS.length);
  });

  it('are answered or declined, never an exception, wherever they stand in a question and however long it is', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASES), fc.constantFrom(...REAL_QUESTIONS), fc.nat(), fc.nat({ max: 400 }), ({ word }, question, at, padding) => {
        const words = question.split(' ');
        words.splice(at % (words.length + 1), 0, word);
        for (const text of [word, words.join(' '), `${word} ${'x'.repeat(padding)}`, `${word} ${question}`.repeat(20)]) {
          const result = store.ask(text);
          expect(typeof result.answered).toBe('boolean');
          expect(result.question.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
          expect(store.complete(text, 25).length).toBeLessThanOrEqual(25);
        }
        expect(store.answerEntry(word)).toBeUndefined();
      }),
      { seed: 20250103, numRuns: 300 },
    );
  });

  it('are answered by npm run ask, which "constructor" used to crash', async () => {
    const { code, stdout, stderr } = await runTs('src/cli/ask.ts', ['--json', 'constructor']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ question: 'constructor', answered: false, reason: 'not-in-story' });
  });
});

/** One entry carrying the word in every field a curator writes, and an alias group of it. */
function knowledgeWith(word: string, options: { quote?: boolean } = {}) {
  const quote = options.quote ? `${word} who is serving an 18-month jail term` : 'who is serving an 18-month jail term for contempt of court';
  const entries = [
    { id: 'plain-entry', question: `What does ${word} mean here?`, alternates: [`${word} meaning`, `${word}`], answer: `The story never says ${word}.`, tags: [word, 'robinson'], related: ['constructor'], citations: [{ source: SOURCE_ID, paragraph: 13, quote }] },
    // The one name among them that is also a valid entry id.
    { id: 'constructor', question: 'Who is serving a jail term?', answer: 'Tommy Robinson, the story says.', citations: [{ source: SOURCE_ID, paragraph: 13, quote: 'who is serving an 18-month jail term for contempt of court' }] },
  ];
  return {
    'entries/names.yaml': JSON.stringify(entries),
    // The story's own aliases (who says what names its speakers by them), and a group of the word.
    'aliases.yaml': `${readFileSync(path.join(REAL_KNOWLEDGE, 'aliases.yaml'), 'utf8')}\n${stringify([{ canonical: word, terms: [`the ${word}`, `${word} thing`, word.toUpperCase()] }])}`,
  };
}

async function knowledgeDir(files: Record<string, string>): Promise<string> {
  const dir = await makeKnowledgeDir({});
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
  return dir;
}

describe('Object.prototype names in the knowledge files', () => {
  it.each(CASES)('load and answer with $name $how in every field and alias', async ({ word }) => {
    const loaded = await KnowledgeStore.open(await knowledgeDir(knowledgeWith(word)));
    const answer = loaded.ask(`What does ${word} mean here?`);
    expect(answer).toMatchObject({ answered: true, entry: { id: 'plain-entry' }, related: [{ id: 'constructor' }] });
    expect(loaded.answerEntry('constructor')).toMatchObject({ entry: { id: 'constructor' } });
  });

  it.each(CASES.filter((c) => c.how === 'as it is'))('report $name in a quote as not from the story, with a clear problem', async ({ word }) => {
    const dir = await knowledgeDir(knowledgeWith(word, { quote: true }));
    const failed = await KnowledgeStore.open(dir).then(
      () => undefined,
      (error: { problems: Parameters<typeof formatProblem>[0][] }) => error.problems,
    );
    expect(failed?.map(formatProblem)).toEqual([expect.stringMatching(/error \S+\/entries\/names\.yaml:\d+ plain-entry\.citations\[0\]\.quote: is not a verbatim excerpt of paragraph 13/)]);
  });

  it('start npm start, which used to stop with a stack trace, and it answers from them', async () => {
    const dir = await knowledgeDir(knowledgeWith('constructor'));
    const { code, stdout, stderr } = await runTs('src/index.ts', [], { env: { KNOWLEDGE_DIR: dir, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' }, input: 'What does constructor mean here?\n' });
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
    expect(stdout).toContain('The story never says constructor.');
  });
});

describe('Object.prototype names in the question log', () => {
  let dataDir: string;
  let log: QuestionLog;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-data-'));
    log = QuestionLog.open({ dataDir, retentionDays: 90, logger: captureLogger().logger, catalogue: catalogueOf(store) });
    for (const { word } of CASES) {
      // As /ask logs them: a question over the length limit is logged cut to it.
      for (const text of [word, `what is ${word}?`, `${word} ${'y'.repeat(400)}`]) {
        const result = store.ask(text);
        log.recordQuestion({ at: new Date(), platform: 'discord', userId: 'U1', question: result.question, entryId: null, confidence: 0, answered: false, ms: 1 });
      }
    }
    log.flush();
  });
  afterAll(() => log.close());

  it('are grouped into the gap report like any question, each writing with its plain one', async () => {
    const report = (await log.gaps(1_000))!;
    // Wordings that differ only in case, accents or letter forms are one wording there.
    const reported = new Set(report.declined.flatMap((g) => g.phrasings).map(phrasingKey));
    for (const { word } of CASES) expect(reported).toContain(phrasingKey(`what is ${word}?`));
  });

  it('are reported by npm run gaps, which they used to stop', async () => {
    const { code, stdout, stderr } = await runTs('src/cli/gaps.ts', [], { env: { DATA_DIR: dataDir } });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('constructor');
  });
});
