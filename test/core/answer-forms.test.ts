// Answers that fit the question (issue 19, item 4): the form a question asks for, the forms
// an entry answers, and questions built on a false premise, on the real knowledge base.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerResult } from '../../src/core/answering/answer.js';
import { askedForm, formsOfEntry } from '../../src/core/answering/forms.js';
import { checkForms } from '../../src/core/knowledge/answer-forms.js';
import { entrySchema } from '../../src/core/knowledge/schema.js';
import type { Entry } from '../../src/core/knowledge/types.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { declineSentence } from '../../src/core/wording/reply-words.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

let store: KnowledgeStore;
beforeAll(async () => {
  store = await KnowledgeStore.open(REAL_KNOWLEDGE, { isWord: isEnglishWord });
});

/** What a reply says first: the decline's sentence, or the answer or passage itself. */
function said(result: AnswerResult): string {
  if (result.kind === 'decline') return declineSentence(result);
  return result.kind === 'answer' ? result.answer : result.passage.quote;
}

describe('the form a question asks for', () => {
  it.each([
    ['how old is starmer anyway', 'age', undefined],
    ['what age is jess phillips', 'age', undefined],
    ['how old is the oldham report', 'time', undefined],
    ['how many posts did musk make exactly', 'count', 'posts'],
    ['how long is robinson in jail for', 'count', 'duration'],
    ['the girls abuse, it become known how many years ago?', 'time', undefined],
    ['In which years was the PM in charge of prosecutions?', 'time', 'year'],
    ['When did Streeting respond?', 'time', undefined],
    ["who's elon when he's at home", 'person', undefined],
    ['Who authored the 2022 Oldham report?', 'person', 'authored'],
    ['who will chair the local oldham inquiry', 'person', 'chair'],
    ['Which court handed Robinson his sentence?', 'place', undefined],
    ['where is oldham', 'place', undefined],
    ['what sparked the anti-immigrant riots last summer', 'reason', undefined],
    ['Why did Streeting side with Musk?', 'reason', 'why'],
    ['did starmer let grooming gangs off when he was dpp', 'yes-no', undefined],
    ['what does two-tier mean when it comes to protests', undefined, undefined],
  ])('%s -> %s', (question, form, focus) => {
    const asked = askedForm(question);
    expect(asked?.form).toBe(form);
    expect(asked?.focus).toBe(focus);
  });
});

describe('a curated answer that does not give the form asked is not served as the answer', () => {
  it.each([
    // The examples, then unseen questions of the same kinds.
    ['how old is starmer anyway', "The story does not give anyone's age."],
    ['Who authored the 2022 Oldham report?', 'The story does not say who.'],
    ['how many posts did musk make exactly', 'The story does not give that number.'],
    ['who will chair the local oldham inquiry', 'The story does not say who.'],
    ['Which court jailed Robinson?', 'The story does not say where.'],
    ['how many seats did labour win in july 2024', 'The story does not give that number.'],
    ['what sparked the anti-immigrant riots last summer', 'The story does not give the reason.'],
    ['Which years exactly was Starmer director of public prosecutions?', 'The story does not give that date or time.'],
  ])('%s', (question, sentence) => {
    const result = store.ask(question);
    expect(result.kind).toBe('decline');
    expect(said(result)).toBe(sentence);
    // The story's words still go with it, under the decline, when the question is about the story.
    expect(result.kind === 'decline' && result.nearest?.quote).toBeTruthy();
  });

  it.each([
    ['how long is robinson’s sentence', 'robinson-sentence-length'],
    ['how many years of conservative rule ended in 2024', 'conservative-rule-ended'],
    ['When did Streeting respond?', 'when-did-streeting-respond'],
    ['honestly who is tommy robinson even, real name??', 'tommy-robinson-real-name'],
    ['where is oldham', 'where-is-oldham'],
    // The best match gives no day; the next one, good enough, does.
    ['Wes Streating said musk was misinformed - what day was that?', 'when-did-streeting-respond'],
  ])('answers in the form asked: %s', (question, id) => {
    const result = store.ask(question);
    expect(result.kind === 'answer' && result.entry.id).toBe(id);
  });

  it('asks for words the story does not quote, even with the name misspelt', () => {
    const result = store.ask('did starmr say anything back to elon tho');
    expect(result.kind === 'decline' && result.reason).toBe('no-words-of');
    expect(said(result)).toBe('The story quotes no words of Keir Starmer.');
  });
});

