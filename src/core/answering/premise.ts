// Whether a curated answer the search found fits what the question asks: in its form (see
// forms.ts), and in whom it is about. A question that gives one person's act to another
// ("Why did Streeting side with Musk on jailing Phillips?") must not get the answer about
// the act, which would leave the false premise standing: it gets the story's correction.
import type { Entry } from '../knowledge/types.js';
import type { EngineConfig } from '../search/config.js';
import type { Match, SearchOutcome } from '../search/engine.js';
import type { SearchIndex } from '../search/search-index.js';
import { blockAnswer, type Blocked } from './guards.js';
import { unfitForm } from './forms.js';
import { namedPeople } from './speakers.js';

/**
 * For a best match good enough to give (a weak one was never going to be the answer): why
 * it must not be, and the next match good enough to give that does fit, if one does
 * ("…what day was that?" when the best gives no day). `read` is the question with its
 * typos mended, for the guards.
 */
export function fitOf(index: SearchIndex, config: EngineConfig, question: string, read: string, outcome: SearchOutcome): { unfit?: Blocked; instead?: Match } | undefined {
  const [best, ...rest] = outcome.matches;
  const { answerThreshold } = config.calibration;
  if (!best || best.confidence < answerThreshold) return undefined;
  const unfit = unfitAnswer(index, question, best.entry);
  if (!unfit) return undefined;
  // Another entry may give the form asked; a misattributed act is corrected, not rerouted.
  const instead = unfit.reason !== 'form-not-given' ? undefined : rest
    .slice(0, RUNNERS_UP)
    .find((m) => m.confidence >= answerThreshold && !blockAnswer(index, read, { ...outcome, matches: [m] }) && !unfitAnswer(index, question, m.entry));
  return instead ? { instead } : { unfit };
}

/** How far down the matches a curated answer of the asked form is looked for. */
const RUNNERS_UP = 3;

/** Why the entry must not be served as the answer, if it must not. */
export function unfitAnswer(index: SearchIndex, question: string, entry: Entry): Blocked | undefined {
  const wrong = misattributed(index, question, entry);
  if (wrong) return { reason: 'misattributed', subject: index.quotes.personName(wrong.actor), notBy: index.quotes.personName(wrong.about), passageAllowed: true, namesMissing: true };
  const form = unfitForm(index, question, entry);
  if (form) return { reason: 'form-not-given', subject: form.form, passageAllowed: true, namesMissing: true };
  return undefined;
}

/**
 * The person the entry reports the act of, when the question gives that act to someone
 * else: the question names two or more of the story's people, the first of them (the one
 * it is about) appears nowhere in the entry's question or answer, and the answer's first
 * named person, who does, is named in the question too.
 */
export function misattributed(index: SearchIndex, question: string, entry: Entry): { actor: string; about: string } | undefined {
  const asked = distinct(namedPeople(index, question).map((p) => p.term));
  if (asked.length < 2) return undefined;
  const about = asked[0]!;
  const inEntry = distinct([...namedPeople(index, entry.question), ...namedPeople(index, entry.answer)].map((p) => p.term));
  if (inEntry.includes(about)) return undefined;
  const actor = namedPeople(index, entry.answer)[0]?.term ?? namedPeople(index, entry.question)[0]?.term;
  return actor && actor !== about && asked.includes(actor) ? { actor, about } : undefined;
}

function distinct(terms: string[]): string[] {
  return [...new Set(terms)];
}
