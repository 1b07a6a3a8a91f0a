// Plain-text rendering for the terminal: the answer, then each quote with its paragraph.
import type { AnswerResult, Declined, EntryRef, PassageView } from '../../core/answering/answer.js';
import type { AboutInfo, CommandReply } from '../../core/answering/command.js';
import type { GapReport } from '../../core/curation/gaps.js';
import type { ReloadReport } from '../../core/knowledge/store.js';
import { formatProblem } from '../../core/knowledge/problems.js';
import { declineSentence, passageLabel, passageSegments, replyNotes, strengthText } from '../../core/wording/reply-words.js';
import { whyLines } from '../../core/wording/why-words.js';
import type { Explanation } from '../../core/answering/why.js';
import { describeChanges, describeReplicas } from '../../core/wording/describe.js';
import { aboutLines, gapSections } from '../../core/wording/reports.js';
import { paragraphLabel, quotation, quotationMarks } from '../../core/wording/format.js';
import { MESSAGES } from '../../core/wording/messages.js';
import { isNotice, noticeText } from '../../core/wording/notice.js';

export function renderAnswer(result: AnswerResult): string {
  const notes = replyNotes(result).map((n) => `(${n})`);
  return [...notes, renderBody(result)].join('\n');
}

function renderBody(result: AnswerResult): string {
  if (result.kind === 'decline') return renderDeclined(result);
  if (result.kind === 'passage') {
    return [passageLabel(result), '', ...result.passages.map(passageLine), '', `(${MESSAGES.asOf(result.asOf)})`, ...suggestionLines(result.suggestions)].join('\n');
  }
  const quotes = result.citations.map((c) => `  ${paragraphLabel(c.paragraph)}: ${quotation(c.quote)}`);
  const related = result.related.length > 0 ? ['', MESSAGES.relatedIntro, ...result.related.map((r) => `  • ${r.question}`)] : [];
  return [result.answer, '', ...quotes, '', `(${MESSAGES.asOf(result.asOf)}, ${strengthText(result)})`, ...related].join('\n');
}

/** "Why this answer?", a line each, under its title. */
export function renderWhy(why: Explanation): string {
  return [`${MESSAGES.whyTitle}:`, ...whyLines(why).map((l) => `  ${l}`)].join('\n');
}

function renderDeclined(result: Declined): string {
  const lines = [declineSentence(result)];
  if (result.nearest) lines.push('', MESSAGES.nearestIntro, passageLine(result.nearest));
  lines.push(...suggestionLines(result.suggestions));
  return lines.join('\n');
}

/** A passage with its matched words between asterisks, as plain text shows emphasis. */
function passageLine(passage: PassageView): string {
  const [open, close] = quotationMarks(passage.quote);
  const text = passageSegments(passage).map((s) => (s.matched ? `*${s.text}*` : s.text)).join('');
  return `  ${paragraphLabel(passage.paragraph)}: ${open}${text}${close}`;
}

function suggestionLines(suggestions: readonly EntryRef[]): string[] {
  return suggestions.length > 0 ? ['', MESSAGES.suggestionsIntro, ...suggestions.map((s) => `  • ${s.question}`)] : [];
}

export function renderReload(report: ReloadReport): string {
  const lines: string[] = [];
  if (report.ok) {
    lines.push(MESSAGES.reloaded(report.entries, report.drafts, report.sources, report.durationMs));
    lines.push(describeChanges(report).join('; '));
  } else {
    lines.push(MESSAGES.reloadFailed(report.entries));
    lines.push(...report.errors.map((p) => `  ${formatProblem(p)}`));
  }
  lines.push(...describeReplicas(report.replicas));
  lines.push(...report.warnings.map((p) => `  ${formatProblem(p)}`));
  return lines.join('\n');
}

export function renderAbout(about: AboutInfo): string {
  return aboutLines(about).join('\n');
}

export function renderReply(reply: CommandReply): string {
  if (isNotice(reply)) return noticeText(reply);
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

/** With `phrasings`, each group of declined questions lists its other wordings too. */
export function renderGaps(report: GapReport, options: { phrasings?: boolean } = {}): string {
  const [declined, ...rest] = gapSections(report);
  const lines = [`${declined!.title}:`];
  declined!.items.forEach((item, i) => {
    lines.push(`  ${item}`);
    if (options.phrasings && report.declined[i]) lines.push(...report.declined[i]!.phrasings.slice(1).map((p) => `       also: ${p}`));
  });
  for (const section of rest) lines.push(`${section.title}:`, ...section.items.map((i) => `  ${i}`));
  return lines.join('\n');
}