describe('a question built on a false premise gets the correction, never the answer that leaves it standing', () => {
  it.each([
    ['Why did Streeting side with Musk on jailing Phillips?', 'Elon Musk', 'Wes Streeting'],
    ['Why did Starmer side with Musk on jailing Phillips?', 'Elon Musk', 'Keir Starmer'],
    ['Why did Wes Streeting agree with Musk that Phillips deserves prison?', 'Elon Musk', 'Wes Streeting'],
  ])('%s', (question, actor, wrong) => {
    const result = store.ask(question);
    expect(result.kind).toBe('decline');
    expect(said(result)).toBe(`The story reports that of ${actor}, not of ${wrong}: it does not say ${wrong} did so.`);
    expect(said(result)).not.toContain(question);
  });

  it.each([
    // The entry's answer is itself the correction: served.
    ['Why did the Conservatives win the July 2024 election so easily?', 9],
    ['Why did Musk call Streeting’s views misjudged and misinformed?', 4],
  ])('answers with the story’s statement when it corrects the premise: %s', (question, paragraph) => {
    const result = store.ask(question);
    expect(result.kind === 'answer' && result.citations[0]?.paragraph).toBe(paragraph);
  });
});

describe("entries' answer forms", () => {
  const entry = (fields: Record<string, unknown>): Entry => ({
    ...entrySchema.parse({ id: 'an-entry', question: 'When did it happen?', answer: 'It happened.', citations: [{ source: 's', paragraph: 1, quote: 'a quote of twelve letters' }], ...fields }),
    origin: { file: 'entries.yaml', line: 3 },
  });
  const askedOf = (phrasing: string) => askedForm(phrasing)?.form;

  it('reads the forms from the phrasings and the answer when none are declared', () => {
    const forms = formsOfEntry(entry({ alternates: ['how many posts were there'], answer: 'On Friday, three posts.' }));
    expect([...forms.forms].sort()).toEqual(['count', 'time']);
    expect(forms.focuses.get('count')).toEqual(new Set(['posts']));
  });

  it('takes declared forms as they are', () => {
    expect([...formsOfEntry(entry({ forms: ['person'], answer: 'Jess Phillips.' })).forms]).toEqual(['person']);
  });

  it.each([
    [{ forms: ['time'], answer: 'It happened.' }, 'error', 'declares the form "time", but its answer gives no date or time'],
    [{ forms: ['count'], answer: 'Many of them.' }, 'error', 'declares the form "count", but its answer gives no number'],
    [{ answer: 'It happened.' }, 'warning', 'its phrasings ask for the form "time", but its answer gives no date or time'],
  ])('validate reports a form the answer does not show: %j', (fields, severity, message) => {
    const problems = checkForms([entry(fields)], askedOf);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'form-not-shown', severity, file: 'entries.yaml' });
    expect(problems[0]!.message).toContain(message);
  });

  it('accepts declared forms the answer shows, and rejects a form it does not know', () => {
    expect(checkForms([entry({ forms: ['time', 'yes-no'], answer: 'On Friday.' })], askedOf)).toEqual([]);
    expect(entrySchema.safeParse({ id: 'x', question: 'Who?', answer: 'A.', citations: [{ source: 's', paragraph: 1, quote: 'a quote of twelve letters' }], forms: ['colour'] }).success).toBe(false);
  });
});
