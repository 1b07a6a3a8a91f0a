import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KnowledgeStore, type ReloadReport } from '../../src/core/knowledge/store.js';
import { watchKnowledge, type KnowledgeWatcher, type Watch } from '../../src/ops/knowledge-watch.js';
import { readReloadReport, reportReloads } from '../../src/ops/reload-control.js';
import { captureLogger, LEVEL } from '../helpers/capture-logger.js';
import { copyOfRealKnowledge, entryYaml } from '../helpers/knowledge-dir.js';

let watcher: KnowledgeWatcher | undefined;
afterEach(() => {
  watcher?.close();
  vi.useRealTimers();
});

/** The first reload report after now that passes the check; editors may cause several. */
function reportWhere(store: KnowledgeStore, check: (report: ReloadReport) => boolean): Promise<ReloadReport> {
  return new Promise((resolve) => store.onReload((report) => check(report) && resolve(report)));
}

describe('watch mode', () => {
  it('reloads a valid change to the files on its own, and ignores an invalid one, logging it and serving on', async () => {
    const dir = await copyOfRealKnowledge();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-data-'));
    const store = await KnowledgeStore.open(dir);
    const { logger, lines } = captureLogger();
    reportReloads(store, logger, dataDir);
    watcher = watchKnowledge({ store, logger, debounceMs: 50 });

    const added = reportWhere(store, (r) => r.added.includes('watched-entry'));
    await writeFile(path.join(dir, 'entries', 'watched.yaml'), entryYaml('watched-entry', 'What does watch mode pick up?'));
    expect(await added).toMatchObject({ ok: true });
    expect(store.answerEntry('watched-entry')).toBeDefined();

    const served = store.current();
    const rejected = reportWhere(store, (r) => !r.ok);
    await writeFile(path.join(dir, 'entries', 'watched.yaml'), '- id: [not yaml\n');
    expect((await rejected).errors.map((p) => p.code)).toContain('yaml-syntax');
    expect(store.current()).toBe(served);
    expect(store.answerEntry('watched-entry')).toBeDefined();

    const logged = lines.find((l) => l.level === LEVEL.error && l.msg.includes('reload failed'));
    expect(logged?.errors).toEqual([expect.stringContaining('watched.yaml')]);
    expect(readReloadReport(dataDir)).toMatchObject({ ok: false, keptPrevious: true });
  });

  describe('debouncing', () => {
    function fakeWatch() {
      const events: { change?: (file: string | null) => void; error?: (error: Error) => void; closed: boolean } = { closed: false };
      const watch: Watch = (_dir, onChange, onError) => {
        events.change = onChange;
        events.error = onError;
        return { close: () => void (events.closed = true) };
      };
      return { watch, events };
    }

    function setUp() {
      vi.useFakeTimers();
      const reloads: number[] = [];
      const store = { dir: 'knowledge', reload: async () => (reloads.push(Date.now()), {} as ReloadReport) };
      const { watch, events } = fakeWatch();
      const capture = captureLogger();
      watcher = watchKnowledge({ store, logger: capture.logger, debounceMs: 300, watch });
      return { reloads, events, ...capture };
    }

    it('turns a burst of changes into one reload, once the files have been quiet for a while', () => {
      const { reloads, events } = setUp();
      for (const file of ['entries/a.yaml', 'entries/a.yaml', 'entries/b.yml', 'sources/story.txt']) {
        events.change!(file);
        vi.advanceTimersByTime(100);
      }
      expect(reloads).toHaveLength(0);
      vi.advanceTimersByTime(300);
      expect(reloads).toHaveLength(1);
    });

    it.each([['entries/.a.yaml.swp'], ['entries/a.yaml~'], ['notes.md']])('ignores a change to %s, which is not knowledge', (file) => {
      const { reloads, events } = setUp();
      events.change!(file);
      vi.advanceTimersByTime(1_000);
      expect(reloads).toHaveLength(0);
    });

    it('reloads when the platform does not say which file changed', () => {
      const { reloads, events } = setUp();
      events.change!(null);
      vi.advanceTimersByTime(1_000);
      expect(reloads).toHaveLength(1);
    });

    it('drops a pending reload when closed, and stops watching', () => {
      const { reloads, events } = setUp();
      events.change!('entries/a.yaml');
      watcher!.close();
      vi.advanceTimersByTime(1_000);
      expect(reloads).toHaveLength(0);
      expect(events.closed).toBe(true);
    });

    it('logs a watcher failure with what to do instead', () => {
      const { events, lines } = setUp();
      events.error!(new Error('ENOSPC: System limit for number of file watchers reached'));
      expect(lines.find((l) => l.level === LEVEL.error)).toMatchObject({ msg: expect.stringContaining('npm run reload'), message: expect.stringContaining('ENOSPC') });
    });
  });
});
