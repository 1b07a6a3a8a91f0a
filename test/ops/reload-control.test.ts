import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReloadReport } from '../../src/core/knowledge/store.js';
import { findRunningBot, logReload, PID_FILE, readReloadReport, removePidFile, writePidFile, writeReloadReport } from '../../src/ops/reload-control.js';
import { captureLogger, LEVEL } from '../helpers/capture-logger.js';

const dataDir = () => mkdtemp(path.join(tmpdir(), 'storybot-data-'));
const at = new Date('2025-01-05T10:00:00.000Z');
const report = (over: Partial<ReloadReport> = {}): ReloadReport => ({
  ok: true, keptPrevious: false, added: ['new-one'], removed: [], changed: ['old-one'], warnings: [], errors: [],
  entries: 64, drafts: 2, sources: 1, durationMs: 12.3, startedAt: at, finishedAt: at, loadedAt: at, ...over,
});

describe('finding the running bot', () => {
  it('finds this process from the pid file it wrote', async () => {
    const dir = await dataDir();
    writePidFile(dir);
    expect(findRunningBot(dir)).toEqual({ ok: true, pid: process.pid });
  });

  it.each([
    ['there is no pid file', async (_dir: string) => undefined, /does not exist/],
    ['the pid file is not one', async (dir: string) => writeFile(path.join(dir, PID_FILE), 'hello'), /not a StoryBot pid file/],
    ['the process has ended', async (dir: string) => {
      const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      await writeFile(path.join(dir, PID_FILE), JSON.stringify({ pid: Number(ended.stdout), cmdline: null, startedAt: at }));
    }, /no longer running/],
    ['the pid now belongs to another program', async (dir: string) => {
      await writeFile(path.join(dir, PID_FILE), JSON.stringify({ pid: process.pid, cmdline: 'some-other-program\0', startedAt: at }));
    }, /belongs to another program/],
  ])('says why not when %s', async (_, setUp, problem) => {
    const dir = await dataDir();
    await setUp(dir);
    const found = findRunningBot(dir);
    expect(found.ok).toBe(false);
    if (!found.ok) expect(found.problem).toMatch(problem);
  });

  it('removes the pid file on the way out only if it is still this process’s', async () => {
    const dir = await dataDir();
    await writeFile(path.join(dir, PID_FILE), JSON.stringify({ pid: 1, cmdline: null, startedAt: at }));
    removePidFile(dir);
    expect(existsSync(path.join(dir, PID_FILE))).toBe(true);
    writePidFile(dir);
    removePidFile(dir);
    expect(existsSync(path.join(dir, PID_FILE))).toBe(false);
  });
});

describe('the reload report', () => {
  it('is read back as it was written, dates included', async () => {
    const dir = await dataDir();
    writeReloadReport(dir, report());
    expect(readReloadReport(dir)).toEqual(report());
    expect(JSON.parse(await readFile(path.join(dir, 'last-reload.json'), 'utf8')).startedAt).toBe(at.toISOString());
  });

  it('is logged once per reload, a failure at error level with every problem', () => {
    const { logger, lines } = captureLogger();
    logReload(logger, report());
    const problem = { code: 'yaml-syntax' as const, severity: 'error' as const, file: 'knowledge/entries/a.yaml', line: 3, message: 'is not valid YAML: oops' };
    logReload(logger, report({ ok: false, keptPrevious: true, added: [], changed: [], errors: [problem] }));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [LEVEL.info, 'knowledge reloaded'],
      [LEVEL.error, 'knowledge reload failed; still serving the previous knowledge base'],
    ]);
    expect(lines[0]).toMatchObject({ added: ['new-one'], changed: ['old-one'] });
    expect(lines[1]!.errors).toEqual(['error knowledge/entries/a.yaml:3 is not valid YAML: oops']);
  });
});
