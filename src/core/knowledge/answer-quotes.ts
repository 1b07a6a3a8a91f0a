// Every quotation in an answer's own text must be the story's: words in quotation marks
// (straight or curly) that the story does not have, or that the answer's sentence gives to
// someone other than the person the story gives them to, would be served as a quote the
// story never printed. An unpaired quotation mark is reported too: it hides where a
// quotation ends.
import { foldCase, normalizeForQuote, straightenPunctuation } from '../text/normalize.js';
import type { Problem } from './problems.js';
import type { AliasGroup, Entry, Source, Statement } from './types.js';

const PRONOUNS = /\b(?:he|she|they|his|her|hers|their|him|them)\b/;

export function checkAnswerQuotes(entries: readonly Entry[], sources: ReadonlyMap<string, Source>, aliases: readonly AliasGroup[], statements: readonly Statement[]): Problem[] {
  const paragraphs = [...sources.values()].flatMap((s) => s.paragraphs.map(normalizeForQuote));
  const people = aliases.filter((a) => a.person);
  const problems: Problem[] = [];
  for (const entry of entries) {
    const report = (message: string) =>
      problems.push({ code: 'quote-not-verbatim', severity: 'error', file: entry.origin.file, line: entry.origin.lineOf?.(['answer']) ?? entry.origin.line, field: `${entry.id}.answer`, message });
    const text = straightenPunctuation(entry.answer);
    if ((text.match(/"/g)?.length ?? 0) % 2 === 1) report('has a quotation mark without its pair: close the quotation, or take the mark out');
    for (const quote of quotationsIn(text)) {
      const words = normalizeForQuote(quote.words);
      if (!words) continue;
      if (!paragraphs.some((p) => p.includes(words))) {
        report(`puts “${quote.words}” in quotation marks, but the story has no such words: quote the story word for word, or drop the marks`);
        continue;
      }
      // Whom the story gives the words to, when it quotes them, and whom the answer's sentence
      // names. Words of the story's own narration ("more than a decade ago") have no speaker.
      const speakers = new Set(statements.filter((s) => s.quoted && s.speaker && normalizeForQuote(s.words).includes(words)).map((s) => s.speaker!));
      if (speakers.size === 0) continue;
      const sentence = foldCase(quote.sentence);
      const named = people.filter((p) => p.terms.some((term) => new RegExp(`\\b${escape(foldCase(term))}\\b`).test(sentence)));
      if (named.length === 0 || named.some((p) => speakers.has(p.canonical)) || PRONOUNS.test(sentence)) continue;
      const said = people.filter((p) => speakers.has(p.canonical)).map((p) => p.name ?? p.canonical);
      report(`gives “${quote.words}” to ${named.map((p) => p.name ?? p.canonical).join(' or ')}, but the story gives those words to ${said.join(' and ') || [...speakers].join(' and ')}`);
    }
  }
  return problems;
}

/** Each pair of double quotation marks in straightened text, with the sentence around it. */
function quotationsIn(text: string): { words: string; sentence: string }[] {
  // Sentence ends are looked for outside quotations only: "… at all. New elections." is one.
  const masked = text.replace(/"[^"]*"/g, (q) => `"${'x'.repeat(q.length - 2)}"`);
  return [...text.matchAll(/"([^"]+)"/g)].map((m) => {
    const start = Math.max(masked.lastIndexOf('. ', m.index), masked.lastIndexOf('; ', m.index), masked.lastIndexOf('? ', m.index), -1) + 1;
    const ends = ['. ', '; ', '? '].map((end) => masked.indexOf(end, m.index + m[0].length)).filter((i) => i >= 0);
    return { words: m[1]!, sentence: text.slice(start, ends.length ? Math.min(...ends) : text.length) };
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
