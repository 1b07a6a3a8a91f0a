import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../../src/core/knowledge/load.js';
import type { Problem } from '../../../src/core/knowledge/problems.js';
import { entryYaml, makeKnowledgeDir, SOURCE_ID } from '../../helpers/knowledge-dir.js';

async function problemsOf(files: Record<string, string>, edit?: (dir: string) => Promise<void>): Promise<Pick<Problem, 'code' | 'line' | 'field' | 'message'>[]> {
  const dir = await makeKnowledgeDir(files);
  await edit?.(dir);
  const result = await loadKnowledge(dir);
  if (result.ok) throw new Error('expected the load to fail');
  return result.problems.map(({ code, line, field, message }) => ({ code, line, field, message }));
}

const INVENTED_QUOTE = (yaml: string) => yaml.replace('contempt of court', 'contempt of parliament');

describe('validation reports the real problem first', () => {
  it("names the field a misspelt one was meant to be, at the misspelt key's line, and still checks the entry's quotes", async () => {
    const problems = await problemsOf({ 'a.yaml': INVENTED_QUOTE(entryYaml('m', 'Q?', '  alternatives:\n    - another wording')) });
    expect(problems).toEqual([
      { code: 'schema', line: 8, field: 'm.alternatives', message: 'is not a known field; did you mean `alternates`?' },
      { code: 'quote-not-verbatim', line: 7, field: 'm.citations[0].quote', message: expect.stringContaining('is not a verbatim excerpt of paragraph 13') },
    ]);
  });

  it.each([
    ['the question', entryYaml('m', 'Q?').replace('  question:', '  qestion:'), 2, 'm.qestion', '`question`'],
    ['a citation field', entryYaml('m', 'Q?').replace('      quote:', '      qoute:'), 7, 'm.citations[0].qoute', '`quote`'],
    ['a list of ids', entryYaml('m', 'Q?', '  relatd: []'), 8, 'm.relatd', '`related`'],
  ])('reports a misspelt %s once, not also as the field it meant being missing', async (_, yaml, line, field, meant) => {
    expect(await problemsOf({ 'a.yaml': yaml })).toEqual([{ code: 'schema', line, field, message: `is not a known field; did you mean ${meant}?` }]);
  });

  it('lists the known fields when an unknown one is like none of them', async () => {
    const [problem] = await problemsOf({ 'a.yaml': entryYaml('m', 'Q?', '  colour: red') });
    expect(problem).toEqual({ code: 'schema', line: 8, field: 'm.colour', message: 'is not a known field (known fields: id, question, alternates, answer, citations, tags, related, status, forms)' });
  });

  it('does not report the entries that relate to a broken entry as naming an id that does not exist', async () => {
    const broken = entryYaml('broken', 'Q one?').replace('  question: Q one?\n', '');
    const problems = await problemsOf({ 'a.yaml': `${broken}\n${entryYaml('fine', 'Q two?', '  related: [broken]')}` });
    expect(problems).toEqual([{ code: 'schema', line: 1, field: 'broken.question', message: expect.stringContaining('expected string') }]);
  });

  it('does not report the citations of a source that failed its own checks as citing an unknown source', async () => {
    const problems = await problemsOf({ 'a.yaml': entryYaml('a', 'Q one?') }, async (dir) => {
      const meta = path.join(dir, 'sources', `${SOURCE_ID}.yaml`);
      await writeFile(meta, (await readFile(meta, 'utf8')).replace(/published: .*/, 'published: yesterday'));
    });
    expect(problems.map((p) => [p.code, p.field])).toEqual([['schema', 'published']]);
  });
});

