// Loads and checks a knowledge base in a worker thread. Reading and parsing thousands of
// entries, checking them and self-testing them takes seconds of synchronous work on a
// large base; in a worker it no longer holds up the questions the main thread answers.
// The checked knowledge comes back in pieces, each taken between other work.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckResult, KnowledgeChecker } from '../core/knowledge/checked.js';
import type { Problem } from '../core/knowledge/problems.js';
import type { Entry, Knowledge } from '../core/knowledge/types.js';

// The worker is this file's sibling, with the same extension: .js when built, .ts when run
// from source by tsx, whose loader a worker does not inherit and must register itself.
const here = fileURLToPath(import.meta.url);
const fromSource = path.extname(here) === '.ts';
const workerUrl = pathToFileURL(path.join(path.dirname(here), `knowledge-worker${path.extname(here)}`)).href;
const BOOT = fromSource
  ? `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`
  : `import(${JSON.stringify(workerUrl)})`;

type Message =
  | { type: 'failed'; problems: Problem[] }
  | { type: 'start'; knowledge: Omit<Knowledge, 'entries'>; warnings: Problem[]; total: number }
  | { type: 'entries'; entries: Entry[]; fingerprints: string[] }
  | { type: 'done' };

export const checkInWorker: KnowledgeChecker = (dir, options) =>
  new Promise<CheckResult>((resolve) => {
    const worker = new Worker(BOOT, { eval: true, workerData: { dir, config: options.config } });
    let settled = false;
    const settle = (result: CheckResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
      void worker.terminate();
    };
    const failed = (message: string) => settle({ ok: false, problems: [{ code: 'unreadable', severity: 'error', file: dir, message }] });
    let start: Extract<Message, { type: 'start' }> | undefined;
    const entries: Entry[] = [];
    const fingerprints = new Map<string, string>();
    worker.on('message', (message: Message) => {
      switch (message.type) {
        case 'failed':
          return settle({ ok: false, problems: message.problems });
        case 'start':
          start = message;
          // Each piece is asked for on a turn of its own, so answers go on in between.
          return void setImmediate(() => worker.postMessage('next'));
        case 'entries':
          message.entries.forEach((entry, i) => {
            entries.push(entry);
            fingerprints.set(entry.id, message.fingerprints[i]!);
          });
          return void setImmediate(() => worker.postMessage('next'));
        case 'done':
          if (!start) return failed('could not be loaded: the loader stopped before sending the knowledge base');
          return settle({ ok: true, knowledge: { ...start.knowledge, entries }, warnings: start.warnings, fingerprints });
      }
    });
    // Past the deadline the store has already failed the load; the worker is ended, and with
    // it any read still stuck.
    options.signal?.addEventListener('abort', () => failed('was given up at its deadline'), { once: true });
    worker.on('error', (error) => failed(`could not be loaded: ${error.message}`));
    worker.on('exit', (code) => failed(`could not be loaded: the loader stopped (exit code ${code})`));
  });
