// Splits a paragraph into sentences, the unit a passage reply quotes. A full stop inside a
// quotation does not end the sentence around it: “The people of Britain do not want this
// government at all. New elections,” he wrote — is one sentence, so that the quote and its
// attribution stay together.

export interface Sentence {
  /** Verbatim text of the sentence, as it stands in the paragraph. */
  text: string;
  /** Where it starts in the paragraph. */
  start: number;
}

const OPENING = new Set(['“', '‘', '«']);
const CLOSING = new Set(['”', '’', '»']);
const STRAIGHT_DOUBLE = '"';

export function splitSentences(paragraph: string): Sentence[] {
  const sentences: Sentence[] = [];
  let depth = 0;
  let straightOpen = false;
  let start = 0;
  for (let i = 0; i < paragraph.length; i++) {
    const ch = paragraph[i]!;
    if (OPENING.has(ch)) depth++;
    else if (CLOSING.has(ch) && ch !== '’') depth = Math.max(0, depth - 1);
    else if (ch === '’' && depth > 0 && !/\p{L}/u.test(paragraph[i + 1] ?? '')) depth--;
    else if (ch === STRAIGHT_DOUBLE) straightOpen = !straightOpen;
    if (depth > 0 || straightOpen) continue;
    if (!/[.?!]/.test(ch)) continue;
    // The sentence ends after its closing punctuation and any quotation mark that follows.
    let end = i + 1;
    while (end < paragraph.length && (CLOSING.has(paragraph[end]!) || paragraph[end] === STRAIGHT_DOUBLE)) end++;
    const next = paragraph.slice(end).match(/^\s+(\S)/u);
    if (!next) continue;
    if (!/[\p{Lu}\d“‘"«]/u.test(next[1]!)) continue;
    push(sentences, paragraph, start, end);
    start = end + next[0].length - 1;
    i = start - 1;
  }
  push(sentences, paragraph, start, paragraph.length);
  return sentences;
}

function push(sentences: Sentence[], paragraph: string, start: number, end: number): void {
  const raw = paragraph.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (text) sentences.push({ text, start: start + lead });
}
