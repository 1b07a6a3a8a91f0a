// A quotation in an answer's own text must be the story's, given to the person the story
// gives it to: `validate` says where it is not, and a reload keeps the good knowledge.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSnapshot, KnowledgeStore } from '../../../src/core/knowledge/store.js';
import { formatProblem } from '../../../src/core/knowledge/problems.js';
import { makeKnowledgeDir } from '../../helpers/knowledge-dir.js';
import { runTs } from '../../helpers/run-node.js';

const ANSWER = 'Musk recently expressed support for him.';
let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

/** A copy of the real knowledge with the end of Tommy Robinson's answer rewritten. */
async function withAnswerEnding(ending: string): Promise<string> {
  dir = await makeKnowledgeDir({}, { copyEntries: true });
  await rewrite(ending);
  return dir;
}

async function rewrite(ending: string): Promise<void> {
  const file = path.join(dir, 'entries', 'robinson.yaml');
  const text = await readFile(file, 'utf8');
  expect(text).toContain(ANSWER);
  await writeFile(file, text.replace(ANSWER, ending));
}

async function errorsOf(knowledge: string): Promise<string[]> {
  const built = await buildSnapshot(knowledge);
  return built.ok ? [] : built.problems.filter((p) => p.severity === 'error').map(formatProblem);
}

describe('quotations in answer text', () => {
  it.each([
    ['straight', 'Musk called him "a national hero".'],
    ['curly', 'Musk called him “a national hero”.'],
  ])('refuse %s quotation marks around words the story does not have, naming the file and line', async (_kind, ending) => {
    const errors = await errorsOf(await withAnswerEnding(ending));
    expect(errors).toEqual([expect.stringMatching(/^error \S*entries\/robinson\.yaml:33 who-is-tommy-robinson\.answer: puts “a national hero” in quotation marks, but the story has no such words/)]);
  });

  it('refuses words the story quotes, given to someone else', async () => {
    const errors = await errorsOf(await withAnswerEnding('Starmer said Phillips "deserves to be in prison".'));
    expect(errors).toEqual([expect.stringContaining('gives “deserves to be in prison” to Keir Starmer or Jess Phillips, but the story gives those words to Elon Musk')]);
  });

  it('accepts the words with their speaker, and the story’s own narration in quotation marks', async () => {
    expect(await errorsOf(await withAnswerEnding('Musk suggested Phillips "deserves to be in prison"; the story says it was "more than a decade ago".'))).toEqual([]);
  });

  it('refuses a quotation mark without its pair', async () => {
    const errors = await errorsOf(await withAnswerEnding('Musk "recently expressed support for him.'));
    expect(errors).toEqual([expect.stringContaining('has a quotation mark without its pair')]);
  });

  it('fails npm run validate, and a reload keeps the knowledge it had', { timeout: 60_000 }, async () => {
    const knowledge = await withAnswerEnding(ANSWER);
    const store = await KnowledgeStore.open(knowledge);
    await rewrite('Musk called him "a national hero".');
    const report = await store.reload();
    expect(report.ok).toBe(false);
    expect(store.current().index.entry('who-is-tommy-robinson')!.answer).toContain(ANSWER);
    const validated = await runTs('src/cli/validate.ts', [], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(validated.code).toBe(1);
    expect(validated.stderr).toContain('robinson.yaml:33 who-is-tommy-robinson.answer: puts “a national hero” in quotation marks');
  });
});
