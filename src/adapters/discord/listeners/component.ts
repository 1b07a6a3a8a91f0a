// Buttons and menus under the bot's messages: votes, suggested and related questions. Their
// custom ids are the core's encoded actions; anything else gets a polite refusal.
import { castVote, chooseEntry, decodeAction, type Action, type Actor, type Chosen } from '../../../core/conversation/interactions.js';
import { MESSAGES } from '../../../core/wording/messages.js';
import type { VoteOutcome } from '../../../core/answering/recorder.js';
import type { ReceivedInteraction } from '../interaction.js';
import { notice, RELATED_MENU_ID, renderAnswer, renderReply, type Rendered } from '../render.js';
import { replyInTime, type Responder } from '../reply.js';
import type { DiscordDeps } from './deps.js';

const VOTE_REPLIES: Readonly<Record<VoteOutcome | 'gone', string>> = Object.freeze({
  recorded: MESSAGES.voteThanks,
  'already-voted': MESSAGES.voteAlready,
  'not-recorded': MESSAGES.voteNotRecorded,
  gone: MESSAGES.entryGone,
});

export async function onButton(interaction: ReceivedInteraction, responder: Responder, deps: DiscordDeps): Promise<void> {
  await perform(interaction, responder, decodeAction(interaction.customId), deps);
}

export async function onSelectMenu(interaction: ReceivedInteraction, responder: Responder, deps: DiscordDeps): Promise<void> {
  const action = interaction.customId === RELATED_MENU_ID ? decodeAction(interaction.values[0]) : null;
  await perform(interaction, responder, action, deps);
}

async function perform(interaction: ReceivedInteraction, responder: Responder, action: Action | null, deps: DiscordDeps): Promise<void> {
  if (!action) {
    deps.logger.debug({ customId: interaction.customId }, 'discord component with an unknown custom id');
    return responder.reply(notice(MESSAGES.unknownAction));
  }
  const actor: Actor = { platform: 'discord', userId: interaction.userId };
  // Through the same deadline as commands: a vote or a pick waits on the question log and
  // the rate limit, which need not stay in-process.
  const work = Promise.resolve().then(() =>
    action.type === 'vote' ? castVote(deps.ctx, actor, action.entryId, action.helpful).then((outcome) => notice(VOTE_REPLIES[outcome])) : chooseEntry(deps.ctx, actor, action.entryId).then(renderChosen),
  );
  await replyInTime(responder, work, { deferAfterMs: deps.deferAfterMs, ephemeral: action.type === 'vote' });
}

function renderChosen(chosen: Chosen): Rendered {
  if (chosen.kind === 'answered') return renderAnswer(chosen.answer);
  if (chosen.kind === 'gone') return notice(MESSAGES.entryGone);
  return renderReply(chosen);
}
