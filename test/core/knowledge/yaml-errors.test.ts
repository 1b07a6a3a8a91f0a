// One broken YAML file is one problem, reported where the curator must look: not also as
// "not an entry id" wherever other files relate to its entries, and an unclosed quotation
// at the line where it opens rather than at the end of the file.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../src/core/knowledge/store.js';
import { formatProblem } from '../../../src/core/knowledge/problems.js';
import { parseYaml } from '../../../src/core/knowledge/yaml-file.js';
import { makeKnowledgeDir } from '../../helpers/knowledge-dir.js';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

describe('YAML errors', () => {
  it('reports a broken entries file once, without cascading to the files that relate to its entries', async () => {
    dir = await makeKnowledgeDir({}, { copyEntries: true });
    const file = path.join(dir, 'entries', 'robinson.yaml');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const at = lines.findIndex((l) => l === '  question: Who is Tommy Robinson?');
    expect(at).toBeGreaterThanOrEqual(0);
    lines[at] = '  question: "Who is Tommy Robinson?';
    await writeFile(file, lines.join('\n'));
    const built = await buildSnapshot(dir);
    expect(built.ok).toBe(false);
    const problems = built.ok ? [] : built.problems.map(formatProblem);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^error \\S*entries/robinson\\.yaml:${at + 1} is not valid YAML: the double quotation that opens here \\(column 13\\) is never closed$`))]);
  });

  it('places an unclosed quotation, single or double, at its opening line', () => {
    const text = ['- id: a', "  question: 'Who is x", '  answer: foo', '- id: b', '  question: fine', '  answer: bar', ''].join('\n');
    const parsed = parseYaml('f.yaml', text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([expect.objectContaining({ line: 2, message: 'is not valid YAML: the single quotation that opens here (column 13) is never closed' })]);
    expect(parsed.ids).toEqual(['a', 'b']);
  });

  it('still reports other YAML errors where the parser finds them', () => {
    const parsed = parseYaml('f.yaml', '- id: a\n  question: [unclosed\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]!.message).not.toContain('quotation that opens here');
  });
});
