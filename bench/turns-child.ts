// Run by bench/run.ts (memory) in a process of its own, with --expose-gc: fills the memory
// turn store to its bound with turns of real answers, as a busy single process would over a
// day, and prints one JSON line: the heap it holds per turn and how long a put takes.
import { askerKey, newReplyId, turnOf } from '../src/core/conversation/conversations.js';
import { TURN_DEFAULTS } from '../src/core/conversation/turns.js';
import { KnowledgeStore } from '../src/core/knowledge/store.js';
import { isEnglishWord } from '../src/lexicon/english-words.js';
import { MEMORY_TURNS_DEFAULTS, memoryTurns } from '../src/state/memory-turns.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const store = await KnowledgeStore.open(process.argv[2] ?? 'knowledge', { isWord: isEnglishWord });
const { index } = store.current();
const answers = index.entries.flatMap(({ entry }) => entry.alternates.slice(0, 3)).flatMap((q) => {
  const result = store.ask(q);
  return result.kind === 'answer' ? [result] : [];
});
const turns = memoryTurns();
const max = MEMORY_TURNS_DEFAULTS.maxTurns;
gc();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
for (let i = 0; i < max; i++) {
  const answer = answers[i % answers.length]!;
  await turns.put(`reply:${newReplyId()}`, turnOf(index, answer, Date.now(), { by: askerKey('slack', `U${i % 5000}`) }), TURN_DEFAULTS.replyKeepMs);
}
const putMicros = ((performance.now() - started) * 1000) / max;
gc();
const heap = process.memoryUsage().heapUsed - before;
// Past the bound, each put makes room first: its cost once the store is full.
const full = performance.now();
for (let i = 0; i < 10_000; i++) await turns.put(`reply:${newReplyId()}`, turnOf(index, answers[i % answers.length]!, Date.now()), TURN_DEFAULTS.replyKeepMs);
const fullPutMicros = ((performance.now() - full) * 1000) / 10_000;
console.log(JSON.stringify({ turns: turns.size, answers: answers.length, heapBytes: heap, bytesPerTurn: Math.round(heap / max), putMicros, fullPutMicros }));
