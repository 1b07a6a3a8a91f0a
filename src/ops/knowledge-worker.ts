// The worker thread side of loading a knowledge base (see worker-checker.ts): reads and
// checks every file, runs the self-test, and sends the checked knowledge back in pieces,
// one each time the main thread asks for the next: messages sent all at once are taken in
// one go, which held the main thread for a second at 10,000 entries.
import { parentPort, workerData } from 'node:worker_threads';
import { checkInProcess } from '../core/knowledge/checked.js';
import type { EngineConfig } from '../core/search/config.js';
import { isEnglishWord } from '../lexicon/english-words.js';

/** Entries per message: small enough that the main thread takes each in a few milliseconds. */
export const ENTRIES_PER_MESSAGE = 200;

const { dir, config } = workerData as { dir: string; config: EngineConfig };
const port = parentPort!;
const result = await checkInProcess(dir, { config, isWord: isEnglishWord });
if (!result.ok) {
  port.postMessage({ type: 'failed', problems: result.problems });
} else {
  const { knowledge, warnings, fingerprints } = result;
  const { entries, ...rest } = knowledge;
  port.postMessage({ type: 'start', knowledge: rest, warnings, total: entries.length });
  let next = 0;
  port.on('message', () => {
    if (next >= entries.length) {
      port.postMessage({ type: 'done' });
      return;
    }
    const chunk = entries.slice(next, next + ENTRIES_PER_MESSAGE);
    next += ENTRIES_PER_MESSAGE;
    port.postMessage({ type: 'entries', entries: chunk, fingerprints: chunk.map((e) => fingerprints.get(e.id)) });
  });
}
