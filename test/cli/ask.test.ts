import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIN_QUOTE_LETTERS } from '../../src/core/knowledge/checks.js';
import { entryYaml, makeKnowledgeDir } from '../helpers/knowledge-dir.js';
import { runTs } from '../helpers/run-node.js';

const DEV_QUESTIONS = 'examples/story/dev-questions.jsonl';

const FIELDS = ['question', 'answered', 'answer', 'confidence', 'citations', 'entryId', 'suggestions'];

describe('npm run ask', () => {
  it('prints exactly one JSON object with --json', async () => {
    const { code, stdout } = await runTs('src/cli/ask.ts', ['--json', 'Who is Tommy Robinson?']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!);
    for (const field of FIELDS) expect(answer).toHaveProperty(field);
    expect(answer).toMatchObject({ question: 'Who is Tommy Robinson?', answered: true, entryId: expect.any(String) });
    expect(answer.citations[0]).toEqual({ source: 'musk-grooming-2025-01-03', paragraph: 13, quote: expect.any(String) });
  });

  it('says why under `why`: the wording matched, the words, the typos, the confidence, what lowered it and the runners-up', async () => {
    const { code, stdout } = await runTs('src/cli/ask.ts', ['--json', 'What did Strarmer do as DPP?']);
    expect(code).toBe(0);
    const { why, entryId, confidence } = JSON.parse(stdout);
    expect(why).toMatchObject({ via: 'entry', entry: { id: entryId }, phrasing: expect.any(String), confidence, threshold: expect.any(Number), corrected: [{ typed: 'strarmer', corrected: 'starmer' }] });
    expect(why.matched).toEqual(expect.arrayContaining(['strarmer', 'dpp']));
    expect(Array.isArray(why.lowered)).toBe(true);
    expect(why.runnersUp[0]).toEqual({ entry: { id: expect.any(String), question: expect.any(String) }, confidence: expect.any(Number) });
  });

  it('marks a question in another language, and a follow-up, in its JSON', async () => {
    const { stdout } = await runTs('src/cli/ask.ts', ['--json', 'Qui est Tommy Robinson ?']);
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'answer', language: 'fr', entryId: 'who-is-tommy-robinson', followUp: null });
  });

  // Both --jsonl checks read one run's output: each run loads the whole knowledge base, which
  // costs far more than the few questions asked.
  const plain = ['who is jess phillips', 'What time is it?', 'which towns had grooming scandals'];
  const fromJson = [JSON.stringify({ q: 'who is jess phillips', expect: [3] }), JSON.stringify({ question: 'who is jess phillips' }), '{not json, who is jess phillips'];
  let jsonl: { code: number | null; answers: Record<string, unknown>[] };
  beforeAll(async () => {
    const { code, stdout } = await runTs('src/cli/ask.ts', ['--jsonl'], { input: `${[...plain, ...fromJson].join('\n')}\n` });
    jsonl = { code, answers: stdout.trim().split('\n').map((line) => JSON.parse(line)) };
  });

  it('answers one JSON line per stdin line, in order, with --jsonl', () => {
    expect(jsonl.code).toBe(0);
    expect(jsonl.answers).toHaveLength(plain.length + fromJson.length);
    const answers = jsonl.answers.slice(0, plain.length);
    expect(answers.map((a) => a.question)).toEqual(plain);
    expect(answers.map((a) => a.answered)).toEqual([true, false, true]);
    expect(answers[1]).toMatchObject({ answer: null, citations: [], entryId: null });
  });

  it('reads the "q" of a JSON line with --jsonl, so a question file can be piped in as it is', () => {
    expect(jsonl.code).toBe(0);
    const answers = jsonl.answers.slice(plain.length);
    expect(answers.map((a) => a.question)).toEqual(['who is jess phillips', 'who is jess phillips', '{not json, who is jess phillips']);
    expect(answers[0]).toMatchObject({ kind: 'answer', answered: true });
    expect(answers[1]!.entryId).toBe(answers[0]!.entryId);
  });

  it('explains its usage on stderr, not stdout, when called wrongly', async () => {
    const { code, stdout, stderr } = await runTs('src/cli/ask.ts', ['--jsonl', 'stray question']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('usage');
  });
});

