// Turns what the question log counted into the gap report: declined questions grouped,
// answers voted unhelpful, and published entries nobody's question has reached. Pure, so
// the storage only has to fetch rows and the rules are tested here.
import type { EntryRef } from '../answering/answer.js';
import { groupDeclinedWithin, type DeclinedPhrasing, type TermsOf } from './gap-groups.js';
import type { GapReport } from './gaps.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { AliasGroup } from '../knowledge/types.js';
import { Analyzer } from '../search/analyzer.js';

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
  /** The story's aliases, from which the terms are made: all a thread of its own needs to make them too. */
  aliases(): readonly AliasGroup[];
  termsOf: TermsOf;
}

/** `budgetMs` bounds the grouping of declined questions (see groupDeclinedWithin). */
export function buildGapReport(inputs: GapInputs, catalogue: Catalogue, limit: number, budgetMs = Infinity): GapReport {
  const entries = catalogue.entries();
  const questionOf = new Map(entries.map((e) => [e.id, e.question]));
  const unhelpful = inputs.votes
    .filter((v) => v.unhelpful > 0 && questionOf.has(v.entryId))
    .sort((a, b) => b.unhelpful - a.unhelpful || b.unhelpful - b.helpful - (a.unhelpful - a.helpful) || a.entryId.localeCompare(b.entryId))
    .map((v) => ({ ...v, question: questionOf.get(v.entryId)! }));
  const { groups, grouped, total } = groupDeclinedWithin(inputs.declined, catalogue.termsOf, budgetMs);
  return {
    ...(grouped < total ? { partial: { grouped, total } } : {}),
    declined: groups.slice(0, limit),
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
    aliases: () => store.current().knowledge.aliases,
    termsOf: (text) => store.current().index.analyzer.analyze(text).map((t) => t.term),
  };
}

/** A catalogue from plain data, as a worker thread receives it: the same terms as the store's. */
export function catalogueFrom(entries: readonly EntryRef[], aliases: readonly AliasGroup[]): Catalogue {
  const analyzer = new Analyzer(aliases);
  return { entries: () => entries, aliases: () => aliases, termsOf: (text) => analyzer.analyze(text).map((t) => t.term) };
}
