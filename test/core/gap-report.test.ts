import { describe, expect, it } from 'vitest';
import { buildGapReport, catalogueOf, type Catalogue, type GapInputs } from '../../src/core/curation/gap-report.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { copyOfRealKnowledge } from '../helpers/knowledge-dir.js';

const when = new Date('2025-01-05T10:00:00Z');
const catalogue: Catalogue = {
  entries: () => [
    { id: 'a', question: 'Question A?' },
    { id: 'b', question: 'Question B?' },
    { id: 'c', question: 'Question C?' },
  ],
  aliases: () => [],
  termsOf: (text) => text.toLowerCase().split(/\W+/).filter(Boolean),
};
const none: GapInputs = { declined: [], votes: [], matched: new Set() };

describe('the gap report', () => {
  it('lists answers with unhelpful votes, most unhelpful first, with both counts and the question', () => {
    const report = buildGapReport({ ...none, votes: [{ entryId: 'a', helpful: 9, unhelpful: 2 }, { entryId: 'b', helpful: 0, unhelpful: 2 }, { entryId: 'c', helpful: 4, unhelpful: 0 }] }, catalogue, 10);
    expect(report.unhelpful).toEqual([
      { entryId: 'b', question: 'Question B?', helpful: 0, unhelpful: 2 },
      { entryId: 'a', question: 'Question A?', helpful: 9, unhelpful: 2 },
    ]);
  });

  it('leaves out votes for entries no longer in the knowledge base', () => {
    const report = buildGapReport({ ...none, votes: [{ entryId: 'gone', helpful: 0, unhelpful: 5 }] }, catalogue, 10);
    expect(report.unhelpful).toEqual([]);
  });

  it('lists the entries no logged question was answered with, in knowledge-base order', () => {
    const report = buildGapReport({ ...none, matched: new Set(['b']) }, catalogue, 10);
    expect(report.neverMatched).toEqual([
      { entryId: 'a', question: 'Question A?' },
      { entryId: 'c', question: 'Question C?' },
    ]);
  });

  it('keeps each list to the limit', () => {
    const declined = ['one thing', 'two things', 'three things'].map((question, i) => ({ question: `${question} ${i}`, count: 3 - i, firstSeen: when, lastSeen: when }));
    const report = buildGapReport({ declined, votes: ['a', 'b', 'c'].map((entryId) => ({ entryId, helpful: 0, unhelpful: 1 })), matched: new Set() }, catalogue, 2);
    expect([report.declined.length, report.unhelpful.length, report.neverMatched.length]).toEqual([2, 2, 2]);
    expect(report.declined[0]?.count).toBe(3);
  });

  it('reads the catalogue of the knowledge base being served, without drafts', async () => {
    const store = await KnowledgeStore.open(await copyOfRealKnowledge({ 'drafts.yaml': '- id: staged\n  question: Staged question?\n  status: draft\n' }));
    const ids = catalogueOf(store).entries().map((e) => e.id);
    expect(ids).toContain('who-is-tommy-robinson');
    expect(ids).not.toContain('staged');
    // Story aliases apply, so "the PM" and "Keir Starmer" group together.
    expect(catalogueOf(store).termsOf('Who is the PM?')).toEqual(catalogueOf(store).termsOf('Who is Keir Starmer?'));
  });
});
