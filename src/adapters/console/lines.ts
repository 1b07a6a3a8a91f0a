// What a line typed at the console means: a question, or one of the console's commands,
// typed with its slash or, for the few a newcomer types bare, without.
import { commands } from '../../../commands/index.js';
import { editDistance } from '../../core/search/edit-distance.js';

/** The console's own commands, besides the shared ones. */
export const CONSOLE_COMMANDS = ['why', 'help', 'quit', 'exit'] as const;

// "help", "about" and "quit" alone are meant as commands, not asked as questions.
const BARE = new Set(['help', 'about', 'quit', 'exit']);

/** "/ask who is x" -> ask, "who is x"; a line without a slash is a question. */
export function parseLine(text: string): { name: string; argument: string } {
  const bare = text.trim().toLowerCase().replace(/[.!?]+$/, '');
  if (BARE.has(bare)) return { name: bare, argument: '' };
  if (!text.startsWith('/')) return { name: 'ask', argument: text };
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  return { name: (match?.[1] ?? '').toLowerCase(), argument: match?.[2] ?? '' };
}

/** The command a mistyped name was most likely meant to be ("abuot" -> "about"), if any is close. */
export function closestCommand(name: string): string | undefined {
  const names = [...commands.map((c) => c.data.name), ...CONSOLE_COMMANDS];
  const max = name.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    const distance = editDistance(name, candidate, max);
    if (distance <= max && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}
