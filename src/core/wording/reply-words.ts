// The sentences around a reply that every platform shows the same way: why a question was
// declined, what a passage reply is, and how strong a match is. Each adapter adds only its
// own markup around them.
import { MAX_QUESTION_LENGTH, type Answered, type AnswerResult, type Declined, type PassageReply, type PassageView } from '../answering/answer.js';
import { LANGUAGE_NAMES } from '../answering/languages.js';
import { MESSAGES } from './messages.js';

export function declineSentence(declined: Pick<Declined, 'reason' | 'subject' | 'notBy'>): string {
  switch (declined.reason) {
    case 'too-long':
      return MESSAGES.declineTooLong(MAX_QUESTION_LENGTH);
    case 'empty':
      return MESSAGES.declineEmpty;
    case 'not-supplied':
      return MESSAGES.declineNotSupplied(declined.subject ?? 'that');
    case 'no-words-of':
      return MESSAGES.declineNoWordsOf(declined.subject ?? 'that person');
    case 'not-verbatim':
      return MESSAGES.declineNotVerbatim;
    case 'unresolved':
      return MESSAGES.declineUnresolved;
    case 'other-language':
      return MESSAGES.declineOtherLanguage(declined.subject ?? 'another language');
    case 'not-in-story':
      return MESSAGES.declineNotInStory;
    case 'form-not-given':
      return MESSAGES.declineFormNotGiven(declined.subject ?? '');
    case 'misattributed':
      return MESSAGES.declineMisattributed(declined.subject ?? 'someone else', declined.notBy);
  }
}

/**
 * Lines above a reply that say how the question was taken: as a follow-up of an earlier
 * answer, or in another language and answered in English.
 */
export function replyNotes(result: AnswerResult): string[] {
  const notes: string[] = [];
  if (result.followUp) notes.push(MESSAGES.followingUp(result.followUp.to.question));
  if (result.language && result.kind === 'answer') notes.push(MESSAGES.otherLanguageNote(LANGUAGE_NAMES[result.language]));
  return notes;
}

/** Says plainly that passages are the story's words, not an answer someone curated. */
export function passageLabel(passage: Pick<PassageReply, 'check'> & { passages?: readonly unknown[] }): string {
  if (passage.check) return MESSAGES.closestWordingLabel;
  return (passage.passages?.length ?? 1) > 1 ? MESSAGES.passagesLabel : MESSAGES.passageLabel;
}

export function strengthText(answer: Pick<Answered, 'strength' | 'confidence'>): string {
  return MESSAGES.strength(answer.strength, answer.confidence);
}

/** A passage cut into runs of plain and matched words, for each platform to mark up its way. */
export function passageSegments(passage: Pick<PassageView, 'quote' | 'highlights'>): { text: string; matched: boolean }[] {
  const segments: { text: string; matched: boolean }[] = [];
  let at = 0;
  for (const [start, end] of passage.highlights) {
    if (start < at || end > passage.quote.length) continue;
    if (start > at) segments.push({ text: passage.quote.slice(at, start), matched: false });
    segments.push({ text: passage.quote.slice(start, end), matched: true });
    at = end;
  }
  if (at < passage.quote.length) segments.push({ text: passage.quote.slice(at), matched: false });
  return segments;
}
