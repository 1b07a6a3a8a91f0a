import { describe, expect, it } from 'vitest';
import { groupDeclined, similarity, type DeclinedPhrasing } from '../../src/core/curation/gap-groups.js';
import { Analyzer } from '../../src/core/search/analyzer.js';

const analyzer = new Analyzer([{ canonical: 'Keir Starmer', terms: ['PM', 'prime minister', 'Starmer'] }]);
const termsOf = (text: string) => analyzer.analyze(text).map((t) => t.term);
const day = (n: number) => new Date(Date.UTC(2025, 0, n));
const row = (question: string, count = 1, first = 1, last = first): DeclinedPhrasing => ({ question, count, firstSeen: day(first), lastSeen: day(last) });

describe('grouping declined questions', () => {
  it.each([
    ['a different word order', "What is Wes Streeting's majority?", 'wes streeting majority what is it'],
    ['a missing first name', "What is Wes Streeting's majority?", 'what is streetings majority'],
    ['a typo in a long word', "What is Wes Streeting's majority?", 'what is wes streeting majorty'],
    ['an inflection', 'when was the inquiry announced', 'when were the inquiries announced'],
    ['a story alias', 'what is the prime minister salary', "what is starmer's salary"],
    ['only case and punctuation', 'WHAT TIME IS IT', 'what time is it?!'],
  ])('puts two questions differing by %s in one group', (_, a, b) => {
    const groups = groupDeclined([row(a), row(b)], termsOf);
    expect(groups).toHaveLength(1);
  });

  it.each([
    ['a different subject', 'what is the capital of peru', 'what is the capital of france'],
    ['a different question word', 'who won the oldham election', 'when was the oldham election'],
    ['two stop-word-only questions', 'what is it?', 'is it that?'],
  ])('keeps two questions differing by %s apart', (_, a, b) => {
    expect(groupDeclined([row(a), row(b)], termsOf)).toHaveLength(2);
  });

  it('counts a group, names it by its most frequent wording, and spans its first and last sighting', () => {
    const groups = groupDeclined(
      [row('wes streeting majority', 2, 5, 6), row("What is Wes Streeting's majority?", 5, 3, 9), row('capital of peru', 4, 1, 2)],
      termsOf,
    );
    expect(groups).toEqual([
      { question: "What is Wes Streeting's majority?", phrasings: ["What is Wes Streeting's majority?", 'wes streeting majority'], count: 7, firstSeen: day(3), lastSeen: day(9) },
      { question: 'capital of peru', phrasings: ['capital of peru'], count: 4, firstSeen: day(1), lastSeen: day(2) },
    ]);
  });

  it('compares with the group’s leading wording, so a chain of overlapping questions does not become one group', () => {
    const words = (text: string) => text.split(' ');
    const groups = groupDeclined([row('alpha bravo charlie', 3), row('alpha bravo charlie delta', 2), row('bravo charlie delta echo', 1)], words);
    expect(groups.map((g) => g.phrasings)).toEqual([['alpha bravo charlie', 'alpha bravo charlie delta'], ['bravo charlie delta echo']]);
  });

  it('joins the group asked most when a question fits two', () => {
    const words = (text: string) => text.split(' ');
    const groups = groupDeclined([row('alpha bravo charlie', 5), row('delta bravo charlie', 4), row('bravo charlie', 1)], words);
    expect(groups.map((g) => g.phrasings)).toEqual([['alpha bravo charlie', 'bravo charlie'], ['delta bravo charlie']]);
  });

  it('folds wordings that differ only in case into one phrasing, keeping the spelling typed most', () => {
    const [group] = groupDeclined([row('capital of peru', 1), row('Capital of Peru?', 3)], termsOf);
    expect(group).toMatchObject({ question: 'Capital of Peru?', phrasings: ['Capital of Peru?'], count: 4 });
  });

  it('leaves out input with no words, which is no gap in the knowledge base', () => {
    expect(groupDeclined([row('???'), row('  ')], termsOf)).toEqual([]);
  });

  it.each([
    [['a', 'b'], ['a', 'b'], 1],
    [['a', 'b'], ['a', 'c'], 1 / 3],
    [['oldham', 'report'], ['oldam', 'report'], 1],
    [['abc', 'x'], ['abd', 'x'], 1 / 3],
    [['major', 'x'], ['majorty', 'x'], 1],
    [['inquir', 'x'], ['inquiry', 'x'], 1],
    [[], ['a'], 0],
    [['a', 'b', 'c'], ['a'], 1 / 3],
  ])('rates %j and %j as %d alike', (a, b, expected) => {
    expect(similarity(a, b)).toBeCloseTo(expected, 5);
  });
});
