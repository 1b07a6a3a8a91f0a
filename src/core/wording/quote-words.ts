// The sentences of a quote check. They quote only the story's own wording, never the
// asker's: what a reply shows in public must be the bot's text or the story's.
import type { QuoteCheck } from '../answering/reply-types.js';
import type { PhraseHit } from '../search/phrase-finder.js';
import { paragraphLabel, quotation } from './format.js';


export const QUOTE_WORDS = Object.freeze({
  found(hit: PhraseHit, check: QuoteCheck, attribution: string | undefined, notSaidBy: string | undefined, spokenOf?: { story: string; asked: string }): string {
    const where = hit.exact
      ? `${quotation(hit.wording)} is in the story, in ${paragraphLabel(hit.sentence.paragraph)}.`
      : `The story writes it ${quotation(hit.wording)}, in ${paragraphLabel(hit.sentence.paragraph)}.`;
    let how: string;
    if (check.quoted && check.speaker) how = `It stands in quotation marks there, attributed to ${check.speaker}.`;
    else if (check.quoted && attribution) how = `It stands in quotation marks there, as ${attribution}.`;
    else if (check.quoted) how = 'It stands in quotation marks there.';
    else if (check.speaker) how = `It is the story's own wording, not in quotation marks, reporting what ${check.speaker} said.`;
    else how = "It is the story's own wording, not in quotation marks.";
    const mismatch = notSaidBy && check.speaker ? ` The story attributes these words to ${check.speaker}, not to ${notSaidBy}.` : '';
    const subject = spokenOf ? ` The story reports them as said about ${spokenOf.story}, not about ${spokenOf.asked}.` : '';
    return `${where} ${how}${mismatch}${subject}`;
  },
  spelled(hit: PhraseHit): string {
    return `The story writes it ${quotation(hit.wording)}, in ${paragraphLabel(hit.sentence.paragraph)}.`;
  },
  quotesOf(name: string): string {
    return `The story quotes ${name} in these words:`;
  },
  absent: 'The story does not use those words.',
  othersAbsent: 'The story does not use the other words the question quotes.',
  closest: 'The story does not use those words. Its closest wording:',
});
