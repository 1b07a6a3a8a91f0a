// BM25 itself, on documents small enough to work out by hand, and the plain baseline that
// `npm run eval` measures the engine against.
import { describe, expect, it } from 'vitest';
import { Bm25 } from '../../src/core/search/bm25.js';
import { PlainBm25, plainTerms } from '../../src/core/curation/bm25-baseline.js';
import { placeTally } from '../../src/core/curation/evaluate.js';

const doc = (...terms: string[]) => {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
};

describe('BM25', () => {
  const docs = [doc('musk', 'starmer', 'prison'), doc('musk', 'musk', 'x'), doc('oldham', 'report', 'cover', 'up'), doc('starmer')];
  const bm25 = new Bm25(docs, { k1: 1.2, b: 0.75 });

  it('weighs a term by how rare it is: ln(1 + (N − df + 0.5) / (df + 0.5))', () => {
    expect(bm25.idf('musk')).toBeCloseTo(Math.log(1 + 2.5 / 2.5), 10);
    expect(bm25.idf('oldham')).toBeCloseTo(Math.log(1 + 3.5 / 1.5), 10);
    expect(bm25.idf('nowhere')).toBeUndefined();
  });

  it('scores a document by the Okapi formula, with its length against the average', () => {
    const average = (3 + 3 + 4 + 1) / 4;
    const norm = (length: number) => 1.2 * (1 - 0.75 + (0.75 * length) / average);
    const want = (bm25.idf('musk')! * 2 * 2.2) / (2 + norm(3));
    expect(bm25.scores([{ term: 'musk' }])[1]).toBeCloseTo(want, 10);
  });

  it('saturates repeats: twice the word is worth more than once, but less than twice as much', () => {
    const [once, twice] = [bm25.scores([{ term: 'musk' }])[0]!, bm25.scores([{ term: 'musk' }])[1]!];
    expect(twice).toBeGreaterThan(once);
    expect(twice).toBeLessThan(2 * once);
  });

  it('ranks the documents sharing a word, best first, and counts a doubtful word for less', () => {
    expect(bm25.rank([{ term: 'starmer' }, { term: 'prison' }]).map((r) => r.doc)).toEqual([0, 3]);
    expect(bm25.rank([{ term: 'zebra' }])).toEqual([]);
    const full = bm25.scores([{ term: 'oldham' }])[2]!;
    expect(bm25.scores([{ term: 'oldham', quality: 0.5 }])[2]).toBeCloseTo(full / 2, 10);
  });

  it('counts a term given twice in the question once', () => {
    expect(bm25.scores([{ term: 'x' }, { term: 'x' }])).toEqual(bm25.scores([{ term: 'x' }]));
  });
});

describe('the plain BM25 baseline', () => {
  const baseline = new PlainBm25([
    { source: 's', paragraph: 1, text: 'Elon Musk accused Keir Starmer of failing to prosecute.' },
    { source: 's', paragraph: 2, text: 'Streeting said the views were misjudged.' },
    { source: 's', paragraph: 3, text: 'Robinson is serving an 18-month jail term.' },
  ]);

  it('stems plain words and drops only function words: no aliases, no synonyms', () => {
    expect(plainTerms('Who is jailed, and why?')).toEqual(['jail']);
    // "prison" is not "jail" to a search with no curation.
    expect(baseline.rank('why is robinson in prison')[0]?.paragraph).toBe(3);
    expect(baseline.rank('who went to prison')).toEqual([]);
  });

  it('finds the sentence by its words, best first, at most three', () => {
    expect(baseline.rank('what did streeting say about the views').map((s) => s.paragraph)).toEqual([2]);
    expect(baseline.rank('musk starmer streeting robinson jail', 2)).toHaveLength(2);
  });

  it('tallies the first place and the first three places shown against the expected paragraphs', () => {
    const questions = [
      { q: 'a', expect: [2] },
      { q: 'b', expect: [3] },
      { q: 'c', expect: [9] },
      { q: 'd', expect: 'none' as const },
    ];
    const shown = [[{ paragraph: 2 }], [{ paragraph: 1 }, { paragraph: 5 }, { paragraph: 3 }], [{ paragraph: 1 }, { paragraph: 2 }, { paragraph: 4 }, { paragraph: 9 }], []];
    expect(placeTally(questions, (_, i) => shown[i]!)).toEqual({ total: 3, first: 1, firstThree: 2 });
  });
});
