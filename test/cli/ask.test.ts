import { describe, expect, it } from 'vitest';
import { MIN_QUOTE_LETTERS } from '../../src/core/knowledge/checks.js';
import { entryYaml, makeKnowledgeDir } from '../helpers/knowledge-dir.js';
import { runTs } from '../helpers/run-node.js';

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

  it('answers one JSON line per stdin line, in order, with --jsonl', async () => {
    const questions = ['who is jess phillips', 'What time is it?', 'which towns had grooming scandals'];
    const { code, stdout } = await runTs('src/cli/ask.ts', ['--jsonl'], { input: `${questions.join('\n')}\n` });
    expect(code).toBe(0);
    const answers = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(answers.map((a) => a.question)).toEqual(questions);
    expect(answers.map((a) => a.answered)).toEqual([true, false, true]);
    expect(answers[1]).toMatchObject({ answer: null, citations: [], entryId: null });
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
    expect(stdout).toMatch(/OK\. \d+ entries/);
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
    const { code, stdout } = await runTs('src/cli/eval.ts', ['examples/story/dev-questions.jsonl']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^kind\s+questions\s+correct\s+wrong\s+declined/m);
    expect(stdout).toMatch(/^answerable\s+30\s/m);
    expect(stdout).toMatch(/^off-topic\s+5\s+5\s/m);
  });
});
