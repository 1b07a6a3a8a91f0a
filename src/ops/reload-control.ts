// How `npm run reload` reaches a running bot: the bot keeps its pid in DATA_DIR and reloads
// on SIGHUP; after every reload, whatever asked for it, it writes the report beside the pid
// so the command can print what happened.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KnowledgeStore, ReloadReport } from '../core/knowledge/store.js';
import { formatProblem } from '../core/knowledge/problems.js';
import type { Logger } from '../logger.js';

export const PID_FILE = 'storybot.pid';
export const REPORT_FILE = 'last-reload.json';

interface PidFile {
  pid: number;
  /** Its command line where /proc shows it, to tell it from a later process that reused the pid. */
  cmdline: string | null;
  startedAt: string;
}

export function writePidFile(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const record: PidFile = { pid: process.pid, cmdline: readCmdline(process.pid), startedAt: new Date().toISOString() };
  writeAtomically(path.join(dataDir, PID_FILE), JSON.stringify(record));
}

/** Removes the pid file if it is still this process's: a newer bot may have replaced it. */
export function removePidFile(dataDir: string): void {
  const file = path.join(dataDir, PID_FILE);
  if (readPid(file)?.pid === process.pid) rmSync(file, { force: true });
}

export type RunningBot = { ok: true; pid: number } | { ok: false; problem: string };

export function findRunningBot(dataDir: string): RunningBot {
  const file = path.join(dataDir, PID_FILE);
  if (!existsSync(file)) return { ok: false, problem: `no StoryBot is running with DATA_DIR=${dataDir} (${file} does not exist)` };
  const record = readPid(file);
  if (!record) return { ok: false, problem: `${file} is not a StoryBot pid file` };
  try {
    process.kill(record.pid, 0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return { ok: false, problem: `the StoryBot recorded in ${file} (pid ${record.pid}) is no longer running` };
    return { ok: false, problem: `cannot signal pid ${record.pid} (${code ?? String(error)}); run this as the user running the bot` };
  }
  if (record.cmdline !== null && readCmdline(record.pid) !== record.cmdline) {
    return { ok: false, problem: `pid ${record.pid} from ${file} now belongs to another program; the bot that wrote it has stopped` };
  }
  return { ok: true, pid: record.pid };
}

export function writeReloadReport(dataDir: string, report: ReloadReport): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeAtomically(path.join(dataDir, REPORT_FILE), JSON.stringify(report));
}

export function readReloadReport(dataDir: string): ReloadReport | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, REPORT_FILE), 'utf8'), (key, value) =>
      ['startedAt', 'finishedAt', 'loadedAt'].includes(key) && typeof value === 'string' ? new Date(value) : value,
    ) as ReloadReport;
  } catch {
    return undefined;
  }
}

/**
 * Every reload (/reload, SIGHUP, watch mode) is logged, and its report kept in dataDir for
 * npm run reload. Neither may fail the reload itself.
 */
export function reportReloads(store: Pick<KnowledgeStore, 'onReload'>, logger: Logger, dataDir: string, options: { shownOnConsole?: boolean } = {}): void {
  store.onReload(function reportReload(report) {
    logReload(logger, report, options.shownOnConsole);
    try {
      writeReloadReport(dataDir, report);
    } catch (error) {
      logger.warn({ message: (error as Error).message }, 'could not write the reload report for npm run reload');
    }
  });
}

/**
 * One log line per reload, whatever triggered it; a failed one lists every problem. When the
 * local console prints the report itself, a failure is logged at info, below what the
 * console shows, so the readable report is not followed by the same in raw JSON.
 */
export function logReload(logger: Logger, report: ReloadReport, shownOnConsole = false): void {
  const summary = { entries: report.entries, drafts: report.drafts, added: report.added, removed: report.removed, changed: report.changed, ms: Math.round(report.durationMs) };
  const warnings = report.warnings.map(formatProblem);
  if (report.ok) logger.info({ ...summary, warnings }, 'knowledge reloaded');
  else logger[shownOnConsole ? 'info' : 'error']({ ...summary, errors: report.errors.map(formatProblem), warnings }, 'knowledge reload failed; still serving the previous knowledge base');
}

function readCmdline(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return null;
  }
}

function readPid(file: string): PidFile | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<PidFile>;
    return Number.isInteger(record.pid) && (record.pid ?? 0) > 0 ? (record as PidFile) : undefined;
  } catch {
    return undefined;
  }
}

// Readers never see a half-written file: write aside, then rename over.
function writeAtomically(file: string, text: string): void {
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, text, { mode: 0o600 });
  renameSync(draft, file);
}
