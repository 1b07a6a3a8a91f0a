// "Why this answer?" as Block Kit: a title and one line per finding, for the presser alone.
import type { Explanation } from '../../core/answering/why.js';
import { MESSAGES } from '../../core/wording/messages.js';
import { whyLines } from '../../core/wording/why-words.js';
import { message, section, type SlackMessage } from './blocks.js';
import { escapeMrkdwn } from './markup.js';

export function renderWhy(why: Explanation): SlackMessage {
  const lines = whyLines(why).map((line) => `• ${escapeMrkdwn(line)}`);
  const text = `*${escapeMrkdwn(MESSAGES.whyTitle)}*\n${lines.join('\n')}`;
  return message(escapeMrkdwn(MESSAGES.whyTitle), [section(text)]);
}
