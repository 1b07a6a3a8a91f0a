// The worker thread behind gap-thread.ts: builds the report and posts it back.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { runGapJob, type GapJob, type GapOutcome } from './gap-thread.js';

// Lowest priority, for this thread alone (Linux sets a nice value per thread): on a machine
// with few cores, answers come first and the report takes what time is left.
try {
  setPriority(19);
} catch {
  // Where that cannot be done, the report merely competes as an equal.
}

let outcome: GapOutcome;
try {
  outcome = { ok: true, report: runGapJob(workerData as GapJob) };
} catch (error) {
  outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort!.postMessage(outcome);
