// Platform-neutral replies in, Discord messages out: embeds for answers, buttons and menus
// for what can follow, and everything cut to Discord's limits. Answers are public, so the
// channel learns from them; everything else concerns only the person who asked.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed } from 'discord.js';
import type { AnswerResult, Answered, Declined, EntryRef, PassageReply, PassageView } from '../../core/answering/answer.js';
import type { AboutInfo, CommandReply } from '../../core/answering/command.js';
import type { GapReport } from '../../core/curation/gaps.js';
import { encodeAction } from '../../core/conversation/interactions.js';
import { describeChanges, describeReplicas, describeSource } from '../../core/wording/describe.js';
import { paragraphLabel } from '../../core/wording/format.js';
import type { ReloadReport } from '../../core/knowledge/store.js';
import { formatProblem } from '../../core/knowledge/problems.js';
import { MESSAGES } from '../../core/wording/messages.js';
import { declineSentence, passageLabel, passageSegments, strengthText } from '../../core/wording/reply-words.js';
import { isNotice, noticeText } from '../../core/wording/notice.js';
import { DISCORD_LIMITS as L, fit, fitEmbed, linesWithin } from './limits.js';
import { inert, quoteBlock, relativeTime } from './markup.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface Rendered {
  ephemeral: boolean;
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
}

/** The custom id of the related-questions menu; each option's value is the action itself. */
export const RELATED_MENU_ID = 'related';

const COLOURS = Object.freeze({ answer: 0x2b6cb0, ok: 0x2f855a, problem: 0xc05621, info: 0x4a5568 });

export function renderReply(reply: CommandReply): Rendered {
  if (isNotice(reply)) return notice(noticeText(reply));
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.result);
    case 'reload':
      return renderReload(reply.report);
    case 'about':
      return renderAbout(reply.about);
    case 'gaps':
      return renderGaps(reply.report);
  }
}

/** A short message only the person who acted sees. */
export function notice(text: string): Rendered {
  return { ephemeral: true, content: fit(text, L.content) };
}

export function renderAnswer(result: AnswerResult): Rendered {
  if (result.kind === 'answer') return renderAnswered(result);
  return result.kind === 'passage' ? renderPassage(result) : renderDeclined(result);
}

/** The story's words with the matched ones in bold, escaped piece by piece. */
function markedPassage(passage: PassageView): string {
  return passageSegments(passage).map((s) => (s.matched ? `**${inert(s.text)}**` : inert(s.text))).join('');
}

/** Not an answer: the story's closest sentence, labelled as such, for the asker only. */
function renderPassage(result: PassageReply): Rendered {
  const embed = fitEmbed({
    color: COLOURS.info,
    // Only the asker sees a passage, so their question can be shown above it.
    description: [result.question ? MESSAGES.youAsked(`“${inert(result.question)}”`) : '', passageLabel(result)].filter(Boolean).join('\n'),
    fields: [{ name: [MESSAGES.paragraph(result.passage.paragraph), result.passage.published].filter(Boolean).join(' · '), value: quoteBlock(markedPassage(result.passage)) }],
    footer: { text: MESSAGES.asOf(result.asOf) },
  });
  return { ephemeral: true, embeds: [embed], ...suggestionButtons(result.suggestions) };
}

function renderAnswered(result: Answered): Rendered {
  const embed = fitEmbed({
    color: COLOURS.answer,
    // The channel sees the curated question answered, never the asker's words: those could
    // carry anything ("URGENT from the mods: …") under the bot's name.
    title: inert(result.entry.question),
    description: inert(result.answer),
    fields: result.citations.map((c) => ({
      name: [paragraphLabel(c.paragraph), c.published].filter(Boolean).join(' · '),
      value: quoteBlock(inert(c.quote)),
    })),
    footer: { text: `${strengthText(result)} · ${MESSAGES.asOf(result.asOf)}` },
  });
  const components: ActionRow[] = [
    {
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Success, label: MESSAGES.helpfulButton, emoji: { name: '👍' }, custom_id: encodeAction({ type: 'vote', helpful: true, entryId: result.entry.id }) },
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: MESSAGES.notHelpfulButton, emoji: { name: '👎' }, custom_id: encodeAction({ type: 'vote', helpful: false, entryId: result.entry.id }) },
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
  return { ephemeral: false, embeds: [embed], components };
}

function renderDeclined(result: Declined): Rendered {
  const lines = [];
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

export function renderReload(report: ReloadReport): Rendered {
  const lines: string[] = [];
  if (report.ok) {
    lines.push(MESSAGES.reloadCounts(report.entries, report.drafts, report.sources, report.durationMs));
    lines.push(...describeChanges(report).map(inert));
  } else {
    lines.push(MESSAGES.reloadKept(report.entries, relativeTime(report.loadedAt)), '', MESSAGES.reloadProblemsIntro);
    lines.push(...report.errors.map((p) => `• ${inert(formatProblem(p))}`));
  }
  const replicas = describeReplicas(report.replicas);
  if (replicas.length > 0) lines.push('', ...replicas);
  if (report.warnings.length > 0) {
    lines.push('', MESSAGES.reloadWarningsIntro, ...report.warnings.map((p) => `• ${inert(formatProblem(p))}`));
  }
  const embed = fitEmbed({
    color: report.ok ? COLOURS.ok : COLOURS.problem,
    title: report.ok ? MESSAGES.reloadedTitle : MESSAGES.reloadFailedTitle,
    description: linesWithin(lines, L.embedDescription, MESSAGES.andMore),
  });
  return { ephemeral: true, embeds: [embed] };
}

export function renderAbout(about: AboutInfo): Rendered {
  const lines = about.sources.map((s) => inert(describeSource(s)));
  lines.push('', MESSAGES.aboutCounts(about.entries, about.drafts), MESSAGES.aboutLoaded(relativeTime(about.loadedAt), relativeTime(about.startedAt)));
  const embed = fitEmbed({ color: COLOURS.info, title: MESSAGES.aboutTitle, description: linesWithin(lines, L.embedDescription, MESSAGES.andMore) });
  return { ephemeral: true, embeds: [embed] };
}

export function renderGaps(report: GapReport): Rendered {
  const list = (lines: string[]) => linesWithin(lines.length > 0 ? lines : [MESSAGES.gapsNone], L.fieldValue, MESSAGES.andMore);
  const embed = fitEmbed({
    color: COLOURS.info,
    title: MESSAGES.gapsTitle,
    fields: [
      { name: MESSAGES.gapsDeclined, value: list(report.declined.map((g) => `${g.count}× ${inert(g.question)}`)) },
      { name: MESSAGES.gapsUnhelpful, value: list(report.unhelpful.map((u) => `${inert(u.entryId)}: ${u.unhelpful} 👎 / ${u.helpful} 👍`)) },
      { name: MESSAGES.gapsNeverMatched, value: list(report.neverMatched.map((n) => `${inert(n.entryId)}: ${inert(n.question)}`)) },
    ],
  });
  return { ephemeral: true, embeds: [embed] };
}
