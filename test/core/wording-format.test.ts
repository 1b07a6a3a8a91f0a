import { describe, expect, it } from 'vitest';
import { describeSource } from '../../src/core/wording/describe.js';
import { count, listOf, paragraphLabel, quotation, relativeTime } from '../../src/core/wording/format.js';
import { MESSAGES } from '../../src/core/wording/messages.js';

const now = new Date('2025-01-05T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('shared wording', () => {
  it.each([
    [0, 'just now'],
    [9, 'just now'],
    [45, '45 seconds ago'],
    [60, '1 minute ago'],
    [3 * 60 + 20, '3 minutes ago'],
    [2 * 3600, '2 hours ago'],
    [86_400, '1 day ago'],
    [9 * 86_400, '9 days ago'],
    [-120, 'in 2 minutes'],
  ])('says a time %i seconds ago as %j', (seconds, expected) => {
    expect(relativeTime(ago(seconds), now)).toBe(expected);
  });

  it.each([
    [0, 'draft', '0 drafts'],
    [1, 'draft', '1 draft'],
    [2, 'draft', '2 drafts'],
    [1200, 'phrasing', '1,200 phrasings'],
  ])('counts %i %s as %j', (n, noun, expected) => {
    expect(count(n, noun)).toBe(expected);
  });

  it.each([
    [['URL'], 'URL'],
    [['outlet', 'URL'], 'outlet and URL'],
    [['headline', 'outlet', 'URL'], 'headline, outlet and URL'],
  ])('lists %j as %j', (items, expected) => {
    expect(listOf(items)).toBe(expected);
  });

  it.each([
    [13, 'paragraph 13'],
    [[3, 4], 'paragraph 3 or 4'],
  ])('names paragraph %j in words, never with a pilcrow', (paragraph, expected) => {
    expect(paragraphLabel(paragraph)).toBe(expected);
  });

  it.each([
    ['who is serving an 18-month jail term', '“who is serving an 18-month jail term”'],
    ['“So if he wants to work with us and roll his sleeves up, we’d welcome that,” he added.', '‘“So if he wants to work with us and roll his sleeves up, we’d welcome that,” he added.’'],
    ['failing to bring “rape gangs” to justice', '‘failing to bring “rape gangs” to justice’'],
    ['a "straight" quote', '‘a "straight" quote’'],
  ])('quotes %j word for word, without doubled marks', (quote, expected) => {
    const shown = quotation(quote);
    expect(shown).toBe(expected);
    expect(shown).toContain(quote);
    expect(shown).not.toMatch(/““|””|‘‘|’’/);
  });

  it.each([
    [{ headline: null, outlet: null, url: null }, 'Its headline, outlet and URL were not supplied.'],
    [{ headline: 'H', outlet: 'O', url: null }, 'Its URL was not supplied.'],
  ])('says which of the story’s details were never supplied: %j', (missing, sentence) => {
    const text = describeSource({ id: 'story', published: '2025-01-03', ...missing });
    expect(text).toBe(`Story story, dated 2025-01-03. ${sentence}`);
  });

  it.each([
    [MESSAGES.reloaded(68, 1, 1, 120.4), 'Reloaded: 68 entries (1 draft) from 1 source in 120 ms.'],
    [MESSAGES.reloaded(1, 0, 2, 5), 'Reloaded: 1 entry from 2 sources in 5 ms.'],
    [MESSAGES.aboutLoaded('3 minutes ago', '2 days ago'), 'Knowledge loaded 3 minutes ago; running since 2 days ago.'],
    [MESSAGES.aboutCounts(1, 0), '1 curated question.'],
    [MESSAGES.reloadKept(40, '2 hours ago'), 'Still serving the 40 entries loaded 2 hours ago.'],
  ])('counts in whole words: %j', (text, expected) => {
    expect(text).toBe(expected);
  });
});
