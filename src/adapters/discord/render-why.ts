// "Why this answer?" as an embed seen by the presser alone, and the modal that takes a
// follow-up question under an answer.
import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../core/answering/answer.js';
import type { Explanation } from '../../core/answering/why.js';
import { encodeAction } from '../../core/conversation/interactions.js';
import { MESSAGES } from '../../core/wording/messages.js';
import { whyLines } from '../../core/wording/why-words.js';
import { DISCORD_LIMITS as L, fitEmbed, linesWithin } from './limits.js';
import { inert } from './markup.js';
import { COLOURS, type Rendered } from './rendered.js';

export function renderWhy(why: Explanation): Rendered {
  const description = linesWithin(whyLines(why).map((l) => `• ${inert(l)}`), L.embedDescription, MESSAGES.andMore);
  return { ephemeral: true, embeds: [fitEmbed({ color: COLOURS.info, title: MESSAGES.whyTitle, description })] };
}

/** The id of the modal's one text input. */
export const FOLLOW_UP_INPUT = 'question';

export function followUpModal(replyId: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: encodeAction({ type: 'follow-up', replyId }),
    title: MESSAGES.followUpTitle,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: FOLLOW_UP_INPUT,
            style: TextInputStyle.Short,
            label: MESSAGES.followUpLabel,
            placeholder: MESSAGES.followUpPlaceholder,
            required: true,
            max_length: MAX_QUESTION_LENGTH,
          },
        ],
      },
    ],
  };
}
