import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { runCommand } from '../../src/core/answering/command.js';
import { answerChosen } from '../../src/core/conversation/interactions.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { notRecording } from '../../src/core/answering/recorder.js';
import { copyOfRealKnowledge, entryYaml } from '../helpers/knowledge-dir.js';

// A staged entry with a question no published entry is near, and no answer yet.
const DRAFT = ['- id: peru-capital', '  status: draft', '  question: What is the capital of Peru?', '  alternates: [peru capital city]'].join('\n');

async function storeWithDraft(draft = DRAFT): Promise<KnowledgeStore> {
  return KnowledgeStore.open(await copyOfRealKnowledge({ 'drafts.yaml': draft }));
}

describe('draft entries', () => {
  it('are validated like published ones: a draft citing a paragraph that does not exist is an error', async () => {
    const dir = await copyOfRealKnowledge({ 'drafts.yaml': entryYaml('bad-draft', 'Staged?', '  status: draft').replace('paragraph: 13', 'paragraph: 40') });
    const loaded = await loadKnowledge(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.map((p) => p.code)).toContain('paragraph-out-of-range');
  });

  it('may leave out the answer and citations, which a published entry may not', async () => {
    const loaded = await loadKnowledge(await copyOfRealKnowledge({ 'drafts.yaml': DRAFT }));
    expect(loaded.ok).toBe(true);
  });

  it.each([
    ['its own question', 'What is the capital of Peru?'],
    ['an alternate', 'peru capital city'],
  ])('are never the answer, even to %s', async (_, question) => {
    const store = await storeWithDraft();
    const result = store.ask(question);
    expect(result.answered && result.entry.id).not.toBe('peru-capital');
    if (!result.answered) expect(result.suggestions.map((s) => s.id)).not.toContain('peru-capital');
  });

  it('are not reachable by id, by autocomplete, or by a button naming them', async () => {
    const store = await storeWithDraft();
    expect(store.answerEntry('peru-capital')).toBeUndefined();
    expect(store.complete('capital of peru', 25).map((r) => r.id)).not.toContain('peru-capital');
    expect(answerChosen({ store, recorder: notRecording, startedAt: new Date() }, { platform: 'discord', userId: '1' }, 'peru-capital')).toBeUndefined();
  });

  it('are counted apart from published entries by /about and by a reload', async () => {
    const store = await storeWithDraft();
    const published = store.current().index.entries.length;
    const about = await runCommand(commands.find((c) => c.data.name === 'about')!, { store, recorder: notRecording, startedAt: new Date() }, { platform: 'console', user: { id: 'c', isAdmin: true }, options: {} });
    expect(about.kind === 'about' && [about.about.entries, about.about.drafts]).toEqual([published, 1]);
    const report = await store.reload();
    expect([report.entries, report.drafts]).toEqual([published, 1]);
  });

  it('start being served once a curator publishes them and reloads', async () => {
    const dir = await copyOfRealKnowledge({ 'drafts.yaml': DRAFT });
    const store = await KnowledgeStore.open(dir);
    await writeFile(path.join(dir, 'entries', 'drafts.yaml'), entryYaml('peru-capital', 'What is the capital of Peru?'));
    const report = await store.reload();
    expect(report).toMatchObject({ ok: true, changed: ['peru-capital'], drafts: 0 });
    expect(store.answerEntry('peru-capital')).toBeDefined();
  });
});
