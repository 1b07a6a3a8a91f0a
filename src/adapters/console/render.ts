// Plain-text rendering for the terminal: the answer, then each quote with its paragraph.
import type { AnswerResult } from '../../core/answer.js';
import type { AboutInfo, CommandReply } from '../../core/command.js';
import type { GapReport } from '../../core/gaps.js';
import type { ReloadReport } from '../../core/knowledge-store.js';
import { formatProblem } from '../../core/knowledge/problems.js';
import { MAX_QUESTION_LENGTH } from '../../core/answer.js';
import { MESSAGES } from '../../core/messages.js';

export function renderAnswer(result: AnswerResult): string {
  if (!result.answered) {
    const lines = [declineText(result.reason)];
    if (result.suggestions.length > 0) {
      lines.push('', MESSAGES.suggestionsIntro, ...result.suggestions.map((s) => `  • ${s.question}`));
    }
    if (result.closestPassage && result.reason === 'not-in-story') lines.push('', MESSAGES.hintIntro(result.closestPassage.paragraph));
    return lines.join('\n');
  }
  const quotes = result.citations.map((c) => `  ¶${c.paragraph}  “${c.quote}”`);
  const related = result.related.length > 0 ? ['', 'Related:', ...result.related.map((r) => `  • ${r.question}`)] : [];
  return [result.answer, '', ...quotes, '', `(${MESSAGES.asOf(result.asOf)}, ${MESSAGES.confidence(result.confidence)})`, ...related].join('\n');
}

export function declineText(reason: string): string {
  if (reason === 'too-long') return MESSAGES.declineTooLong(MAX_QUESTION_LENGTH);
  if (reason === 'empty') return MESSAGES.declineEmpty;
  return MESSAGES.declineNotInStory;
}

export function renderReload(report: ReloadReport): string {
  const lines: string[] = [];
  if (report.ok) {
    lines.push(`Reloaded: ${report.entries} entries (${report.drafts} drafts), ${report.sources} source(s) in ${Math.round(report.durationMs)} ms.`);
    const changes = [
      ['added', report.added],
      ['removed', report.removed],
      ['changed', report.changed],
    ] as const;
    const described = changes.filter(([, ids]) => ids.length > 0).map(([what, ids]) => `${what}: ${ids.join(', ')}`);
    lines.push(described.length > 0 ? described.join('; ') : 'No entries changed.');
  } else {
    lines.push(`Reload failed; still serving the previous knowledge base (${report.entries} entries).`);
    lines.push(...report.errors.map((p) => `  ${formatProblem(p)}`));
  }
  lines.push(...report.warnings.map((p) => `  ${formatProblem(p)}`));
  return lines.join('\n');
}

export function renderAbout(about: AboutInfo): string {
  const sources = about.sources.map((s) => {
    const unknown = [s.headline ? null : 'headline', s.outlet ? null : 'outlet', s.url ? null : 'URL'].filter(Boolean);
    return [`Story ${s.id}, dated ${s.published}.`, s.summary ?? '', unknown.length ? `Its ${unknown.join(', ')} were not supplied.` : ''].filter(Boolean).join(' ');
  });
  return [...sources, `${about.entries} curated questions (${about.drafts} drafts), last loaded ${about.loadedAt.toISOString()}.`].join('\n');
}

export function renderReply(reply: CommandReply): string {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.result);
    case 'reload':
      return renderReload(reply.report);
    case 'about':
      return renderAbout(reply.about);
    case 'refused':
      return MESSAGES.notAdmin;
    case 'rate-limited':
      return MESSAGES.rateLimited(reply.retryAfterSeconds);
    case 'shutting-down':
      return MESSAGES.shuttingDown;
    case 'gaps':
      return renderGaps(reply.report);
    case 'gaps-unavailable':
      return MESSAGES.gapsUnavailable;
  }
}

/** With `phrasings`, each group of declined questions lists its other wordings too. */
export function renderGaps(report: GapReport, options: { phrasings?: boolean } = {}): string {
  const lines = ['Declined questions:'];
  if (report.declined.length === 0) lines.push('  none');
  for (const g of report.declined) {
    lines.push(`  ${g.count}× ${g.question} (first ${g.firstSeen.toISOString().slice(0, 10)}, last ${g.lastSeen.toISOString().slice(0, 10)})`);
    if (options.phrasings) lines.push(...g.phrasings.slice(1).map((p) => `       also: ${p}`));
  }
  lines.push('Answers voted unhelpful:');
  if (report.unhelpful.length === 0) lines.push('  none');
  for (const u of report.unhelpful) lines.push(`  ${u.entryId}: ${u.unhelpful} unhelpful, ${u.helpful} helpful (${u.question})`);
  lines.push('Entries never matched:');
  if (report.neverMatched.length === 0) lines.push('  none');
  for (const n of report.neverMatched) lines.push(`  ${n.entryId}: ${n.question}`);
  return lines.join('\n');
}
