// The worker thread behind gap-thread.ts: reads the question log, groups the declined
// questions and posts the report back.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { catalogueFrom } from '../core/curation/gap-report.js';
import type { GapJob, GapOutcome } from './gap-thread.js';
import { readGapReportSince } from './gap-queries.js';

// Lowest priority, for this thread alone (Linux sets a nice value per thread): on a machine
// with few cores, answers come first and the report takes what time is left.
try {
  setPriority(19);
} catch {
  // Where that cannot be done, the report merely competes as an equal.
}

const job = workerData as GapJob;
let outcome: GapOutcome;
try {
  outcome = { ok: true, report: readGapReportSince(job.dataDir, job.since, catalogueFrom(job.entries, job.aliases), job.limit, job.maxWordings) };
} catch (error) {
  outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort!.postMessage(outcome);
