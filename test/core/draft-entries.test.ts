import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCorrections, draftEntries, draftsYaml, slug } from '../../src/core/curation/draft-entries.js';
import type { DeclinedGroup } from '../../src/core/curation/gaps.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import type { Entry } from '../../src/core/knowledge/types.js';
import { copyOfRealKnowledge } from '../helpers/knowledge-dir.js';

const when = new Date('2025-01-05T10:00:00Z');
const group = (...phrasings: string[]): DeclinedGroup => ({ question: phrasings[0]!, phrasings, count: phrasings.length, firstSeen: when, lastSeen: when });
const existing = (id: string, question: string, alternates: string[] = []): Entry => ({
  id, question, alternates, answer: 'a', citations: [], tags: [], related: [], status: 'published', origin: { file: 'x.yaml' },
});

describe('draft entries from declined questions', () => {
  it.each([
    ["What is Wes Streeting's majority?", 'wes-streeting-majority'],
    ['  Zoë — café?? ', 'zoe-cafe'],
    ['Что это?', 'unanswered-question'],
    ['Who is he?', 'who-is-he'],
    ['a'.repeat(80), 'a'.repeat(40)],
    ['how many years were the conservatives in power before labour won the 2024 general election', 'years-conservatives-power-before-labour'],
  ])('makes the id of %j %j', (question, id) => {
    expect(slug(question)).toBe(id);
    expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('turns each group into one draft: its first wording the question, the others alternates', () => {
    const drafts = draftEntries([group('Who is Wes Streeting’s boss?', 'streeting boss'), group('capital of peru')], []);
    expect(drafts).toEqual([
      { id: 'wes-streeting-boss', status: 'draft', question: 'Who is Wes Streeting’s boss?', alternates: ['streeting boss'], answer: '', citations: [] },
      { id: 'capital-peru', status: 'draft', question: 'capital of peru', alternates: [], answer: '', citations: [] },
    ]);
  });

  it('skips wordings an entry already has, promoting the next one to question, and drops a group with none left', () => {
    const drafts = draftEntries([group('Who is Jess Phillips?', 'jess phillips job'), group('WHO IS TOMMY ROBINSON')], [existing('jp', 'Who is Jess Phillips?'), existing('tr', 'x?', ['who is tommy robinson'])]);
    expect(drafts.map((d) => [d.question, d.alternates])).toEqual([['jess phillips job', []]]);
  });

  it('never reuses an id, whether an entry has it or an earlier draft took it', () => {
    // Letters outside a-z leave the id, so these differ as questions but not as ids.
    const drafts = draftEntries([group('capital of peru?'), group('capital of peru, Лима?'), group('capital of peru Ж')], [existing('capital-peru', 'Something else?')]);
    expect(drafts.map((d) => d.id)).toEqual(['capital-peru-2', 'capital-peru-3', 'capital-peru-4']);
  });

  it('asks the corrected question and keeps the words as asked as its first alternate', () => {
    const correct = (q: string) => q.replace('Strarmer', 'Starmer');
    const drafts = draftEntries([group('Where was Strarmer born?', 'strarmer birthplace'), group('capital of peru')], [], correct);
    expect(drafts.map((d) => [d.id, d.question, d.alternates])).toEqual([
      ['starmer-born', 'Where was Starmer born?', ['Where was Strarmer born?', 'strarmer birthplace']],
      ['capital-peru', 'capital of peru', []],
    ]);
  });

  it('keeps the question as asked when its corrected form already belongs to an entry', () => {
    const drafts = draftEntries([group('Who is Tommy Robinsen?')], [existing('tr', 'Who is Tommy Robinson?')], (q) => q.replace('Robinsen', 'Robinson'));
    expect(drafts.map((d) => [d.question, d.alternates])).toEqual([['Who is Tommy Robinsen?', []]]);
  });

  it.each([
    ["What did Strarmer's office say?", [{ typed: 'strarmer', corrected: 'starmer' }], "What did Starmer's office say?"],
    ['grroming gangs, grroming', [{ typed: 'grroming', corrected: 'grooming' }], 'grooming gangs, grooming'],
    ['Ungrroming stays', [{ typed: 'grroming', corrected: 'grooming' }], 'Ungrroming stays'],
    ['Who is Jess Philips?', [{ typed: 'philips', corrected: 'phillips' }], 'Who is Jess Phillips?'],
  ])('corrects %j word for word, keeping capitals and punctuation', (question, corrections, expected) => {
    expect(applyCorrections(question, corrections)).toBe(expected);
  });

  it('writes YAML that the loader reads back as the same drafts, validated and not served', async () => {
    const tricky = group('What is "two-tier" policing: really?', '- is it #real', 'yes', '1234 what', "it's Musk's: ‘view’");
    const drafts = draftEntries([tricky, group('What is the capital of Peru?')], []);
    const dir = await copyOfRealKnowledge({ 'drafts.yaml': draftsYaml(drafts, 'Staged by a test.\nFill in the answers.') });

    const loaded = await loadKnowledge(dir);
    expect(loaded.ok, JSON.stringify(!loaded.ok && loaded.problems)).toBe(true);
    if (!loaded.ok) return;
    const read = loaded.knowledge.entries.filter((e) => e.origin.file.endsWith('drafts.yaml'));
    expect(read.map(({ id, status, question, alternates, answer, citations }) => ({ id, status, question, alternates, answer, citations }))).toEqual(drafts);

    const store = await KnowledgeStore.open(dir);
    for (const draft of drafts) {
      expect(store.answerEntry(draft.id)).toBeUndefined();
      const result = store.ask(draft.question);
      expect(result.answered && result.entry.id === draft.id).toBe(false);
    }
  });

  it('puts the comment above the list, so curators see what to do', () => {
    const yaml = draftsYaml(draftEntries([group('capital of peru')], []), 'Line one.\nLine two.');
    expect(yaml.split('\n').slice(0, 2)).toEqual(['# Line one.', '# Line two.']);
  });

  it('fails the loader when a staged draft claims a published wording, which is why those are skipped', async () => {
    const clash = draftsYaml([{ id: 'dup', status: 'draft', question: 'Who is Tommy Robinson?', alternates: [], answer: '', citations: [] }], 'x');
    const dir = await copyOfRealKnowledge();
    await writeFile(path.join(dir, 'entries', 'drafts.yaml'), clash);
    const loaded = await loadKnowledge(dir);
    expect(loaded.ok).toBe(false);
  });
});
