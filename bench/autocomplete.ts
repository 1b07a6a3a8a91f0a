// Autocomplete, one call per keystroke on Discord, at every length of typed text: the
// completer (through the engine's index) against the plain fuse.js scan over every phrasing
// it replaced, measured in the same run on the same inputs.
import Fuse from 'fuse.js';
import type { EntryRef } from '../src/core/answering/answer.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { phrasingsOf, type Knowledge } from '../src/core/knowledge/types.js';
import { QuestionCompleter } from '../src/core/search/autocomplete.js';
import { DEFAULT_ENGINE_CONFIG } from '../src/core/search/config.js';
import { SearchIndex } from '../src/core/search/search-index.js';
import { isEnglishWord } from '../src/lexicon/english-words.js';
import { timeEach, type Timing } from './measure.js';
import { random, syntheticKnowledge } from './synthetic.js';

export interface CompletionRow {
  base: string;
  length: number;
  completer: Timing;
  /** Not measured at 10,000 entries: seconds a call, a whole run would take hours. */
  fuse: Timing | null;
}

export const LENGTHS = [0, 2, 5, 10, 20, 50, 100, 300, 1_000, 6_000];
const PIECES = ['Who is Tommy Robinson?', 'what did musk say about', 'jess philips', 'strarmer prosecutor', 'rochdale oldham grooming', '😀👍🏽', 'من هو', '<!channel>', '\u200B', '...???', 'zxqv', 'the the the'];

/** Typed text of about `length` characters: a real start, then anything at all. */
function typedTexts(length: number, count: number, seed: number): string[] {
  const rand = random(seed);
  return Array.from({ length: count }, () => {
    let text = '';
    while (text.length < length) text += `${PIECES[Math.floor(rand() * PIECES.length)]}${rand() < 0.7 ? ' ' : ''}`;
    return text.slice(0, length);
  });
}

/** The completer as it was: fuse.js over every phrasing, with its old options. */
function oldCompleter(index: SearchIndex): (typed: string) => EntryRef[] {
  const refs = index.entries.map(({ entry }) => ({ id: entry.id, question: entry.question }));
  const records = index.entries.flatMap(({ entry }, i) => phrasingsOf(entry).map((text) => ({ text, ref: refs[i]! })));
  const fuse = new Fuse(records, { keys: ['text'], includeScore: true, threshold: 0.4, ignoreLocation: true, ignoreDiacritics: true, minMatchCharLength: 2 });
  return (typed) => {
    const text = typed.trim().slice(0, 100);
    return text ? fuse.search(text, { limit: 100 }).map((r) => r.item.ref) : refs.slice(0, 25);
  };
}

function measureBase(name: string, knowledge: Knowledge, fuseSample: number | null): CompletionRow[] {
  const index = SearchIndex.build(knowledge, DEFAULT_ENGINE_CONFIG, isEnglishWord);
  const completer = new QuestionCompleter(index);
  const old = oldCompleter(index);
  return LENGTHS.map((length, i) => {
    const inputs = typedTexts(length, 200, 10 + i);
    const warmUp = typedTexts(length, 50, 100 + i);
    return {
      base: name,
      length,
      completer: timeEach(warmUp, inputs, (typed) => completer.complete(typed, 25), 5, 2_000),
      // fuse.js takes tens of milliseconds a call on long text: timed on a sample.
      fuse: fuseSample === null ? null : timeEach(warmUp.slice(0, 3), inputs.slice(0, fuseSample), old, 1, 3),
    };
  });
}

export async function measureCompletion(knowledgeDir: string): Promise<CompletionRow[]> {
  const loaded = await loadKnowledge(knowledgeDir);
  if (!loaded.ok) throw new Error('the knowledge base is invalid; run npm run validate');
  return [...measureBase('story', loaded.knowledge, 100), ...measureBase('synthetic 10,000', syntheticKnowledge(loaded.knowledge, 10_000), null)];
}
