// Which declined questions are worth a draft entry: only questions about the story. The
// rest are no gap in the knowledge base and a draft of them is only noise to delete:
// questions about something else ("what is the capital of Peru?"), follow-ups that meant
// something only after an earlier answer ("did she reply?"), lines too long to be a
// question, questions about what the story does not supply ("who wrote this article?"),
// and quote checks, which are answered from the story already.
import type { AnswerResult } from '../answering/reply-types.js';
import { foldCase } from '../text/normalize.js';
import type { Knowledge } from '../knowledge/types.js';

export interface StoryTopics {
  /** Words that name what the story is about: every alias term, and the story's proper nouns. */
  names: ReadonlySet<string>;
  /** Alias terms of more than one word, matched as phrases. */
  phrases: readonly string[];
}

export function storyTopics(knowledge: Knowledge, isWord: (word: string) => boolean): StoryTopics {
  const terms = knowledge.aliases.flatMap((a) => a.terms.map(foldCase));
  // Capitalised words of the story that are no ordinary English word: Rochdale, Oldham, EDL.
  const properNouns = [...knowledge.sources.values()].flatMap((s) => s.paragraphs.flatMap((p) => p.match(/\b[A-Z][\p{L}]{2,}\b/gu) ?? [])).map(foldCase).filter((w) => !isWord(w));
  return { names: new Set([...terms.filter((t) => !t.includes(' ')), ...properNouns]), phrases: terms.filter((t) => t.includes(' ')) };
}

/** Whether a declined question (as asked, and as the engine corrected it) deserves a draft. */
export function deservesDraft(result: AnswerResult, wordings: readonly string[], topics: StoryTopics): boolean {
  if (result.kind === 'answer') return false;
  if (result.kind === 'decline' && result.reason !== 'not-in-story') return false;
  return wordings.some((wording) => {
    const text = foldCase(wording);
    const words = text.match(/[\p{L}\p{N}'-]+/gu) ?? [];
    return words.some((w) => topics.names.has(w) || topics.names.has(w.replace(/'s$/, ''))) || topics.phrases.some((p) => text.includes(p));
  });
}
