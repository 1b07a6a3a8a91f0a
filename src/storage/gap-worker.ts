// The worker thread behind gap-thread.ts: reads the question log, groups the declined
// questions and posts the report back.
import { parentPort, workerData } from 'node:worker_threads';
import { catalogueFrom } from '../core/curation/gap-report.js';
import type { GapJob, GapOutcome } from './gap-thread.js';
import { readGapReportSince } from './gap-queries.js';

const job = workerData as GapJob;
let outcome: GapOutcome;
try {
  outcome = { ok: true, report: readGapReportSince(job.dataDir, job.since, catalogueFrom(job.entries, job.aliases), job.limit, job.maxWordings) };
} catch (error) {
  outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort!.postMessage(outcome);
