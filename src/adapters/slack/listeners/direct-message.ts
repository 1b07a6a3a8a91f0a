// A direct message to StoryBot (message.im) is a question, answered in the same place: at the
// top of the conversation, or in the thread it was written in. Each DM, and each thread in
// it, is a conversation of its own, so "and when?" follows the last answer there.
import { renderReply } from '../render-reply.js';
import { askFromMessage, questionOf } from './mention.js';
import { threadKey, writtenByAPerson, type ChatClient, type SlackDeps } from './deps.js';

export interface DirectMessageArgs {
  event: { channel_type?: string; subtype?: string; text?: string; user?: string; channel: string; ts: string; thread_ts?: string; bot_id?: string };
  context: { botUserId?: string };
  client: ChatClient;
}

/**
 * The subtypes that are still a person's new message: one with a file attached, and a
 * thread reply also sent to the conversation. Others (edits, deletions, joins) are not.
 */
const NEW_MESSAGE_SUBTYPES: ReadonlySet<string> = new Set(['file_share', 'thread_broadcast']);

export async function onDirectMessage(deps: SlackDeps, { event, context, client }: DirectMessageArgs): Promise<void> {
  // Only people's own new messages, and never a bot (this one included) nor Slackbot's notices.
  if (event.channel_type !== 'im' || (event.subtype && !NEW_MESSAGE_SUBTYPES.has(event.subtype)) || event.bot_id || !writtenByAPerson(event.user)) return;
  // A file sent alone has no text; the question is then empty, and answered as /ask answers one.
  const conversation = event.thread_ts ? threadKey(event.channel, event.thread_ts) : `slack:dm:${event.channel}`;
  const reply = await askFromMessage(deps, event.user, questionOf(event.text ?? '', context.botUserId), conversation);
  // Only the person and the bot are in a DM, so even a refusal goes there as a plain message.
  await client.chat.postMessage({ channel: event.channel, ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}), ...renderReply(reply, { shareable: false }) });
}
