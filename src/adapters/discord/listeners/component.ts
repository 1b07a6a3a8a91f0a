// Buttons, menus and the follow-up form under the bot's messages: votes, suggested and
// related questions, Share, "Why this answer?" and follow-ups. Their custom ids are the
// core's encoded actions, which carry an entry or reply id and never anything typed;
// anything else gets a polite refusal. An answer picked from a message goes where that
// message went: privately under a private answer, to the channel under a public one.
import { findCommand } from '../../../../commands/index.js';
import { runCommand } from '../../../core/answering/command.js';
import { castVote, chooseEntry, decodeAction, explainReply, keptAnswer, type Action, type Actor, type Chosen } from '../../../core/conversation/interactions.js';
import { MESSAGES } from '../../../core/wording/messages.js';
import type { VoteOutcome } from '../../../core/answering/recorder.js';
import type { ReceivedInteraction } from '../interaction.js';
import { notice, RELATED_MENU_ID, renderAnswer, renderReply, type Rendered } from '../render.js';
import { FOLLOW_UP_INPUT, followUpModal, renderWhy } from '../render-why.js';
import { replyInTime, type Responder } from '../reply.js';
import type { DiscordDeps } from './deps.js';

const VOTE_REPLIES: Readonly<Record<VoteOutcome | 'gone', string>> = Object.freeze({
  recorded: MESSAGES.voteThanks,
  'already-voted': MESSAGES.voteAlready,
  'not-recorded': MESSAGES.voteNotRecorded,
  gone: MESSAGES.entryGone,
});

export async function onButton(interaction: ReceivedInteraction, responder: Responder, deps: DiscordDeps): Promise<void> {
  const action = decodeAction(interaction.customId);
  // A form must be the first response, so it is shown at once; the question comes back as a modal submit.
  if (action?.type === 'follow-up') return responder.modal(followUpModal(action.replyId));
  await perform(interaction, responder, action, deps);
}

export async function onSelectMenu(interaction: ReceivedInteraction, responder: Responder, deps: DiscordDeps): Promise<void> {
  const action = interaction.customId === RELATED_MENU_ID ? decodeAction(interaction.values[0]) : null;
  await perform(interaction, responder, action, deps);
}

/** A follow-up typed into the form under an answer: asked in the light of that answer. */
export async function onModalSubmit(interaction: ReceivedInteraction, responder: Responder, deps: DiscordDeps): Promise<void> {
  const action = decodeAction(interaction.customId);
  const ask = findCommand('ask');
  if (action?.type !== 'follow-up' || !ask) return unknown(interaction, responder, deps);
  const ephemeral = interaction.fromEphemeral;
  const work = runCommand(ask, deps.ctx, {
    platform: 'discord',
    user: { id: interaction.userId, isAdmin: interaction.isAdmin },
    options: { question: interaction.textInput(FOLLOW_UP_INPUT) ?? '' },
    conversation: { after: action.replyId },
  }).then((reply) => renderReply(reply, { ephemeral }));
  await replyInTime(responder, work, { deferAfterMs: deps.deferAfterMs, ephemeral });
}

async function perform(interaction: ReceivedInteraction, responder: Responder, action: Action | null, deps: DiscordDeps): Promise<void> {
  if (!action) return unknown(interaction, responder, deps);
  const actor: Actor = { platform: 'discord', userId: interaction.userId };
  const ephemeral = action.type === 'pick' ? interaction.fromEphemeral : action.type !== 'share';
  // Through the same deadline as commands: a vote or a pick waits on the question log and
  // the rate limit, which need not stay in-process.
  const work = Promise.resolve().then(async (): Promise<Rendered> => {
    switch (action.type) {
      case 'vote':
        return notice(VOTE_REPLIES[await castVote(deps.ctx, actor, action.entryId, action.helpful)]);
      case 'pick':
        return renderChosen(await chooseEntry(deps.ctx, actor, action.entryId), interaction.fromEphemeral);
      case 'share': {
        const answer = await keptAnswer(deps.ctx, action.replyId);
        return answer ? renderAnswer(answer, { ephemeral: false, sharedBy: actor.userId, replyId: action.replyId }) : notice(MESSAGES.replyGone);
      }
      case 'why': {
        const why = await explainReply(deps.ctx, action.replyId, actor);
        return why ? renderWhy(why) : notice(MESSAGES.replyGone);
      }
      case 'follow-up':
        return notice(MESSAGES.unknownAction);
    }
  });
  await replyInTime(responder, work, { deferAfterMs: deps.deferAfterMs, ephemeral });
}

function unknown(interaction: ReceivedInteraction, responder: Responder, deps: DiscordDeps): Promise<void> {
  deps.logger.debug({ customId: interaction.customId }, 'discord component with an unknown custom id');
  return responder.reply(notice(MESSAGES.unknownAction));
}

function renderChosen(chosen: Chosen, ephemeral: boolean): Rendered {
  if (chosen.kind === 'answered') return renderAnswer(chosen.answer, { ephemeral, ...(chosen.replyId ? { replyId: chosen.replyId } : {}) });
  if (chosen.kind === 'gone') return notice(MESSAGES.entryGone);
  return renderReply(chosen);
}
