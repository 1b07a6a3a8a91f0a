import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeLoadError, KnowledgeStore } from '../../../src/core/knowledge/store.js';
import { copyOfRealKnowledge, entryYaml, makeKnowledgeDir } from '../../helpers/knowledge-dir.js';

describe('the knowledge store', () => {
  it('refuses to open an invalid knowledge base, listing the problems', async () => {
    const dir = await makeKnowledgeDir({ 'a.yaml': entryYaml('x', 'Q?').replace('paragraph: 13', 'paragraph: 40') });
    await expect(KnowledgeStore.open(dir)).rejects.toBeInstanceOf(KnowledgeLoadError);
  });

  it('reports entries added, removed and changed on reload', async () => {
    const dir = await makeKnowledgeDir({ 'a.yaml': `${entryYaml('keep', 'Keep me?')}\n${entryYaml('drop', 'Drop me?')}` });
    const store = await KnowledgeStore.open(dir);
    await writeFile(path.join(dir, 'entries', 'a.yaml'), `${entryYaml('keep', 'Keep me, changed?')}\n${entryYaml('new-one', 'New question?')}`);
    const report = await store.reload();
    expect(report).toMatchObject({ ok: true, keptPrevious: false, added: ['new-one'], removed: ['drop'], changed: ['keep'] });
  });

  it.each([
    ['invalid YAML', 'entries/a.yaml', '- id: [oops\n'],
    ['a quote not in the story', 'entries/a.yaml', entryYaml('bad', 'Bad?').replace('contempt of court', 'contempt of the senate')],
    ['a colliding phrasing', 'entries/z.yaml', entryYaml('dup', 'who is tommy robinson')],
  ])('keeps serving the old knowledge base after a reload with %s', async (_, file, text) => {
    const dir = await copyOfRealKnowledge();
    const store = await KnowledgeStore.open(dir);
    const before = store.ask('Who is Tommy Robinson?');
    await writeFile(path.join(dir, file), text);
    const report = await store.reload();
    expect(report.ok).toBe(false);
    expect(report.keptPrevious).toBe(true);
    expect(report.errors.length).toBeGreaterThan(0);
    expect(store.ask('Who is Tommy Robinson?')).toEqual(before);
  });

  it('runs reloads one after another, never at once', async () => {
    const dir = await makeKnowledgeDir({ 'a.yaml': entryYaml('one', 'First?') });
    const store = await KnowledgeStore.open(dir);
    const order: string[] = [];
    store.onReload((r) => order.push(r.added.join(',') || 'none'));
    const first = store.reload();
    expect(store.reloading).toBe(true);
    // Written after the first reload started: only the second may see it.
    await appendFile(path.join(dir, 'entries', 'a.yaml'), `\n${entryYaml('two', 'Second?')}`);
    const second = store.reload();
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok && b.ok).toBe(true);
    expect(b.startedAt.getTime()).toBeGreaterThanOrEqual(a.finishedAt.getTime());
    expect(order).toHaveLength(2);
    expect(store.reloading).toBe(false);
    expect(store.current().index.entry('two')).toBeDefined();
    expect(await readFile(path.join(dir, 'entries', 'a.yaml'), 'utf8')).toContain('two');
  });

  it('lets a question that started on the old index finish on it', async () => {
    const dir = await makeKnowledgeDir({ 'a.yaml': entryYaml('old', 'Old question?') });
    const store = await KnowledgeStore.open(dir);
    const snapshot = store.current();
    await writeFile(path.join(dir, 'entries', 'a.yaml'), entryYaml('new', 'New question?'));
    await store.reload();
    expect(snapshot.index.entry('old')).toBeDefined();
    expect(store.current().index.entry('old')).toBeUndefined();
  });
});
