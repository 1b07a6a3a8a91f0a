// Discord's own markup, kept in one place: making echoed text inert, quote blocks, and
// timestamps that each reader sees in their own time zone.
import { escapeMarkdown, time, TimestampStyles } from 'discord.js';

const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Text that shows exactly as typed. allowedMentions already stops the pings; this also stops
 * "@everyone", role and channel mentions and markdown from rendering as such, so a question
 * cannot dress itself up as something the bot said.
 */
export function inert(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return escaped
    .replaceAll('@', `@${ZERO_WIDTH_SPACE}`)
    .replace(/<(?=[@#:/]|[a-z]+:)/gi, `<${ZERO_WIDTH_SPACE}`);
}

/** Each line of the text as a Discord quote block line. */
export function quoteBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * "in 5 minutes" / "3 hours ago", in the reader's own locale. Discord's own timestamp says
 * the same words as the core's relativeTime (core/wording/format.ts) for English readers,
 * and unlike fixed text it stays true while the message is on screen.
 */
export function relativeTime(date: Date): string {
  return time(date, TimestampStyles.RelativeTime);
}
