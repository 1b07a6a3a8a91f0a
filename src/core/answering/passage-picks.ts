// From a passage to a curated answer. When the story's closest sentence is one that curated
// entries quote, those entries are the curated answers about that very place: they are
// offered as picks, and one of them answers when the question asks for a form of answer
// (a time, an age, a sum) that it gives and the question resembles it most. Kept apart from the main decision in
// answer.ts so that the question-form reading can grow without touching it.
import type { Entry } from '../knowledge/types.js';
import type { SearchOutcome } from '../search/engine.js';
import { ANSWER_FORMS, formsAskedByPhrase } from '../search/lexicon.js';
import { paragraphKey } from '../search/passages.js';
import type { IndexedEntry, SearchIndex } from '../search/search-index.js';
import { normalizeForQuote } from '../text/normalize.js';
import type { PassageView } from './reply-types.js';

/** Per index, the entries citing each paragraph: worked out once, on the first passage reply. */
const citing = new WeakMap<SearchIndex, Map<string, IndexedEntry[]>>();

function entriesCiting(index: SearchIndex, source: string, paragraph: number): readonly IndexedEntry[] {
  let byParagraph = citing.get(index);
  if (!byParagraph) {
    byParagraph = new Map();
    for (const indexed of index.entries) {
      for (const key of new Set(indexed.entry.citations.map((c) => paragraphKey(c.source, c.paragraph)))) {
        const list = byParagraph.get(key) ?? [];
        list.push(indexed);
        byParagraph.set(key, list);
      }
    }
    citing.set(index, byParagraph);
  }
  return byParagraph.get(paragraphKey(source, paragraph)) ?? [];
}

/** The entries with a quote that overlaps the passage: one inside the other. */
export function entriesQuoting(index: SearchIndex, passage: Pick<PassageView, 'source' | 'paragraph' | 'quote'>): IndexedEntry[] {
  const sentence = normalizeForQuote(passage.quote);
  return entriesCiting(index, passage.source, passage.paragraph).filter(({ entry }) =>
    entry.citations.some((c) => {
      if (c.source !== passage.source || c.paragraph !== passage.paragraph) return false;
      const quote = normalizeForQuote(c.quote);
      return sentence.includes(quote) || quote.includes(sentence);
    }),
  );
}

/** The forms of answer the question asks for (see ANSWER_FORMS): a time, an age, a sum, a number. */
export function askedForms(question: string, outcome: SearchOutcome): string[] {
  return [...new Set([...outcome.terms.filter((t) => ANSWER_FORMS.has(t.term)).map((t) => t.term), ...formsAskedByPhrase(question)])];
}

/**
 * The entry to answer with from the passage: only when the question asks for a form, and of
 * the entries quoting the passage that give it, the one the question resembles most does so
 * enough to be among its suggestions. Anything less is offered as a pick, not answered.
 */
export function entryForForm(question: string, outcome: SearchOutcome, quoting: readonly IndexedEntry[], floor: number): Entry | undefined {
  const forms = askedForms(question, outcome);
  // Any number in an answer gives the count form, so it says little about which number is
  // asked: "how many seats did Labour win?" is not answered by Labour's 14 years out of power.
  if (forms.length === 0 || forms.includes('?count')) return undefined;
  const fitting = new Set(quoting.filter((e) => forms.every((form) => e.forms.has(form))).map((e) => e.entry));
  // Matches come best first: the first fitting one is the closest.
  const closest = outcome.matches.find((m) => fitting.has(m.entry));
  return closest && closest.score >= floor ? closest.entry : undefined;
}
