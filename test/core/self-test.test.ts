import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { phrasingsOf, publishedEntries } from '../../src/core/knowledge/types.js';
import { buildSnapshot } from '../../src/core/knowledge/store.js';
import { DEFAULT_ENGINE_CONFIG } from '../../src/core/search/config.js';
import { search } from '../../src/core/search/engine.js';
import { SearchIndex } from '../../src/core/search/search-index.js';
import { selfTest } from '../../src/core/search/self-test.js';
import { REAL_KNOWLEDGE, entryYaml, makeKnowledgeDir } from '../helpers/knowledge-dir.js';

describe('the load-time self-test', () => {
  it('agrees with the real search: every phrasing of the knowledge base finds its own entry first', async () => {
    const loaded = await loadKnowledge(REAL_KNOWLEDGE);
    if (!loaded.ok) throw new Error('knowledge base invalid');
    const index = SearchIndex.build(loaded.knowledge, DEFAULT_ENGINE_CONFIG);
    expect(selfTest(index)).toEqual([]);
    for (const entry of publishedEntries(loaded.knowledge)) {
      for (const phrasing of phrasingsOf(entry)) {
        const [first, second] = search(index, phrasing, DEFAULT_ENGINE_CONFIG, 2).matches;
        expect(first?.entry.id, phrasing).toBe(entry.id);
        expect(first!.score).toBeCloseTo(1, 9);
        expect(second?.score ?? 0, phrasing).toBeLessThan(1 - 1e-9);
      }
    }
  });

  it('reports two entries asked in words that mean the same to the search', async () => {
    const dir = await makeKnowledgeDir({
      'a.yaml': `${entryYaml('jail-one', 'Why is Robinson in jail?')}\n${entryYaml('jail-two', 'Other question?', '  alternates: ["why is robinson in prison"]')}`,
    });
    const built = await buildSnapshot(dir);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    const problem = built.problems.find((p) => p.code === 'self-test-collision');
    expect(problem?.field).toBe('jail-two.alternates[0]');
    expect(problem?.message).toContain('jail-one');
    expect(problem?.line).toBe(15);
  });

  it('reports a phrasing with no searchable words', async () => {
    const built = await buildSnapshot(await makeKnowledgeDir({ 'a.yaml': entryYaml('empty', 'What is it?') }));
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.problems[0]!.message).toContain('no searchable words');
  });
});
