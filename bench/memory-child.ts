// Run by bench/memory.ts in a process of its own: loads one knowledge folder as the bot
// does at start-up and prints its memory as one JSON line, so bases measured one after
// another do not pile up in one heap. Needs --expose-gc.
import { setTimeout as sleep } from 'node:timers/promises';
import { KnowledgeStore } from '../src/core/knowledge/store.js';
import { isEnglishWord } from '../src/lexicon/english-words.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: memory-child.ts <knowledge folder>');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

isEnglishWord('warm'); // the dictionary loads on first use: part of the baseline, not the base
gc();
const before = process.memoryUsage().rss;
const store = await KnowledgeStore.open(dir, { isWord: isEnglishWord });
const peak = process.resourceUsage().maxRSS * 1024;
// V8 hands freed pages back to the system over a few seconds, not at once: wait until the
// resident size stops falling, as it has by the time a bot that just started gets busy.
let rss = process.memoryUsage().rss;
for (let waited = 0; waited < 20_000; waited += 1000) {
  gc();
  await sleep(1000);
  const now = process.memoryUsage().rss;
  if (Math.abs(now - rss) < 2 ** 20 && waited >= 3000) break;
  rss = now;
}
const after = process.memoryUsage();
console.log(JSON.stringify({ entries: store.current().index.entries.length, rssBefore: before, rss: after.rss, heapUsed: after.heapUsed, peakRss: peak }));
