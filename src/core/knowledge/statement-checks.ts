// Checks the reviewed list of who says what (knowledge/quotations.yaml) against the story:
// the words must stand verbatim in their paragraph, words marked as quoted must fill a pair
// of quotation marks there, the speaker must be someone the aliases name, and every
// quotation in the story must be in the list, so that a quote check never has to guess
// whom a quotation belongs to.
import { normalizeForQuote, straightenPunctuation } from '../text/normalize.js';
import type { Problem } from './problems.js';
import type { AliasGroup, Entry, Source, Statement } from './types.js';

export function checkStatements(
  statements: readonly Statement[],
  sources: ReadonlyMap<string, Source>,
  aliases: readonly AliasGroup[],
  entries: readonly Entry[],
  /** Sources whose own problems are reported already: statements citing them are not reported again. */
  unusableSources: ReadonlySet<string> = new Set(),
): Problem[] {
  if (statements.length === 0) return [];
  const problems: Problem[] = [];
  const speakers = new Set(aliases.map((a) => a.canonical));
  const entryIds = new Set(entries.map((e) => e.id));
  const seen = new Set<string>();
  for (const statement of statements) {
    const at = (field: string, code: Problem['code'], message: string, severity: Problem['severity'] = 'error') =>
      problems.push({ code, severity, file: statement.origin.file, line: statement.origin.line, field: `${statement.id}.${field}`, message });
    if (seen.has(statement.id) || entryIds.has(statement.id)) at('id', 'duplicate-id', `the id "${statement.id}" is already used by another statement or entry`);
    seen.add(statement.id);
    if (statement.speaker !== null && !speakers.has(statement.speaker)) {
      at('speaker', 'schema', `names "${statement.speaker}", which is no canonical name in aliases.yaml`);
    }
    const source = sources.get(statement.source);
    if (!source && unusableSources.has(statement.source)) continue;
    if (!source) {
      at('source', 'unknown-source', `names the source "${statement.source}", which does not exist`);
      continue;
    }
    const paragraph = source.paragraphs[statement.paragraph - 1];
    if (paragraph === undefined) {
      at('paragraph', 'paragraph-out-of-range', `is ${statement.paragraph}, but "${source.id}" has paragraphs 1 to ${source.paragraphs.length}`);
      continue;
    }
    if (!normalizeForQuote(paragraph).includes(normalizeForQuote(statement.words))) {
      at('words', 'quote-not-verbatim', `are not a verbatim excerpt of paragraph ${statement.paragraph}: "${statement.words}"`);
      continue;
    }
    if (statement.quoted && !quotationsOf(paragraph).some((q) => sameWords(q, statement.words))) {
      at('quoted', 'quote-not-verbatim', `is true, but "${statement.words}" does not fill a pair of quotation marks in paragraph ${statement.paragraph}`);
    }
  }
  for (const source of sources.values()) {
    source.paragraphs.forEach((paragraph, i) => {
      for (const quotation of quotationsOf(paragraph)) {
        const listed = statements.some((s) => s.quoted && s.source === source.id && s.paragraph === i + 1 && sameWords(quotation, s.words));
        if (!listed) {
          problems.push({ code: 'unattributed-quotation', severity: 'warning', file: 'quotations.yaml', message: `paragraph ${i + 1} of "${source.id}" quotes "${quotation}", which no statement attributes` });
        }
      }
    });
  }
  return problems;
}

/** The text inside each pair of double quotation marks of a paragraph, curly or straight. */
export function quotationsOf(paragraph: string): string[] {
  const straight = straightenPunctuation(paragraph);
  return [...straight.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

/** The same words, ignoring case, spacing and the punctuation a quotation ends with. */
function sameWords(a: string, b: string): boolean {
  const trim = (s: string) => normalizeForQuote(s).replace(/[,.;:!?]+$/, '');
  return trim(a) === trim(b);
}
