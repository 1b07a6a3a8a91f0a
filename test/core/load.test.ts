import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import type { ProblemCode } from '../../src/core/knowledge/problems.js';
import { REAL_KNOWLEDGE, SOURCE_ID, entryYaml, makeKnowledgeDir } from '../helpers/knowledge-dir.js';

describe('loading the knowledge base', () => {
  it('loads the real knowledge base with no problems', async () => {
    const result = await loadKnowledge(REAL_KNOWLEDGE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const source = result.knowledge.sources.get(SOURCE_ID)!;
    expect(source.paragraphs).toHaveLength(13);
    expect(source.published).toBe('2025-01-03');
    expect([source.headline, source.outlet, source.url, source.author]).toEqual([null, null, null, null]);
    expect(result.knowledge.entries.length).toBeGreaterThan(50);
  });

  it('accepts a quote that differs from the story only in case, spacing and curly quotes', async () => {
    const dir = await makeKnowledgeDir({
      'a.yaml': entryYaml('ok', 'A question?').replace(
        'who is serving an 18-month jail term for contempt of court',
        '"WHO is   serving an 18-month jail term for contempt of court."',
      ),
    });
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(true);
  });

  const broken: [string, string, ProblemCode, number, string][] = [
    ['a duplicate id', `${entryYaml('same', 'First?')}\n${entryYaml('same', 'Second?')}`, 'duplicate-id', 8, 'same.id'],
    ['a paragraph that does not exist', entryYaml('p', 'Q?').replace('paragraph: 13', 'paragraph: 14'), 'paragraph-out-of-range', 6, 'p.citations[0].paragraph'],
    ['a quote that is not in its paragraph', entryYaml('q', 'Q?').replace('paragraph: 13', 'paragraph: 12'), 'quote-not-verbatim', 7, 'q.citations[0].quote'],
    ['an invented quote', entryYaml('q', 'Q?').replace('contempt of court', 'contempt of parliament'), 'quote-not-verbatim', 7, 'q.citations[0].quote'],
    ['an unknown source', entryYaml('s', 'Q?').replace(`source: ${SOURCE_ID}`, 'source: the-times'), 'unknown-source', 5, 's.citations[0].source'],
    ['a related id that does not exist', entryYaml('r', 'Q?', '  related: [nowhere]'), 'unknown-related', 8, 'r.related[0]'],
    ['the same phrasing in two entries', `${entryYaml('one', 'Who is he?')}\n${entryYaml('two', 'Other?', '  alternates: ["who is HE"]')}`, 'duplicate-phrasing', 15, 'two.alternates[0]'],
    ['a misspelt field', entryYaml('m', 'Q?', '  alternatives: [x]'), 'schema', 8, 'm.alternatives'],
    ['a wrong type', entryYaml('t', 'Q?').replace('paragraph: 13', 'paragraph: thirteen'), 'schema', 6, 't.citations[0].paragraph'],
    ['a published entry without an answer', entryYaml('n', 'Q?').replace('  answer: Some answer.\n', ''), 'schema', 1, 'n.answer'],
    ['YAML that does not parse', '- id: x\n  question: [unclosed\n', 'yaml-syntax', 3, ''],
  ];

  it.each(broken)('reports %s with its file, line and field', async (_, yaml, code, line, field) => {
    const dir = await makeKnowledgeDir({ 'broken.yaml': yaml });
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.code === code);
    expect(problem, JSON.stringify(result.problems)).toBeDefined();
    expect(problem!.file).toBe('knowledge-x/entries/broken.yaml'.replace('knowledge-x', dir.split('/').pop()!));
    if (line) expect(problem!.line).toBe(line);
    if (field) expect(problem!.field).toBe(field);
  });

  it('lists every problem in every file at once', async () => {
    const dir = await makeKnowledgeDir({
      'a.yaml': entryYaml('a', 'Q one?').replace('paragraph: 13', 'paragraph: 99'),
      'b.yaml': `${entryYaml('b', 'Q two?', '  related: [ghost]')}\n${entryYaml('c', 'Q three?').replace('contempt', 'comtempt')}`,
    });
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.code).sort()).toEqual(['paragraph-out-of-range', 'quote-not-verbatim', 'unknown-related']);
  });

  it('says where a quote really is when it cites the wrong paragraph', async () => {
    const dir = await makeKnowledgeDir({ 'a.yaml': entryYaml('w', 'Q?').replace('paragraph: 13', 'paragraph: 2') });
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toContain('it is in paragraph 13');
  });

  it('rejects a folder with no entries', async () => {
    const result = await loadKnowledge(await makeKnowledgeDir({}));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toContain('no-entries');
  });
});