describe('npm run validate', () => {
  it('passes on the real knowledge base', async () => {
    const { code, stdout } = await runTs('src/cli/validate.ts');
    expect(code).toBe(0);
    expect(stdout).toMatch(/: OK\. \d+ entries \(0 drafts\), [\d,]+ phrasings, 1 source; every phrasing finds its own entry\. 0 warnings\.\n$/);
  });

  it('lists each real problem once, where it is, and ends with the count', async () => {
    const yaml = entryYaml('m', 'Q?', '  alternatives:\n    - another wording').replace('contempt of court', 'contempt of parliament');
    const dir = await makeKnowledgeDir({ 'a.yaml': yaml });
    const { code, stdout, stderr } = await runTs('src/cli/validate.ts', [], { env: { KNOWLEDGE_DIR: dir } });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      expect.stringMatching(/^error .*\/entries\/a\.yaml:8 m\.alternatives: is not a known field; did you mean `alternates`\?$/),
      expect.stringMatching(/^error .*\/entries\/a\.yaml:7 m\.citations\[0\]\.quote: is not a verbatim excerpt/),
    ]);
    expect(lines.at(-1)).toBe(`${dir}: 2 errors, 0 warnings. The bot would refuse these files.`);
    expect(stderr).not.toContain('Nothing was changed');
  });

  const thinQuotes = ['"............"', '"……………………………………"', '". . . . . . . . . . . ."', '"— — — — — — — —"', '"18-month ... 2025 ..."'];
  it(`refuses quotes that hold fewer than ${MIN_QUOTE_LETTERS} letters, which every paragraph would "contain"`, async () => {
    const entries = thinQuotes.map((quote, i) => entryYaml(`thin-${i}`, `Thin quote number ${i}?`).replace(/quote: .*/, `quote: ${quote}`)).join('\n');
    const knowledge = await makeKnowledgeDir({ 'thin.yaml': entries });
    const { code, stderr } = await runTs('src/cli/validate.ts', [], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(code).toBe(1);
    const problems = stderr.split('\n').filter((line) => line.startsWith('error'));
    expect(problems).toHaveLength(thinQuotes.length);
    thinQuotes.forEach((_, i) => expect(problems[i]).toMatch(new RegExp(`thin\\.yaml:\\d+ thin-${i}\\.citations\\[0\\]\\.quote: holds \\d+ letters?; a quote must hold at least ${MIN_QUOTE_LETTERS} letters of the story`)));
  });
});

