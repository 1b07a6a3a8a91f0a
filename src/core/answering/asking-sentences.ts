// In chat a question often comes with an aside, before or after it: "… in which job? Sorry,
// English is not my first language", "ngl musk seems unhinged lately, but what did he
// actually say about the election?". The words of the aside dilute the match, so the parts
// that ask are also searched on their own.

const SENTENCE_END = /(?<=[?!.])\s+(?=\S)/;
/** A clause that turns from an aside to the question: "…, but what did he say…". */
const TURN = /(?:^|[,;:]\s*|\s)(?:but|so|anyway|though|tbh|honestly)\s+(?=(?:what|who|whom|whose|when|where|why|how|which|did|does|do|is|was|were|has|have|can|could|should|would)\b)/i;
const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * The sentences ending in "?" when there are several, and the asking clause after a turn
 * such as "but"; none when the text is one plain question.
 */
export function askingSentences(text: string): string[] {
  const sentences = text.split(SENTENCE_END).filter((s) => HAS_WORD.test(s));
  const asking = sentences.length < 2 ? [] : sentences.filter((s) => /\?\s*$/.test(s));
  const clauses = (asking.length > 0 ? asking : sentences).flatMap((s) => {
    const turn = TURN.exec(s);
    if (!turn || turn.index === 0) return [];
    const rest = s.slice(turn.index + turn[0].length);
    return HAS_WORD.test(rest) ? [rest] : [];
  });
  return [...asking, ...clauses];
}
