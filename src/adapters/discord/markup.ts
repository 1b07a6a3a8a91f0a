// Discord's own markup, kept in one place: making echoed text inert, and quote blocks.
// Times are written as the core words them (core/wording/format.ts), as on every platform,
// rather than as Discord's timestamp widget, which reads differently from Slack's and the console's.
import { escapeMarkdown } from 'discord.js';

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
