// What a person sees before asking anything (Slack's App Home): what StoryBot knows, ten
// questions to try, and for admins, when the knowledge was loaded and how many gaps there
// are. The same facts /about gives, from the same place.
import type { AboutInfo, CommandContext } from '../answering/command.js';
import type { EntryRef } from '../answering/reply-types.js';
import { publishedEntries } from '../knowledge/types.js';

export interface Home {
  about: AboutInfo;
  examples: EntryRef[];
  /** Only for admins. */
  admin?: {
    loadedAt: Date;
    /** How many of each kind of gap the question log holds; null when it is off or unreadable. */
    gaps: { declined: number; unhelpful: number; neverMatched: number } | null;
  };
}

export const HOME_DEFAULTS = Object.freeze({
  examples: 10,
  /** Enough to count what an admin would page through. */
  gapsCounted: 1_000,
});

export function aboutOf(ctx: Pick<CommandContext, 'store' | 'startedAt'>): AboutInfo {
  const snapshot = ctx.store.current();
  const entries = snapshot.knowledge.entries;
  const drafts = entries.filter((e) => e.status === 'draft').length;
  return {
    sources: [...snapshot.knowledge.sources.values()].map(({ id, published, summary, headline, outlet, url }) => ({ id, published, summary, headline, outlet, url })),
    entries: entries.length - drafts,
    drafts,
    loadedAt: snapshot.loadedAt,
    startedAt: ctx.startedAt,
  };
}

export async function homeOf(ctx: CommandContext, isAdmin: boolean): Promise<Home> {
  const home: Home = { about: aboutOf(ctx), examples: examplesOf(ctx, HOME_DEFAULTS.examples) };
  if (!isAdmin) return home;
  let gaps: NonNullable<Home['admin']>['gaps'] = null;
  try {
    const report = await ctx.gaps?.gaps(HOME_DEFAULTS.gapsCounted);
    if (report) gaps = { declined: report.declined.length, unhelpful: report.unhelpful.length, neverMatched: report.neverMatched.length };
  } catch {
    // The log is unreadable: the home page says so instead of failing.
  }
  return { ...home, admin: { loadedAt: ctx.store.current().loadedAt, gaps } };
}

/** Questions from every file in turn, so the examples cover the story rather than one theme. */
function examplesOf(ctx: Pick<CommandContext, 'store'>, count: number): EntryRef[] {
  const byFile = new Map<string, EntryRef[]>();
  for (const entry of publishedEntries(ctx.store.current().knowledge)) {
    const list = byFile.get(entry.origin.file) ?? [];
    list.push({ id: entry.id, question: entry.question });
    byFile.set(entry.origin.file, list);
  }
  const examples: EntryRef[] = [];
  for (let round = 0; examples.length < count && [...byFile.values()].some((l) => l.length > round); round++) {
    for (const list of byFile.values()) if (list[round] && examples.length < count) examples.push(list[round]!);
  }
  return examples;
}
