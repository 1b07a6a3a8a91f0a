// Turns groups of declined questions into draft entries a curator can finish: the group's
// wordings become the question and its alternates, with the answer and citations left
// empty and status: draft, so the loader checks them and the bot does not serve them.
import { Document } from 'yaml';
import type { DeclinedGroup } from './gaps.js';
import { phrasingKey } from '../knowledge/checks.js';
import { phrasingsOf, type Entry } from '../knowledge/types.js';
import type { EngineConfig } from '../search/config.js';
import { typoCorrections } from '../search/engine.js';
import type { SearchIndex } from '../search/search-index.js';

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
  /** Ids name the subject in a few words, as the curated ones do ("tommy-robinson-real-name"). */
  maxIdLength: 40,
  maxIdWords: 5,
});

/** Rewrites a question as the engine read it, typos corrected; the same text if none. */
export type Corrector = (question: string) => string;

/**
 * One draft per group, skipping wordings some entry (published or draft) already has, so
 * running the export twice does not stage the same question twice, and the result never
 * trips the loader's duplicate-phrasing check. The question is the group's first wording
 * with the engine's typo corrections; the wording as asked stays, as the first alternate.
 */
export function draftEntries(groups: readonly DeclinedGroup[], existing: readonly Entry[], correct: Corrector = (q) => q, options = DRAFT_DEFAULTS): DraftEntry[] {
  const takenIds = new Set(existing.map((e) => e.id));
  const takenWordings = new Set(existing.flatMap((e) => phrasingsOf(e).map(phrasingKey)));
  const take = (text: string) => {
    const key = phrasingKey(text);
    if (text.length < 2 || text.length > 300 || !key || takenWordings.has(key)) return false;
    takenWordings.add(key);
    return true;
  };
  const drafts: DraftEntry[] = [];
  for (const group of groups) {
    const wordings = group.phrasings.map((text) => text.trim()).filter(take);
    const [asked, ...others] = wordings;
    if (!asked) continue;
    const corrected = correct(asked);
    const [question, alternates] = corrected !== asked && take(corrected) ? [corrected, [asked, ...others]] : [asked, others];
    const id = uniqueId(slug(question, options), takenIds);
    takenIds.add(id);
    drafts.push({ id, status: 'draft', question, alternates: alternates.slice(0, options.maxAlternates), answer: '', citations: [] });
  }
  return drafts;
}

/** The engine's own typo corrections, as it made them when it declined the question. */
export function engineCorrector(snapshot: { index: SearchIndex; config: EngineConfig }): Corrector {
  return (question) => applyCorrections(question, typoCorrections(snapshot.index, question, snapshot.config));
}

/**
 * Applies word-for-word corrections to a question, keeping the rest of it as typed: its
 * punctuation, its possessives, and a capital where the typed word had one.
 */
export function applyCorrections(question: string, corrections: readonly { typed: string; corrected: string }[]): string {
  let text = question;
  for (const { typed, corrected } of corrections) {
    const escaped = typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), (found) =>
      found[0] !== found[0]!.toLowerCase() ? corrected[0]!.toUpperCase() + corrected.slice(1) : corrected,
    );
  }
  return text;
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

// What a question is about is in its content words; these only shape the question. A short
// list is enough here: an id need only read well, and a word left in does no harm.
const NOT_IN_IDS = new Set(
  'a about an and are as at be been by can could did do does for from get got had has have he her him his how i in is it its many me much of on or please pls s say said she tell than that the their them there they this to was were what whats when where which who whom whose why will with would you'.split(' '),
);

/** "What is Wes Streeting's majority?" -> "wes-streeting-majority". */
export function slug(text: string, limits: Pick<typeof DRAFT_DEFAULTS, 'maxIdLength' | 'maxIdWords'> = DRAFT_DEFAULTS): string {
  const words = phrasingKey(text)
    .split(' ')
    .map((word) => word.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  const content = words.filter((word) => !NOT_IN_IDS.has(word));
  let id = '';
  for (const word of (content.length > 0 ? content : words).slice(0, limits.maxIdWords)) {
    const next = id ? `${id}-${word}` : word;
    if (next.length > limits.maxIdLength) break;
    id = next;
  }
  return id || words[0]?.slice(0, limits.maxIdLength) || 'unanswered-question';
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
