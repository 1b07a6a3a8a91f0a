// Splits a story as received into numbered paragraphs. The first line starts with
// "date YYYY-MM-DD": the publication date, which is metadata and not story text.

const DATE_PREFIX = /^\s*date (\d{4}-\d{2}-\d{2})\s+/;

export interface SplitStory {
  date: string | null;
  paragraphs: string[];
}

export function splitStory(text: string): SplitStory {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
  const first = blocks[0] ?? '';
  const date = DATE_PREFIX.exec(first)?.[1] ?? null;
  if (date) blocks[0] = first.replace(DATE_PREFIX, '');
  return { date, paragraphs: blocks };
}
