// Every question and alternate must retrieve its own entry first; otherwise a curator has
// given two entries the same question in different words, and one of them can never be
// reached by it.
//
// Running the full search for every phrasing would cost seconds on a large knowledge base,
// so this uses a property of the scoring instead: a phrasing always scores exactly 1 for
// its own entry (every term is in it, with full weight), and another entry can reach 1 only
// with a phrasing of exactly the same terms. test/core/self-test.test.ts holds this
// equivalent to running the real search on the whole knowledge base.
import { phrasingsOf } from '../knowledge/types.js';
import type { Problem } from '../knowledge/problems.js';
import { isQuestionWordTerm } from './lexicon.js';
import type { SearchIndex } from './search-index.js';

export function selfTest(index: SearchIndex): Problem[] {
  const problems: Problem[] = [];
  const owners = new Map<string, { id: string; text: string }>();
  for (const { entry, phrasings } of index.entries) {
    const texts = phrasingsOf(entry);
    phrasings.forEach((phrasing, i) => {
      const field = `${entry.id}.${i === 0 ? 'question' : `alternates[${i - 1}]`}`;
      const path = i === 0 ? ['question'] : ['alternates', i - 1];
      const where = { file: entry.origin.file, line: entry.origin.lineOf?.(path) ?? entry.origin.line, field };
      if (!phrasing.terms.some((term) => !isQuestionWordTerm(term))) {
        problems.push({ ...where, code: 'self-test-collision', severity: 'error', message: `"${texts[i]}" has no searchable words (only stop words), so it can never find this entry` });
        return;
      }
      const key = [...phrasing.terms].sort().join(' ');
      const owner = owners.get(key);
      if (!owner) owners.set(key, { id: entry.id, text: phrasing.text });
      else if (owner.id !== entry.id) {
        problems.push({
          ...where,
          code: 'self-test-collision',
          severity: 'error',
          message: `"${phrasing.text}" means the same to the search as "${owner.text}" of "${owner.id}" (terms: ${key}), so it cannot retrieve its own entry first`,
        });
      }
    });
  }
  return problems;
}
