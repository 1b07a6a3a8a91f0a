// Whether a curated answer the search found fits what the question asks: in its form (see
// forms.ts), and in whom it is about. A question that gives one person's act to another
// ("Why did Streeting side with Musk on jailing Phillips?") must not get the answer about
// the act, which would leave the false premise standing: it gets the story's correction.
import type { Entry } from '../knowledge/types.js';
import type { SearchIndex } from '../search/search-index.js';
import type { Blocked } from './guards.js';
import { unfitForm } from './forms.js';
import { namedPeople } from './speakers.js';

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
