// Buttons and menus under the bot's messages: votes, suggested and related questions. Their
// custom ids are the core's encoded actions; anything else gets a polite refusal.
import type { ButtonInteraction, StringSelectMenuInteraction } from 'discord.js';
import { castVote, chooseEntry, decodeAction, type Action, type Actor, type Chosen } from '../../../core/conversation/interactions.js';
import { MESSAGES } from '../../../core/wording/messages.js';
import type { VoteOutcome } from '../../../core/answering/recorder.js';
import { notice, RELATED_MENU_ID, renderAnswer, renderReply, type Rendered } from '../render.js';
import { reply } from '../reply.js';
import type { DiscordDeps } from './deps.js';

const VOTE_REPLIES: Readonly<Record<VoteOutcome | 'gone', string>> = Object.freeze({
  recorded: MESSAGES.voteThanks,
  'already-voted': MESSAGES.voteAlready,
  'not-recorded': MESSAGES.voteNotRecorded,
  gone: MESSAGES.entryGone,
});

export async function onButton(interaction: ButtonInteraction, deps: DiscordDeps): Promise<void> {
  await perform(interaction, decodeAction(interaction.customId), deps);
}

export async function onSelectMenu(interaction: StringSelectMenuInteraction, deps: DiscordDeps): Promise<void> {
  const action = interaction.customId === RELATED_MENU_ID ? decodeAction(interaction.values[0]) : null;
  await perform(interaction, action, deps);
}

async function perform(interaction: ButtonInteraction | StringSelectMenuInteraction, action: Action | null, deps: DiscordDeps): Promise<void> {
  if (!action) {
    deps.logger.debug({ customId: interaction.customId }, 'discord component with an unknown custom id');
    return reply(interaction, notice(MESSAGES.unknownAction));
  }
  const actor: Actor = { platform: 'discord', userId: interaction.user.id };
  if (action.type === 'vote') {
    return reply(interaction, notice(VOTE_REPLIES[castVote(deps.ctx, actor, action.entryId, action.helpful)]));
  }
  await reply(interaction, renderChosen(chooseEntry(deps.ctx, actor, action.entryId)));
}

function renderChosen(chosen: Chosen): Rendered {
  if (chosen.kind === 'answered') return renderAnswer(chosen.answer);
  if (chosen.kind === 'gone') return notice(MESSAGES.entryGone);
  return renderReply(chosen);
}
