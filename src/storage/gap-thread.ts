// Runs the gap report in a worker thread. Reading months of declined questions and grouping
// them takes seconds of CPU (about 18 s for 220,000), and on the main thread every answer
// would wait for it; in a worker, answers go on. The worker opens its own read-only view of
// the database (WAL lets it read while the bot writes) and gets the catalogue as plain data.
import { Worker } from 'node:worker_threads';
import type { EntryRef } from '../core/answering/answer.js';
import type { GapReport } from '../core/curation/gaps.js';
import type { AliasGroup } from '../core/knowledge/types.js';

export interface GapJob {
  dataDir: string;
  /** Only what was logged since then counts (ms since the epoch). */
  since: number;
  limit: number;
  entries: EntryRef[];
  aliases: AliasGroup[];
  maxWordings: number;
}

export type GapOutcome = { ok: true; report: GapReport } | { ok: false; message: string };

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
