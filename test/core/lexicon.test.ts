import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/search/analyzer.js';
import { SYNONYM_GROUPS } from '../../src/core/search/lexicon.js';
import { stem } from '../../src/core/search/stem.js';

describe('stemming', () => {
  // Inflections meet in the stemmer; derived words ("prosecutor") in the synonym groups.
  it.each([
    ['prosecutions', 'prosecuted', 'prosecuting'],
    ['abused', 'abusing', 'abuse'],
    ['offenders', 'offender', 'offend'],
    ['labour', 'labor', 'labour'],
  ])('gives %s, %s and %s one stem', (a, b, c) => {
    expect(stem(a)).toBe(stem(b));
    expect(stem(b)).toBe(stem(c));
  });

  it.each([
    ['prosecutions', 'prosecutor'],
    ['criticised', 'criticism'],
    ['criticise', 'criticize'],
  ])('makes %s and %s one term, through the synonym groups', (a, b) => {
    const analyzer = new Analyzer();
    expect(analyzer.termOf(a)).toBe(analyzer.termOf(b));
  });

  it.each([
    ['street', 'streeting'],
    ['chief', 'chiefly'],
    ['founder', 'findings'],
    ['abusers', 'abuse'],
  ])('keeps %s and %s apart', (a, b) => {
    const analyzer = new Analyzer([{ canonical: 'streeting', terms: ['streeting', 'wes streeting'] }]);
    expect(analyzer.termOf(a)).not.toBe(analyzer.termOf(b));
  });

  it.each(['news', 'need', 'string', 'bring'])('leaves %s recognisable', (word) => {
    expect(stem(word).length).toBeGreaterThanOrEqual(4);
  });
});

describe('the synonym lists', () => {
  it('never give one word two meanings', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, ...members] of SYNONYM_GROUPS) {
      for (const member of [name!, ...members]) {
        if (member.includes(' ') || member.includes('-')) continue;
        const key = stem(member);
        const earlier = owner.get(key);
        if (earlier && earlier !== name) clashes.push(`${member} (${key}) is in "${earlier}" and "${name}"`);
        else owner.set(key, name!);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('the analyzer', () => {
  const analyzer = new Analyzer([{ canonical: 'starmer', terms: ['keir starmer', 'prime minister', 'pm'] }]);
  const terms = (text: string) => analyzer.analyze(text).map((t) => t.term);

  it.each([
    ["Who's the PM?", ['?who', 'starmer']],
    ['Who is Keir Starmer?', ['?who', 'starmer']],
    ['Why was he JAILED?', ['?why', 'prison']],
    ['how many years', ['?count', 'year']],
    ['what did the U.S. billionaire tweet', ['usa', stem('billionaire'), 'say']],
    ['Zoë’s café', ['zoe', stem('cafe')]],
  ])('reads %j as %j', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });
});
