// Plain sentences about a reload or a source, shared by every renderer: each platform adds
// only its own markup and escaping around them.
import type { AboutInfo } from '../answering/command.js';
import type { ReloadReport, ReplicaTally } from '../knowledge/store.js';
import { MESSAGES } from './messages.js';

/** "Added: a, b" per kind of change, or that nothing changed. */
export function describeChanges(report: ReloadReport): string[] {
  const kinds = (['added', 'removed', 'changed'] as const).filter((what) => report[what].length > 0);
  return kinds.length > 0 ? kinds.map((what) => MESSAGES.reloadChanges(what, report[what])) : [MESSAGES.reloadNoChanges];
}

/** How the replicas fared, as one sentence; none when the bot runs as one process. */
export function describeReplicas(tally: ReplicaTally | undefined): string[] {
  if (!tally) return [];
  if (!tally.reached) return [MESSAGES.reloadReplicasUnreached];
  if (tally.reloaded === tally.replicas) return [MESSAGES.reloadReplicasAll(tally.replicas)];
  const parts = [
    MESSAGES.reloadReplicasSome(tally.reloaded, tally.replicas),
    ...(tally.refused > 0 ? [MESSAGES.reloadReplicasRefused(tally.refused)] : []),
    ...(tally.silent > 0 ? [MESSAGES.reloadReplicasSilent(tally.silent)] : []),
  ];
  return [`${parts.join('; ')}.`];
}

/** One sentence per source: its id and date, its summary, and what was never supplied. */
export function describeSource(source: AboutInfo['sources'][number]): string {
  const unknown = (['headline', 'outlet', 'url'] as const).filter((field) => source[field] === null).map((field) => (field === 'url' ? 'URL' : field));
  return [MESSAGES.aboutStory(source.id, source.published), source.summary ?? '', unknown.length > 0 ? MESSAGES.aboutUnknown(unknown) : ''].filter(Boolean).join(' ');
}
