// Runs the gap report in a worker thread. Reading months of declined questions and grouping
// them takes seconds of CPU (about 18 s for 220,000 on the main thread), and there every
// answer would wait for it; in a worker, answers go on. From SQLite the worker reads for
// itself (its own connection: WAL lets it read while the bot writes); from a server, the
// log hands it what it read. The catalogue goes as plain data.
import { Worker } from 'node:worker_threads';
import type { EntryRef } from '../core/answering/answer.js';
import { buildGapReport, catalogueFrom, type Catalogue, type GapInputs } from '../core/curation/gap-report.js';
import type { GapReport } from '../core/curation/gaps.js';
import type { AliasGroup } from '../core/knowledge/types.js';
import { openDatabase } from './database.js';
import { GROUPING_BUDGET_MS, MAX_DECLINED_WORDINGS } from './gap-queries.js';
import { sqliteGapInputs } from './sqlite.js';

export interface GapJob {
  /** Where the counts come from: the SQLite log in a DATA_DIR, or counts already read. */
  source: { dataDir: string } | { inputs: GapInputs };
  /** Only what was logged since then counts (ms since the epoch). */
  since: number;
  limit: number;
  entries: EntryRef[];
  aliases: AliasGroup[];
}

export type GapOutcome = { ok: true; report: GapReport } | { ok: false; message: string };

export function gapJob(catalogue: Catalogue, source: GapJob['source'], since: number, limit: number): GapJob {
  return { source, since, limit, entries: [...catalogue.entries()], aliases: [...catalogue.aliases()] };
}

/** The job's report, wherever it runs: in the worker, or in-process for a command-line tool. */
export function runGapJob(job: GapJob): GapReport {
  let inputs: GapInputs;
  if ('inputs' in job.source) inputs = job.source.inputs;
  else {
    const db = openDatabase(job.source.dataDir, { mustExist: true });
    try {
      inputs = sqliteGapInputs(db, job.since, MAX_DECLINED_WORDINGS);
    } finally {
      db.close();
    }
  }
  return buildGapReport(inputs, catalogueFrom(job.entries, job.aliases), job.limit, GROUPING_BUDGET_MS);
}

// From source (npm start, the tests) the worker is TypeScript and needs tsx's loader, which a
// worker does not inherit; built (the Docker image) it is plain JavaScript.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER = new URL(FROM_SOURCE ? './gap-worker.ts' : './gap-worker.js', import.meta.url);
const BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER.href)}); })`;

export function gapReportOffThread(job: GapJob): Promise<GapReport> {
  return new Promise((resolve, reject) => {
    const worker = FROM_SOURCE ? new Worker(BOOT, { eval: true, workerData: job }) : new Worker(WORKER, { workerData: job });
    let settled = false;
    worker.once('message', (outcome: GapOutcome) => {
      settled = true;
      if (outcome.ok) resolve(outcome.report);
      else reject(new Error(`the gap report failed: ${outcome.message}`));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the gap report's worker stopped with code ${code} before reporting`));
    });
  });
}
