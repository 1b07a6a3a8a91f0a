// Groups declined questions that ask the same thing in different words, so a curator sees
// "What is Wes Streeting's majority? (14 times, 3 phrasings)" once instead of fourteen
// near-identical lines. Questions are compared by their search terms (stop words dropped,
// stems, synonyms and story aliases applied), the way the answer engine sees them, with a
// one-letter slip allowed in longer words so typos land with their correct spelling.
import type { DeclinedGroup } from './gaps.js';
import { phrasingKey } from '../knowledge/checks.js';
import { editDistance } from '../search/edit-distance.js';

/** One exact wording as the question log holds it, already counted. */
export interface DeclinedPhrasing {
  question: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

export type TermsOf = (text: string) => readonly string[];

export const GROUPING_DEFAULTS = Object.freeze({
  /** Share of terms two questions must have in common (Jaccard) to count as one. */
  similarity: 0.6,
  /** Terms at least this long may differ by one edit, or one be the start of the other, and still match. */
  typoMinLength: 5,
});

interface Cluster {
  /** Creation order: of several groups a question fits, it joins the oldest. */
  order: number;
  /** The terms of its first, most asked wording, which every other member must be near. */
  terms: readonly string[];
  /** How many of those terms are question words, which are not filed by start. */
  unfiled: number;
  members: { text: string; count: number }[];
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

/**
 * Most asked first; within a group, its most frequent wording names it. A question joins
 * the first group whose leading wording it is similar enough to. Comparing with the leader
 * rather than with any member keeps groups from chaining through intermediate wordings
 * into one large group of unrelated questions. Only groups sharing the start of a term are
 * compared, which keeps this fast on months of log while still letting typos meet.
 */
export function groupDeclined(rows: readonly DeclinedPhrasing[], termsOf: TermsOf, options = GROUPING_DEFAULTS): DeclinedGroup[] {
  return groupDeclinedWithin(rows, termsOf, Infinity, options).groups;
}

export interface Grouped {
  groups: DeclinedGroup[];
  /** Distinct wordings placed in a group, of `total`: fewer when the time budget ran out. */
  grouped: number;
  total: number;
}

/**
 * As groupDeclined, but stops taking wordings once `budgetMs` has passed. Comparing a
 * wording costs more the more groups there are, so months of one-off questions can take
 * minutes; wordings come most asked first, so what is left out is the rarest, which could
 * not outrank the groups already made.
 */
export function groupDeclinedWithin(rows: readonly DeclinedPhrasing[], termsOf: TermsOf, budgetMs: number, options = GROUPING_DEFAULTS): Grouped {
  const deadline = performance.now() + budgetMs;
  const clusters: Cluster[] = [];
  const byStart = new Map<string, Cluster[]>();
  const wordings = mergeSameWording(rows);
  let grouped = 0;
  for (const phrasing of wordings) {
    if ((grouped & 63) === 0 && performance.now() > deadline) break;
    grouped++;
    const terms = [...new Set(termsOf(phrasing.question))];
    const starts = new Set(terms.map(startOf).filter((start) => start !== null));
    const unfiled = terms.filter((term) => startOf(term) === null).length;
    // How many of this question's terms could match each group's leader: a bound on how
    // similar they can be, so most groups are ruled out without comparing them.
    const overlap = new Map<Cluster, number>();
    for (const term of terms) {
      const start = startOf(term);
      for (const cluster of (start && byStart.get(start)) || []) overlap.set(cluster, (overlap.get(cluster) ?? 0) + 1);
    }
    let home: Cluster | undefined;
    for (const [cluster, filed] of overlap) {
      if (home && cluster.order >= home.order) continue;
      const shared = filed + Math.min(unfiled, cluster.unfiled);
      if (shared / (terms.length + cluster.terms.length - shared) < options.similarity) continue;
      if (similarity(terms, cluster.terms, options) >= options.similarity) home = cluster;
    }
    if (!home) {
      home = { order: clusters.length, terms, unfiled, members: [], count: 0, firstSeen: phrasing.firstSeen, lastSeen: phrasing.lastSeen };
      clusters.push(home);
      for (const start of starts) {
        const list = byStart.get(start);
        if (list) list.push(home);
        else byStart.set(start, [home]);
      }
    }
    home.members.push({ text: phrasing.question, count: phrasing.count });
    home.count += phrasing.count;
    if (phrasing.firstSeen < home.firstSeen) home.firstSeen = phrasing.firstSeen;
    if (phrasing.lastSeen > home.lastSeen) home.lastSeen = phrasing.lastSeen;
  }
  const groups = clusters
    .map((c) => {
      const phrasings = [...c.members].sort((a, b) => b.count - a.count).map((m) => m.text);
      return { question: phrasings[0]!, phrasings, count: c.count, firstSeen: c.firstSeen, lastSeen: c.lastSeen };
    })
    .sort((a, b) => b.count - a.count || b.lastSeen.getTime() - a.lastSeen.getTime());
  return { groups, grouped, total: wordings.length };
}

/**
 * Where a term is filed for finding candidates: its first three letters, which a typo the
 * grouping forgives keeps. Question words ("?what") are in nearly every question and would
 * make every group a candidate, so they are not filed; they still count in the similarity.
 */
function startOf(term: string): string | null {
  return term.startsWith('?') ? null : term.slice(0, 3);
}

/**
 * Folds wordings that differ only in case, accents or punctuation into one, keeping the
 * spelling typed most often, and drops input with no words at all ("???"), which is no gap.
 * Most frequent first, so each group is seeded by its most common wording.
 */
function mergeSameWording(rows: readonly DeclinedPhrasing[]): DeclinedPhrasing[] {
  const byKey = new Map<string, { best: DeclinedPhrasing; total: DeclinedPhrasing }>();
  for (const row of rows) {
    const key = phrasingKey(row.question);
    if (!key) continue;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { best: row, total: { ...row } });
      continue;
    }
    if (row.count > seen.best.count) seen.best = row;
    seen.total.count += row.count;
    if (row.firstSeen < seen.total.firstSeen) seen.total.firstSeen = row.firstSeen;
    if (row.lastSeen > seen.total.lastSeen) seen.total.lastSeen = row.lastSeen;
  }
  return [...byKey.values()]
    .map(({ best, total }) => ({ ...total, question: best.question }))
    .sort((a, b) => b.count - a.count || a.firstSeen.getTime() - b.firstSeen.getTime());
}

/**
 * A slip of one letter after the first three, or a stem that a misspelling kept from being
 * shortened ("majorty" against "major", the stem of "majority"). The same start is what
 * lets groupDeclined find the pair; the cheap checks come first.
 */
function nearlySame(a: string, b: string, minLength: number): boolean {
  if (b.length < minLength || startOf(a) !== startOf(b)) return false;
  if (a.startsWith(b) || b.startsWith(a)) return true;
  return Math.abs(a.length - b.length) <= 1 && editDistance(a, b, 1) <= 1;
}

/** Jaccard similarity of two term sets, where a near-spelling counts as the same term. */
export function similarity(a: readonly string[], b: readonly string[], options = GROUPING_DEFAULTS): number {
  if (a.length === 0 && b.length === 0) return 1;
  const unused = [...b];
  let shared = 0;
  for (const term of a) {
    let at = unused.indexOf(term);
    if (at < 0 && term.length >= options.typoMinLength) at = unused.findIndex((other) => nearlySame(term, other, options.typoMinLength));
    if (at < 0) continue;
    unused.splice(at, 1);
    shared++;
  }
  return shared / (a.length + b.length - shared);
}
