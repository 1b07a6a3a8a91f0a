// /about and /gaps as lines of plain text, the same facts in the same words on every
// platform (and in `npm run gaps`); each adapter only adds its markup, escaping and layout.
// Times read the same everywhere too: "loaded 3 minutes ago", never a platform's own
// timestamp widget, and days as YYYY-MM-DD.
import type { AboutInfo } from '../answering/command.js';
import type { GapReport } from '../curation/gaps.js';
import { describeSource } from './describe.js';
import { relativeTime } from './format.js';
import { MESSAGES } from './messages.js';

export function aboutLines(about: AboutInfo, now = new Date()): string[] {
  return [...about.sources.map(describeSource), MESSAGES.aboutCounts(about.entries, about.drafts), MESSAGES.aboutLoaded(relativeTime(about.loadedAt, now), relativeTime(about.startedAt, now))];
}

export interface GapSection {
  title: string;
  /** One line per item; a single "none" when there are none. */
  items: string[];
}

/** A calendar day as every platform writes it. */
export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function gapSections(report: GapReport): GapSection[] {
  const orNone = (items: string[]) => (items.length > 0 ? items : [MESSAGES.gapsNone]);
  return [
    { title: MESSAGES.gapsDeclined, items: orNone(report.declined.map((g) => MESSAGES.gapsDeclinedItem(g.count, g.question, day(g.firstSeen), day(g.lastSeen)))) },
    { title: MESSAGES.gapsUnhelpful, items: orNone(report.unhelpful.map((u) => MESSAGES.gapsUnhelpfulItem(u.entryId, u.unhelpful, u.helpful, u.question))) },
    { title: MESSAGES.gapsNeverMatched, items: orNone(report.neverMatched.map((n) => MESSAGES.gapsNeverMatchedItem(n.entryId, n.question))) },
  ];
}
