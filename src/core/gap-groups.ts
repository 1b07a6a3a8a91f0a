// Groups declined questions that ask the same thing in different words, so a curator sees
// "What is Wes Streeting's majority? (14 times, 3 phrasings)" once instead of fourteen
// near-identical lines. Questions are compared by their search terms (stop words dropped,
// stems, synonyms and story aliases applied), the way the answer engine sees them, with a
// one-letter slip allowed in longer words so typos land with their correct spelling.
import type { DeclinedGroup } from './gaps.js';
import { phrasingKey } from './knowledge/checks.js';
import { editDistance } from './search/edit-distance.js';

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
  members: { text: string; count: number; terms: readonly string[] }[];
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

/** Most asked first; within a group, its most frequent wording names it. */
export function groupDeclined(rows: readonly DeclinedPhrasing[], termsOf: TermsOf, options = GROUPING_DEFAULTS): DeclinedGroup[] {
  const clusters: Cluster[] = [];
  for (const phrasing of mergeSameWording(rows)) {
    const terms = [...new Set(termsOf(phrasing.question))];
    const key = phrasingKey(phrasing.question);
    // A question of stop words only ("what is it?") can match nothing but its own wording.
    const home = clusters.find((c) =>
      c.members.some((m) => (terms.length === 0 || m.terms.length === 0 ? phrasingKey(m.text) === key : similarity(terms, m.terms, options) >= options.similarity)),
    );
    const member = { text: phrasing.question, count: phrasing.count, terms };
    if (!home) {
      clusters.push({ members: [member], count: phrasing.count, firstSeen: phrasing.firstSeen, lastSeen: phrasing.lastSeen });
      continue;
    }
    home.members.push(member);
    home.count += phrasing.count;
    if (phrasing.firstSeen < home.firstSeen) home.firstSeen = phrasing.firstSeen;
    if (phrasing.lastSeen > home.lastSeen) home.lastSeen = phrasing.lastSeen;
  }
  return clusters
    .map((c) => {
      const phrasings = [...c.members].sort((a, b) => b.count - a.count).map((m) => m.text);
      return { question: phrasings[0]!, phrasings, count: c.count, firstSeen: c.firstSeen, lastSeen: c.lastSeen };
    })
    .sort((a, b) => b.count - a.count || b.lastSeen.getTime() - a.lastSeen.getTime());
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
 * A slip of one letter, or a stem that a misspelling kept from being shortened
 * ("majorty" against "major", the stem of "majority").
 */
function nearlySame(a: string, b: string, minLength: number): boolean {
  if (b.length < minLength) return false;
  return editDistance(a, b, 1) <= 1 || a.startsWith(b) || b.startsWith(a);
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
