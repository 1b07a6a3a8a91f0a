// Platform-neutral replies in, Discord messages out, everything cut to Discord's limits.
// Answers (render-answer.ts) go where their asker chose; reports and refusals concern only
// the person who asked.
import type { AboutInfo, CommandReply } from '../../core/answering/command.js';
import type { GapReport } from '../../core/curation/gaps.js';
import { describeChanges, describeReplicas } from '../../core/wording/describe.js';
import { relativeTime } from '../../core/wording/format.js';
import { aboutLines, gapSections } from '../../core/wording/reports.js';
import type { ReloadReport } from '../../core/knowledge/store.js';
import { formatProblem } from '../../core/knowledge/problems.js';
import { MESSAGES } from '../../core/wording/messages.js';
import { isNotice, noticeText } from '../../core/wording/notice.js';
import { DISCORD_LIMITS as L, fitEmbed, linesWithin } from './limits.js';
import { inert } from './markup.js';
import { renderAnswer, type AnswerOptions } from './render-answer.js';
import { COLOURS, notice, type Rendered } from './rendered.js';

export { notice, RELATED_MENU_ID, type ActionRow, type Rendered } from './rendered.js';
export { renderAnswer, type AnswerOptions } from './render-answer.js';

export function renderReply(reply: CommandReply, options: AnswerOptions = {}): Rendered {
  if (isNotice(reply)) return notice(noticeText(reply));
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.result, { ...options, ...(reply.replyId ? { replyId: reply.replyId } : {}) });
    case 'reload':
      return renderReload(reply.report);
    case 'about':
      return renderAbout(reply.about);
    case 'gaps':
      return renderGaps(reply.report);
  }
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
  const embed = fitEmbed({ color: COLOURS.info, title: MESSAGES.aboutTitle, description: linesWithin(aboutLines(about).map(inert), L.embedDescription, MESSAGES.andMore) });
  return { ephemeral: true, embeds: [embed] };
}

export function renderGaps(report: GapReport): Rendered {
  const list = (lines: string[]) => linesWithin(lines.map(inert), L.fieldValue, MESSAGES.andMore);
  const embed = fitEmbed({ color: COLOURS.info, title: MESSAGES.gapsTitle, fields: gapSections(report).map((s) => ({ name: s.title, value: list(s.items) })) });
  return { ephemeral: true, embeds: [embed] };
}
