// Suggestions while someone types: curated questions whose words match what has been typed
// so far, typos and half-typed words included. Plain fuse.js fuzzy matching suits this
// better than the answer engine, because the last word is usually unfinished.
import Fuse from 'fuse.js';
import type { EntryRef } from '../answering/answer.js';
import { phrasingsOf } from '../knowledge/types.js';
import type { SearchIndex } from './search-index.js';

const AUTOCOMPLETE_SEARCH = Object.freeze({
  keys: ['text'],
  includeScore: true,
  threshold: 0.4,
  ignoreLocation: true,
  ignoreDiacritics: true,
  minMatchCharLength: 2,
});

export class QuestionCompleter {
  private readonly fuse: Fuse<{ text: string; ref: EntryRef }>;
  private readonly firstQuestions: EntryRef[];

  constructor(index: SearchIndex) {
    const refs = index.entries.map(({ entry }) => ({ id: entry.id, question: entry.question }));
    this.firstQuestions = refs;
    const records = index.entries.flatMap(({ entry }, i) => phrasingsOf(entry).map((text) => ({ text, ref: refs[i]! })));
    this.fuse = new Fuse(records, AUTOCOMPLETE_SEARCH);
  }

  complete(typed: string, limit: number): EntryRef[] {
    const text = typed.trim().slice(0, 100);
    if (!text) return this.firstQuestions.slice(0, limit);
    const seen = new Set<string>();
    const refs: EntryRef[] = [];
    for (const { item } of this.fuse.search(text, { limit: limit * 4 })) {
      if (seen.has(item.ref.id)) continue;
      seen.add(item.ref.id);
      refs.push(item.ref);
      if (refs.length === limit) break;
    }
    return refs;
  }
}
