// Every command reply as a Slack message. Reload reports, the about text and the gap report
// echo the knowledge files and logged questions, so they are escaped like answers.
import type { AboutInfo, CommandReply } from '../../core/answering/command.js';
import type { GapReport } from '../../core/curation/gaps.js';
import type { ReloadReport } from '../../core/knowledge/store.js';
import { formatProblem, type Problem } from '../../core/knowledge/problems.js';
import { describeChanges, describeReplicas } from '../../core/wording/describe.js';
import { aboutLines, gapSections } from '../../core/wording/reports.js';
import { MESSAGES } from '../../core/wording/messages.js';
import { isNotice, noticeText } from '../../core/wording/notice.js';
import { message, notice, section, type Block, type SlackMessage } from './blocks.js';
import { escapeMrkdwn } from './markup.js';
import { renderAnswer, type AnswerOptions } from './render-answer.js';

export function renderReply(reply: CommandReply, options: AnswerOptions): SlackMessage {
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

export function renderReload(report: ReloadReport): SlackMessage {
  const summary: string[] = [];
  if (report.ok) {
    summary.push(MESSAGES.reloaded(report.entries, report.drafts, report.sources, report.durationMs));
    summary.push(describeChanges(report).join('; '));
  } else {
    summary.push(MESSAGES.reloadFailed(report.entries));
  }
  summary.push(...describeReplicas(report.replicas));
  const text = escapeMrkdwn(summary.join('\n'));
  const blocks: Block[] = [section(text)];
  const problems = [...report.errors, ...report.warnings];
  if (problems.length > 0) blocks.push(section(problemList(problems)));
  return message(text, blocks);
}

function problemList(problems: readonly Problem[]): string {
  return problems.map((p) => `• ${escapeMrkdwn(formatProblem(p))}`).join('\n');
}

export function renderAbout(about: AboutInfo): SlackMessage {
  const text = escapeMrkdwn(aboutLines(about).join('\n'));
  return message(text, [section(text)]);
}

export function renderGaps(report: GapReport): SlackMessage {
  const blocks = gapSections(report).map((s) => section(`*${escapeMrkdwn(s.title)}*\n${s.items.map((i) => `• ${escapeMrkdwn(i)}`).join('\n')}`));
  return message(escapeMrkdwn(MESSAGES.gapsTitle), blocks);
}
