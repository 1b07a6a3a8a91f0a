// A button under an answer: a vote, a suggested or related question, or Share. The button's
// id says which (core/conversation/interactions), so a press needs no memory of the message it was on.
import type { Answered } from '../../../core/answering/answer.js';
import { castVote, chooseEntry, decodeAction, explainReply, keptAnswer, type Actor } from '../../../core/conversation/interactions.js';
import { MESSAGES } from '../../../core/wording/messages.js';
import type { VoteOutcome } from '../../../core/answering/recorder.js';
import { notice, type SlackMessage } from '../blocks.js';
import { renderAnswer } from '../render-answer.js';
import { renderWhy } from '../render-why.js';
import { renderReply } from '../render-reply.js';
import type { ChatClient, Respond, SlackDeps } from './deps.js';

export interface ActionArgs {
  action: { action_id: string };
  body: {
    user: { id: string };
    channel?: { id: string };
    container?: { is_ephemeral?: boolean };
    message?: { ts: string; thread_ts?: string };
  };
  ack: () => Promise<void>;
  /** Absent when the press came without a response_url (Bolt then gives no respond). */
  respond?: Respond;
  client: ChatClient;
}

export async function onAction(deps: SlackDeps, args: ActionArgs): Promise<void> {
  await args.ack();
  const action = decodeAction(args.action.action_id);
  if (!action) return tellPresser(args, notice(MESSAGES.unknownAction));
  const actor: Actor = { platform: 'slack', userId: args.body.user.id };
  switch (action.type) {
    case 'vote':
      return tellPresser(args, notice(voteText(await castVote(deps.ctx, actor, action.entryId, action.helpful))));
    case 'pick': {
      const chosen = await chooseEntry(deps.ctx, actor, action.entryId);
      if (chosen.kind === 'answered') return answerWhereAsked(deps, args, chosen.answer, chosen.replyId);
      // A refusal concerns only the person who pressed, wherever the button was.
      return tellPresser(args, chosen.kind === 'gone' ? notice(MESSAGES.entryGone) : renderReply(chosen, { shareable: false }));
    }
    case 'share': {
      // The answer as it was given, kept under its reply id, never text carried in the button.
      const answered = await keptAnswer(deps.ctx, action.replyId);
      if (!answered) return tellPresser(args, notice(MESSAGES.replyGone));
      const shared = renderAnswer(answered, { shareable: false, sharedBy: actor.userId, replyId: action.replyId });
      if (!args.respond) return postInChannel(args, shared);
      await args.respond({ response_type: 'in_channel', replace_original: false, ...shared });
      // The private copy with its Share button has done its job.
      if (args.body.container?.is_ephemeral) await args.respond({ delete_original: true });
      return;
    }
    case 'why': {
      const why = await explainReply(deps.ctx, action.replyId, actor);
      return tellPresser(args, why ? renderWhy(why) : notice(MESSAGES.replyGone));
    }
    case 'follow-up':
      // Slack has threads to follow up in; this button is Discord's.
      return tellPresser(args, notice(MESSAGES.unknownAction));
  }
}

function voteText(outcome: VoteOutcome | 'gone'): string {
  if (outcome === 'gone') return MESSAGES.entryGone;
  if (outcome === 'recorded') return MESSAGES.voteThanks;
  if (outcome === 'already-voted') return MESSAGES.voteAlready;
  return MESSAGES.voteNotRecorded;
}

/**
 * Only the presser sees this: through response_url when the press came with one, otherwise
 * as an ephemeral message from the Web API where they pressed, or (a press with no channel,
 * such as on the App Home tab) in their DM with the app, which only they read.
 */
async function tellPresser(args: Pick<ActionArgs, 'body' | 'respond' | 'client'>, message: SlackMessage): Promise<void> {
  if (args.respond) return void (await args.respond({ response_type: 'ephemeral', replace_original: false, ...message }));
  const { body, client } = args;
  if (!body.channel) return void (await client.chat.postMessage({ channel: body.user.id, ...message }));
  // In the thread the button was in; a button on a top-level message is answered beside it.
  const thread = body.message?.thread_ts;
  await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, ...(thread ? { thread_ts: thread } : {}), ...message });
}

/** A public message where the button was, in its thread when it was in one; without a channel, only the presser can be told. */
async function postInChannel(args: ActionArgs, message: SlackMessage): Promise<void> {
  const { body } = args;
  if (!body.channel) return tellPresser(args, message);
  const thread = body.message?.thread_ts;
  await args.client.chat.postMessage({ channel: body.channel.id, ...(thread ? { thread_ts: thread } : {}), ...message });
}

/**
 * A private answer (from /ask) is answered privately, following the visibility setting;
 * a public one (a thread under a mention) is answered in its thread.
 */
async function answerWhereAsked(deps: SlackDeps, args: ActionArgs, answered: Answered, replyId: string | undefined): Promise<void> {
  const { body } = args;
  const kept = replyId ? { replyId } : {};
  if (body.container?.is_ephemeral || !body.message || !body.channel) {
    const visibility = deps.visibility;
    // Share works through response_url; without one, the private answer is offered without it.
    const shareable = visibility === 'ephemeral' && args.respond !== undefined;
    const message = renderAnswer(answered, { shareable, ...kept });
    if (!args.respond) return visibility === 'ephemeral' ? tellPresser(args, message) : postInChannel(args, message);
    await args.respond({ response_type: visibility, replace_original: false, ...message });
    return;
  }
  await args.client.chat.postMessage({
    channel: body.channel.id,
    thread_ts: body.message.thread_ts ?? body.message.ts,
    ...renderAnswer(answered, { shareable: false, ...kept }),
  });
}