describe('npm run eval', () => {
  it('scores a question file and prints a table per kind', async () => {
    const { code, stdout, stderr } = await runTs('src/cli/eval.ts', [DEV_QUESTIONS]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^kind\s+questions\s+correct\s+passage\s+wrong\s+declined\s+accuracy\s+with passage$/m);
    expect(stdout).toMatch(/^answerable\s+30\s/m);
    expect(stdout).toMatch(/^off-topic\s+5\s+5\s/m);
    // A short file needs no progress report.
    expect(stderr).toBe('');
  });

  /** Three answerable questions answered from the right paragraph and one not: 75 %. */
  async function threeOfFour(): Promise<string> {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'storybot-eval-')), 'three-of-four.jsonl');
    const lines = [
      { q: 'Who is Tommy Robinson?', expect: [13] },
      { q: 'Who is Jess Phillips?', expect: [3] },
      { q: 'Who is the health secretary?', expect: [4] },
      { q: 'Who is Tommy Robinson?', expect: [1] },
      { q: 'What is the capital of Peru?', expect: 'none', kind: 'off-topic' },
    ];
    await writeFile(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    return file;
  }

  it.each([
    ['0.75', 0, /^Passed: answerable accuracy 75\.0% against the threshold of 75\.0%\.$/m],
    ['0.76', 1, /^Failed: answerable accuracy 75\.0% against the threshold of 76\.0%\.$/m],
    ['1', 1, /^Failed: answerable accuracy 75\.0% against the threshold of 100\.0%\.$/m],
    ['0', 0, /^Passed: answerable accuracy 75\.0%/m],
  ])('with --threshold=%s exits %i, saying how answerable accuracy compares', async (threshold, exit, verdict) => {
    const file = await threeOfFour();
    const { code, stdout, stderr } = await runTs('src/cli/eval.ts', [file, `--threshold=${threshold}`]);
    expect(stdout).toMatch(/^answerable\s+4\s+3\s+0\s+1\s+0\s+75\.0%\s+75\.0%$/m);
    expect(code).toBe(exit);
    expect(exit === 0 ? stdout : stderr).toMatch(verdict);
  });

  it.each([['1.5'], ['-0.1'], ['ninety']])('refuses --threshold=%s with its usage', async (threshold) => {
    const { code, stderr } = await runTs('src/cli/eval.ts', [DEV_QUESTIONS, `--threshold=${threshold}`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--threshold must be a number from 0 to 1[\s\S]*usage: npm run eval/);
  });

  it('shows its progress on stderr over a large file, keeping stdout for the table', async () => {
    const lines = (await readFile(DEV_QUESTIONS, 'utf8')).trim().split('\n');
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'storybot-eval-')), 'many.jsonl');
    await writeFile(file, `${Array.from({ length: 600 }, (_, i) => lines[i % lines.length]).join('\n')}\n`);
    const { code, stdout, stderr } = await runTs('src/cli/eval.ts', [file]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^questions scored: 600 of 600 \(100%, \d+ s\)$/m);
    expect(stdout).not.toContain('questions scored');
    expect(stdout).toMatch(/^all\s+600\s/m);
  });

  it('names paragraphs in words in its list of misses', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'storybot-eval-')), 'miss.jsonl');
    await writeFile(file, `${JSON.stringify({ q: 'Who is Tommy Robinson?', expect: [1, 2] })}\n`);
    const { stdout } = await runTs('src/cli/eval.ts', [file, '--verbose']);
    expect(stdout).toMatch(/wrong {4}Who is Tommy Robinson\? {2}-> paragraph 13, who-is-tommy-robinson \(\d\.\d\d\), want paragraph 1 or 2/);
  });

  it('says why each miss got the reply it did, under it', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'storybot-eval-')), 'miss.jsonl');
    await writeFile(file, `${JSON.stringify({ q: 'why does musk care so much about britain anyway, hes not even british smh', expect: [9] })}\n${JSON.stringify({ q: 'Who is Tommy Robinson?', expect: [13] })}\n`);
    const { stdout } = await runTs('src/cli/eval.ts', [file, '--verbose']);
    const [miss, ...why] = stdout.split('\n\n')[0]!.split('\n');
    // Not answered from a curated entry (the story's own passage at best): a miss.
    expect(miss).toMatch(/^(?:declined|passage ) why does musk care so much about britain anyway/);
    expect(why.join('\n')).toMatch(/^ +The closest curated wording was “.+”, of “.+”\.$/m);
    expect(why.join('\n')).toMatch(/^ +Confidence \d+%; an entry is given as the answer from \d+%\.$/m);
    expect(why.join('\n')).toMatch(/^ +What lowered it: /m);
    // The question answered right is not listed.
    expect(stdout).not.toMatch(/Who is Tommy Robinson/);
  });

  it('asks every question as a follow-up of another with --follow-up-of, for checking that ordinary questions read the same in a thread', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'storybot-eval-')), 'thread.jsonl');
    await writeFile(file, `${JSON.stringify({ q: 'and what did he get jailed for?', expect: [13] })}\n`);
    const [alone, inThread] = await Promise.all([runTs('src/cli/eval.ts', [file]), runTs('src/cli/eval.ts', [file, '--follow-up-of=Who is Tommy Robinson?'])]);
    expect(alone.stdout).toMatch(/^answerable +1 +0 /m);
    expect(inThread.stdout).toMatch(/^answerable +1 +1 /m);
  });
});
