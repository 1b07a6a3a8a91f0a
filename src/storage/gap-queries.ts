// What the gap report reads from the question log: counts only, within the retention
// window, so it shows the same whether or not old rows have been pruned yet.
import type { Database } from 'better-sqlite3';
import { buildGapReport, type Catalogue, type GapInputs } from '../core/curation/gap-report.js';
import type { GapReport } from '../core/curation/gaps.js';
import { openDatabase } from './database.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export const GAP_DEFAULTS = Object.freeze({
  /**
   * The most asked distinct wordings of declined questions read for grouping: this bounds
   * the memory a report takes, and the rarest wordings of months of log are one-offs that
   * would not reach any top list.
   */
  maxDeclinedWordings: 20_000,
  /** How long grouping them may take; the rest, the least asked, are left out (see groupDeclinedWithin). */
  groupingBudgetMs: 5_000,
});

export function retentionCutoff(now: Date, retentionDays: number): number {
  return now.getTime() - retentionDays * DAY_MS;
}

export function readGapInputs(db: Database, since: number, maxWordings: number = GAP_DEFAULTS.maxDeclinedWordings): GapInputs {
  const declined = db
    .prepare<[number, number], { question: string; count: number; first: number; last: number }>(
      'SELECT question, COUNT(*) AS count, MIN(at) AS first, MAX(at) AS last FROM questions WHERE answered = 0 AND at >= ? GROUP BY question ORDER BY count DESC, question LIMIT ?',
    )
    .all(since, maxWordings)
    .map((row) => ({ question: row.question, count: row.count, firstSeen: new Date(row.first), lastSeen: new Date(row.last) }));
  const votes = db
    .prepare<[number], { entryId: string; helpful: number; unhelpful: number }>(
      'SELECT entry_id AS entryId, SUM(helpful) AS helpful, SUM(1 - helpful) AS unhelpful FROM votes WHERE at >= ? GROUP BY entry_id',
    )
    .all(since);
  const matched = db
    .prepare<[number], string>('SELECT DISTINCT entry_id FROM questions WHERE entry_id IS NOT NULL AND at >= ?')
    .pluck()
    .all(since);
  return { declined, votes, matched: new Set(matched) };
}

/** The gap report from the log in dataDir, for `npm run gaps`: reads, never creates. */
export function readGapReport(dataDir: string, retentionDays: number, catalogue: Catalogue, limit: number): GapReport {
  return readGapReportSince(dataDir, retentionCutoff(new Date(), retentionDays), catalogue, limit);
}

export function readGapReportSince(dataDir: string, since: number, catalogue: Catalogue, limit: number, maxWordings?: number): GapReport {
  const db = openDatabase(dataDir, { mustExist: true });
  try {
    return buildGapReport(readGapInputs(db, since, maxWordings), catalogue, limit, GAP_DEFAULTS.groupingBudgetMs);
  } finally {
    db.close();
  }
}
