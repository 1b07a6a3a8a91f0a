// Turns what the question log counted into the gap report: declined questions grouped,
// answers voted unhelpful, and published entries nobody's question has reached. Pure, so
// the storage only has to fetch rows and the rules are tested here.
import type { EntryRef } from '../answering/answer.js';
import { groupDeclined, type DeclinedPhrasing, type TermsOf } from './gap-groups.js';
import type { GapReport } from './gaps.js';
import type { KnowledgeStore } from '../knowledge/store.js';

export interface VoteTally {
  entryId: string;
  helpful: number;
  unhelpful: number;
}

export interface GapInputs {
  declined: readonly DeclinedPhrasing[];
  votes: readonly VoteTally[];
  /** Entry ids some logged question was answered with. */
  matched: ReadonlySet<string>;
}

/** What the gap report needs to know about the knowledge base being served. */
export interface Catalogue {
  /** Published entries, in knowledge-base order; drafts are not served, so never "unmatched". */
  entries(): readonly EntryRef[];
  termsOf: TermsOf;
}

export function buildGapReport(inputs: GapInputs, catalogue: Catalogue, limit: number): GapReport {
  const entries = catalogue.entries();
  const questionOf = new Map(entries.map((e) => [e.id, e.question]));
  const unhelpful = inputs.votes
    .filter((v) => v.unhelpful > 0 && questionOf.has(v.entryId))
    .sort((a, b) => b.unhelpful - a.unhelpful || b.unhelpful - b.helpful - (a.unhelpful - a.helpful) || a.entryId.localeCompare(b.entryId))
    .map((v) => ({ ...v, question: questionOf.get(v.entryId)! }));
  return {
    declined: groupDeclined(inputs.declined, catalogue.termsOf).slice(0, limit),
    unhelpful: unhelpful.slice(0, limit),
    neverMatched: entries
      .filter((e) => !inputs.matched.has(e.id))
      .slice(0, limit)
      .map((e) => ({ entryId: e.id, question: e.question })),
  };
}

/** The catalogue of whatever knowledge base the store serves at the time of asking. */
export function catalogueOf(store: KnowledgeStore): Catalogue {
  return {
    entries: () => store.current().index.entries.map(({ entry }) => ({ id: entry.id, question: entry.question })),
    termsOf: (text) => store.current().index.analyzer.analyze(text).map((t) => t.term),
  };
}
