// "@StoryBot who is Tommy Robinson?": answered in a thread under the message, and a
// follow-up mention inside that thread is answered in the same thread, in the light of the
// thread's last answer ("@StoryBot and what did he get jailed for?").
import { findCommand } from '../../../../commands/index.js';
import { runCommand, type CommandReply } from '../../../core/answering/command.js';
import { fromSlackText } from '../markup.js';
import { renderReply } from '../render-reply.js';
import { slackUser, threadKey, writtenByAPerson, type ChatClient, type SlackDeps } from './deps.js';

export interface MentionArgs {
  event: { text: string; user?: string; channel: string; ts: string; thread_ts?: string; bot_id?: string };
  context: { botUserId?: string };
  client: ChatClient;
}

export async function onMention(deps: SlackDeps, { event, context, client }: MentionArgs): Promise<void> {
  // Another bot mentioning this one could start an endless exchange; Slackbot asks nothing.
  if (!writtenByAPerson(event.user) || event.bot_id) return;
  const reply = await askFromMessage(deps, event.user, questionOf(event.text, context.botUserId), threadKey(event.channel, event.thread_ts ?? event.ts));
  const where = { channel: event.channel, thread_ts: event.thread_ts ?? event.ts };
  const message = renderReply(reply, { shareable: false });
  // A refusal or a "slow down" concerns one person, not the thread.
  if (reply.kind === 'answer') await client.chat.postMessage({ ...where, ...message });
  else await client.chat.postEphemeral({ ...where, user: event.user, ...message });
}

/** A message's text asked as /ask is, by its writer, in the conversation given (a thread or a DM). */
export function askFromMessage(deps: SlackDeps, userId: string, question: string, conversationKey: string): Promise<CommandReply> {
  const ask = findCommand('ask');
  const option = ask?.data.options[0]?.name;
  if (!ask || !option) throw new Error('the shared commands have no "ask" with a question option');
  return runCommand(ask, deps.ctx, { platform: 'slack', user: slackUser(deps, userId), options: { [option]: question }, conversation: { key: conversationKey } });
}

/** The question in a mention: the text without the bot's own "<@U…>" (or any leading mention). */
export function questionOf(text: string, botUserId: string | undefined): string {
  const own = botUserId && /^[UW][A-Z0-9]+$/.test(botUserId) ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/;
  return fromSlackText(text.replace(own, ' ')).replace(/\s+/g, ' ').trim();
}
