// An answer as a Discord message: an embed with the question, the answer, each quote with
// its paragraph, the strength and "as of"; buttons to rate it, ask why, ask a follow-up, and
// (when only the asker sees it) share it; a menu of related questions. Passages and declines
// go to the asker alone, with their suggestions as buttons.
import { ButtonStyle, ComponentType, type APIButtonComponentWithCustomId } from 'discord.js';
import type { AnswerResult, Answered, Declined, EntryRef, PassageReply, PassageView } from '../../core/answering/answer.js';
import { encodeAction } from '../../core/conversation/interactions.js';
import { paragraphLabel } from '../../core/wording/format.js';
import { MESSAGES } from '../../core/wording/messages.js';
import { declineSentence, passageLabel, passageSegments, replyNotes, strengthText } from '../../core/wording/reply-words.js';
import { DISCORD_LIMITS as L, fit, fitEmbed } from './limits.js';
import { inert, quoteBlock } from './markup.js';
import { COLOURS, RELATED_MENU_ID, type ActionRow, type Rendered } from './rendered.js';

export interface AnswerOptions {
  /** Only the asker sees the answer; then it offers to share it. Public unless said. */
  ephemeral?: boolean;
  /** The answer's reply id, for its Why, follow-up and Share buttons; without one, none of these. */
  replyId?: string;
  /** The Discord user id of whoever shared it, for the credit line. */
  sharedBy?: string;
}

const USER_ID = /^\d{1,20}$/;

export function renderAnswer(result: AnswerResult, options: AnswerOptions = {}): Rendered {
  const notes = replyNotes(result).map((n) => `-# ${inert(n)}`);
  if (result.kind === 'answer') return renderAnswered(result, options, notes);
  return result.kind === 'passage' ? renderPassage(result, notes) : renderDeclined(result, notes);
}

/** The story's words with the matched ones in bold, escaped piece by piece. */
function markedPassage(passage: PassageView): string {
  return passageSegments(passage).map((s) => (s.matched ? `**${inert(s.text)}**` : inert(s.text))).join('');
}

/** Not an answer: the story's closest sentences, a field each, labelled as such, for the asker only. */
function renderPassage(result: PassageReply, notes: string[]): Rendered {
  const embed = fitEmbed({
    color: COLOURS.info,
    // Only the asker sees a passage, so their question can be shown above it.
    description: [result.question ? MESSAGES.youAsked(`“${inert(result.question)}”`) : '', passageLabel(result)].filter(Boolean).join('\n'),
    fields: result.passages.map((passage) => ({ name: [MESSAGES.paragraph(passage.paragraph), passage.published].filter(Boolean).join(' · '), value: quoteBlock(markedPassage(passage)) })),
    footer: { text: MESSAGES.asOf(result.asOf) },
  });
  return { ephemeral: true, ...(notes.length > 0 ? { content: notes.join('\n') } : {}), embeds: [embed], ...suggestionButtons(result.suggestions) };
}

function renderAnswered(result: Answered, options: AnswerOptions, notes: string[]): Rendered {
  const ephemeral = options.ephemeral ?? false;
  const embed = fitEmbed({
    color: COLOURS.answer,
    // The channel sees the curated question answered, never the asker's words: those could
    // carry anything ("URGENT from the mods: …") under the bot's name. Only a reply the
    // asker alone sees, and has not shared, shows what they typed.
    title: inert(ephemeral && !options.sharedBy ? result.question : result.entry.question),
    description: inert(result.answer),
    fields: result.citations.map((c) => ({
      name: [paragraphLabel(c.paragraph), c.published].filter(Boolean).join(' · '),
      value: quoteBlock(inert(c.quote)),
    })),
    footer: { text: `${strengthText(result)} · ${MESSAGES.asOf(result.asOf)}` },
  });
  const { replyId } = options;
  const button = (label: string, action: Parameters<typeof encodeAction>[0], style: APIButtonComponentWithCustomId['style'] = ButtonStyle.Secondary, emoji?: string): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style,
    label,
    ...(emoji ? { emoji: { name: emoji } } : {}),
    custom_id: encodeAction(action),
  });
  const entryId = result.entry.id;
  const components: ActionRow[] = [
    {
      type: ComponentType.ActionRow,
      components: [
        button(MESSAGES.helpfulButton, { type: 'vote', helpful: true, entryId }, ButtonStyle.Success, '👍'),
        button(MESSAGES.notHelpfulButton, { type: 'vote', helpful: false, entryId }, ButtonStyle.Secondary, '👎'),
        ...(replyId ? [button(MESSAGES.whyButton, { type: 'why', replyId }), button(MESSAGES.followUpButton, { type: 'follow-up', replyId })] : []),
        ...(replyId && ephemeral ? [button(MESSAGES.shareButton, { type: 'share', replyId }, ButtonStyle.Primary)] : []),
      ],
    },
  ];
  const related = uniqueRefs(result.related).slice(0, L.selectOptions);
  if (related.length > 0) {
    components.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: RELATED_MENU_ID,
          placeholder: fit(MESSAGES.relatedPlaceholder, L.placeholder),
          options: related.map((r) => ({ label: fit(r.question, L.optionLabel), value: encodeAction({ type: 'pick', entryId: r.id }) })),
        },
      ],
    });
  }
  // A mention renders the sharer's name; allowed_mentions (reply.ts) keeps it from pinging.
  const credit = options.sharedBy && USER_ID.test(options.sharedBy) ? [`${MESSAGES.sharedBy} <@${options.sharedBy}>`] : [];
  const content = [...credit, ...notes].join('\n');
  return { ephemeral, ...(content ? { content: fit(content, L.content) } : {}), embeds: [embed], components };
}

function renderDeclined(result: Declined, notes: string[]): Rendered {
  const lines = [...notes];
  if (result.question) lines.push(MESSAGES.youAsked(`“${inert(result.question)}”`));
  lines.push(inert(declineSentence(result)));
  if (result.nearest) lines.push('', MESSAGES.nearestIntro, quoteBlock(`${markedPassage(result.nearest)} (${MESSAGES.paragraph(result.nearest.paragraph)})`));
  const buttons = suggestionButtons(result.suggestions);
  if (buttons.components) lines.push('', MESSAGES.suggestionsIntro);
  return { ephemeral: true, content: fit(lines.join('\n'), L.content), ...buttons };
}

function suggestionButtons(refs: readonly EntryRef[]): Pick<Rendered, 'components'> {
  const suggestions = uniqueRefs(refs).slice(0, 3);
  if (suggestions.length === 0) return {};
  return {
    components: [
      {
        type: ComponentType.ActionRow,
        components: suggestions.map((s) => ({
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: fit(s.question, L.buttonLabel),
          custom_id: encodeAction({ type: 'pick', entryId: s.id }),
        })),
      },
    ],
  };
}

/** Discord refuses two options or buttons with the same value in one message. */
function uniqueRefs(refs: readonly EntryRef[]): EntryRef[] {
  return [...new Map(refs.map((r) => [r.id, r] as const)).values()];
}
