// An independent reading of the story files, for checking that a quote the bot shows is
// really in the story: it does not use the loader's own paragraph splitting or matching.
import { readFileSync } from 'node:fs';
import path from 'node:path';

function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^[.…\s]+|[.…\s]+$/g, '');
}

/** Paragraph n of the story in `dir`/sources/`id`.txt is element n - 1. */
export function storyParagraphs(dir: string, id: string): string[] {
  const text = readFileSync(path.join(dir, 'sources', `${id}.txt`), 'utf8');
  return text
    .replace(/^\s*date \d{4}-\d{2}-\d{2}\s+/, '')
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Whether `quote` is, but for case, spacing and curly quotes, part of that paragraph. */
export function isQuoteFrom(dir: string, citation: { source: string; paragraph: number; quote: string }): boolean {
  const paragraph = storyParagraphs(dir, citation.source)[citation.paragraph - 1];
  return paragraph !== undefined && comparable(citation.quote).length > 0 && comparable(paragraph).includes(comparable(citation.quote));
}
