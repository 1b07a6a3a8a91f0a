// What the gap report reads from the question log: counts only, within the retention
// window, so it shows the same whether or not old rows have been pruned yet.
import type { Database } from 'better-sqlite3';
import type { GapInputs } from '../core/curation/gap-report.js';
import { sqliteGapInputs } from './sqlite.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The most distinct declined wordings read for a report, so that months of log fit in memory. */
export const MAX_DECLINED_WORDINGS = 20_000;

/**
 * How long grouping the declined wordings may take; the rest, the least asked, are left out
 * (see groupDeclinedWithin). Grouping costs more the more groups there are: months of
 * one-off questions would otherwise take minutes.
 */
export const GROUPING_BUDGET_MS = 5_000;

export function retentionCutoff(now: Date, retentionDays: number): number {
  return now.getTime() - retentionDays * DAY_MS;
}

export function readGapInputs(db: Database, since: number): GapInputs {
  return sqliteGapInputs(db, since, MAX_DECLINED_WORDINGS);
}
