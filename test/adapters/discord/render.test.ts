// The pure parts of the Discord rendering: cutting text to Discord's limits without breaking
// it, and making echoed text inert.
import { describe, expect, it } from 'vitest';
import { embedLength, fit, fitEmbed, linesWithin } from '../../../src/adapters/discord/limits.js';
import { inert } from '../../../src/adapters/discord/markup.js';
import { renderGaps, renderReload } from '../../../src/adapters/discord/render.js';
import type { ReloadReport } from '../../../src/core/knowledge/store.js';
import type { Problem } from '../../../src/core/knowledge/problems.js';

describe('fitting text to a limit', () => {
  it.each([
    ['leaves text within the limit alone', 'short', 10, 'short'],
    ['cuts with an ellipsis', 'abcdefghij', 5, 'abcd…'],
    ['does not split an emoji made of two UTF-16 units', 'abc😀def', 5, 'abc…'],
    ['does not leave a backslash escaping the ellipsis', 'ab\\*cd', 4, 'ab…'],
    ['keeps an escaped backslash whole', 'a\\\\bcdef', 4, 'a\\\\…'],
  ])('%s', (_, text, max, expected) => {
    expect(fit(text, max)).toBe(expected);
    expect(fit(text, max).length).toBeLessThanOrEqual(max);
  });

  it('lists lines until the budget, then counts the rest', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `problem number ${i}`);
    const text = linesWithin(lines, 200, (n) => `…and ${n} more`);
    expect(text.length).toBeLessThanOrEqual(200);
    const kept = text.split('\n');
    expect(kept.at(-1)).toBe(`…and ${lines.length - (kept.length - 1)} more`);
    expect(kept.slice(0, -1)).toEqual(lines.slice(0, kept.length - 1));
  });

  it('shortens a first line too long on its own rather than dropping it', () => {
    expect(linesWithin(['x'.repeat(500)], 100, (n) => `…and ${n} more`)).toBe(`${'x'.repeat(99)}…`);
  });
});

describe('fitting an embed', () => {
  it.each([
    ['a long description', { description: 'd'.repeat(5000) }],
    ['too many fields', { fields: Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, value: 'v' })) }],
    ['long field values', { fields: [{ name: 'n', value: 'v'.repeat(3000) }] }],
    ['parts within their limits but over 6,000 together', { title: 't'.repeat(256), description: 'd'.repeat(4096), fields: Array.from({ length: 10 }, () => ({ name: 'n'.repeat(200), value: 'v'.repeat(1024) })) }],
  ])('keeps %s within every limit', (_, embed) => {
    const fitted = fitEmbed(embed);
    expect(embedLength(fitted)).toBeLessThanOrEqual(6000);
    expect(fitted.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(fitted.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const field of fitted.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
  });

  it('leaves an embed within the limits unchanged', () => {
    const embed = { title: 'Q', description: 'A', fields: [{ name: '¶1', value: '> quote' }], footer: { text: 'as of 2025-01-03' } };
    expect(fitEmbed(embed)).toEqual(embed);
  });
});

describe('inert text', () => {
  it.each([
    ['@everyone', /@everyone/],
    ['@here', /@here/],
    ['<@123456789012345678>', /<@\d+>/],
    ['<@&123456789012345678>', /<@&\d+>/],
    ['<#123456789012345678>', /<#\d+>/],
    ['</ask:123456789012345678>', /<\/ask:\d+>/],
    ['**bold**', /(?<!\\)\*\*bold/],
    ['`code`', /(?<!\\)`code/],
    ['||spoiler||', /(?<!\\)\|\|spoiler/],
    ['# heading', /^# /m],
    ['[link](https://example.invalid)', /(?<!\\)\[link\]\(/],
  ])('keeps %j from rendering as markup', (text, live) => {
    const shown = inert(text);
    expect(shown).not.toMatch(live);
    expect(shown.replaceAll('\u200B', '').replace(/\\(.)/g, '$1')).toBe(text);
  });
});

describe('the /reload report', () => {
  const problem = (i: number): Problem => ({ code: 'schema', severity: 'error', file: `entries/file-${i}.yaml`, line: i + 1, field: 'question', message: `is wrong in way number ${i} `.repeat(5) });
  const report = (errors: Problem[]): ReloadReport => ({
    ok: false, keptPrevious: true, added: [], removed: [], changed: [], warnings: [], errors,
    entries: 66, drafts: 0, sources: 1, durationMs: 12, startedAt: new Date(), finishedAt: new Date(), loadedAt: new Date(0),
  });

  it('lists as many problems as fit and counts the rest', () => {
    const [embed] = renderReload(report(Array.from({ length: 200 }, (_, i) => problem(i)))).embeds!;
    expect(embed!.description!.length).toBeLessThanOrEqual(4096);
    expect(embed!.description).toContain('entries/file-0.yaml:1');
    expect(embed!.description).toMatch(/…and \d+ more$/);
  });
});

describe('the gap report', () => {
  it('lists declined questions inert, unhelpful answers and unmatched entries, and says "none" for an empty list', () => {
    const day = new Date('2025-01-04T00:00:00Z');
    const [embed] = renderGaps({
      declined: [{ question: '@everyone what about **x**', phrasings: [], count: 3, firstSeen: day, lastSeen: day }],
      unhelpful: [],
      neverMatched: [{ entryId: 'what-is-edl', question: 'What is the English Defence League?' }],
    }).embeds!;
    // With the days and counts the other platforms give, in the same words.
    expect(embed!.fields!.map((f) => f.value)).toEqual(['3× @\u200Beveryone what about \\*\\*x\\*\\* (first 2025-01-04, last 2025-01-04)', 'none', 'what-is-edl: What is the English Defence League?']);
  });
});
