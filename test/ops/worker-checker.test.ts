import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInProcess } from '../../src/core/knowledge/checked.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { DEFAULT_ENGINE_CONFIG } from '../../src/core/search/config.js';
import { checkInWorker } from '../../src/ops/worker-checker.js';
import { copyOfRealKnowledge, entryYaml, REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

const options = { config: DEFAULT_ENGINE_CONFIG };

describe('checking a knowledge base in a worker thread', () => {
  it('brings back the same knowledge as checking in this thread', async () => {
    const [inWorker, here] = await Promise.all([checkInWorker(REAL_KNOWLEDGE, options), checkInProcess(REAL_KNOWLEDGE, options)]);
    expect(inWorker.ok && here.ok).toBe(true);
    if (!inWorker.ok || !here.ok) return;
    expect(inWorker.knowledge.entries.map((e) => e.id)).toEqual(here.knowledge.entries.map((e) => e.id));
    expect([...inWorker.fingerprints]).toEqual([...here.fingerprints]);
    expect(inWorker.knowledge.statements.length).toBe(here.knowledge.statements.length);
    expect(inWorker.knowledge.calibration).toEqual(here.knowledge.calibration);
    // The worker's index stays in the worker: the store builds its own.
    expect(inWorker.index).toBeUndefined();
  });

  it('reports every problem of a broken base, as the checks in this thread do', async () => {
    const dir = await copyOfRealKnowledge({ 'broken.yaml': entryYaml('who-is-musk-again', 'Who is Elon Musk?') });
    const result = await checkInWorker(dir, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toContain('duplicate-phrasing');
  });

  it('says a folder that cannot be read cannot be loaded, and does not throw', async () => {
    const result = await checkInWorker(path.join(REAL_KNOWLEDGE, 'no-such-folder'), options);
    expect(result.ok).toBe(false);
  });

  it('reloads a store through the worker, answering questions from the old base until the new one is in', async () => {
    const dir = await copyOfRealKnowledge();
    const store = await KnowledgeStore.open(dir, { reloadChecker: checkInWorker });
    await writeFile(path.join(dir, 'entries', 'extra.yaml'), entryYaml('extra-question', 'Extra question about the story?'));
    const reload = store.reload();
    expect(store.ask('Who is Tommy Robinson?').kind).toBe('answer');
    const report = await reload;
    expect(report).toMatchObject({ ok: true, added: ['extra-question'], removed: [], changed: [] });
    expect(store.answerEntry('extra-question')).toBeDefined();
  });
});
