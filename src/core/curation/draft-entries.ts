// Turns groups of declined questions into draft entries a curator can finish: the group's
// wordings become the question and its alternates, with the answer and citations left
// empty and status: draft, so the loader checks them and the bot does not serve them.
import { Document } from 'yaml';
import type { DeclinedGroup } from './gaps.js';
import { phrasingKey } from '../knowledge/checks.js';
import { phrasingsOf, type Entry } from '../knowledge/types.js';

export interface DraftEntry {
  id: string;
  status: 'draft';
  question: string;
  alternates: string[];
  answer: '';
  citations: [];
}

export const DRAFT_DEFAULTS = Object.freeze({
  /** Enough wordings to teach the matcher; a long tail of one-offs would only be noise. */
  maxAlternates: 15,
  maxIdLength: 60,
});

/**
 * One draft per group, skipping wordings some entry (published or draft) already has, so
 * running the export twice does not stage the same question twice, and the result never
 * trips the loader's duplicate-phrasing check.
 */
export function draftEntries(groups: readonly DeclinedGroup[], existing: readonly Entry[], options = DRAFT_DEFAULTS): DraftEntry[] {
  const takenIds = new Set(existing.map((e) => e.id));
  const takenWordings = new Set(existing.flatMap((e) => phrasingsOf(e).map(phrasingKey)));
  const drafts: DraftEntry[] = [];
  for (const group of groups) {
    const wordings = group.phrasings
      .map((text) => text.trim())
      .filter((text) => {
        const key = phrasingKey(text);
        if (text.length < 2 || text.length > 300 || !key || takenWordings.has(key)) return false;
        takenWordings.add(key);
        return true;
      });
    const [question, ...alternates] = wordings;
    if (!question) continue;
    const id = uniqueId(slug(question, options.maxIdLength), takenIds);
    takenIds.add(id);
    drafts.push({ id, status: 'draft', question, alternates: alternates.slice(0, options.maxAlternates), answer: '', citations: [] });
  }
  return drafts;
}

/** A YAML list of the drafts, under a comment saying what to do with them. */
export function draftsYaml(drafts: readonly DraftEntry[], comment: string): string {
  const doc = new Document(drafts);
  doc.commentBefore = comment
    .split('\n')
    .map((line) => ` ${line}`)
    .join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** "What is Wes Streeting's majority?" -> "what-is-wes-streeting-s-majority". */
export function slug(text: string, maxLength = DRAFT_DEFAULTS.maxIdLength): string {
  const words = phrasingKey(text)
    .split(' ')
    .map((word) => word.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  let id = '';
  for (const word of words) {
    const next = id ? `${id}-${word}` : word;
    if (next.length > maxLength) break;
    id = next;
  }
  return id || words[0]?.slice(0, maxLength) || 'unanswered-question';
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
