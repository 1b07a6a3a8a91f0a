// Quote checks that read the question (issue 19, item 5), on the real knowledge base: what
// counts as a phrase to check, every phrase checked, the person spoken of checked as well as
// the speaker, and invisible format characters stripped before matching.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerResult } from '../../src/core/answering/answer.js';
import { checkable } from '../../src/core/answering/quote-check.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { cleanInput } from '../../src/core/text/normalize.js';
import { declineSentence } from '../../src/core/wording/reply-words.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

let store: KnowledgeStore;
beforeAll(async () => {
  store = await KnowledgeStore.open(REAL_KNOWLEDGE, { isWord: isEnglishWord });
});

const text = (result: AnswerResult) => (result.kind === 'answer' ? result.answer : result.kind === 'decline' ? declineSentence(result) : result.passage.quote);

describe('what is a phrase to check', () => {
  it.each([
    ['since', 'explain me the difference between since and for', false],
    ['for', 'explain me the difference between since and for', false],
    ['is', 'is it is or are', false],
    ['the', 'the or a?', false],
    ['to ___ it may concern', 'who or whom in it', false],
    ['deserves to be in prison', 'did musk say that', true],
    ['misjudged', 'is that the word', true],
    ['TwoTierKeir', 'spelt how', true],
    // Not in the story, but put in the mouth of one of its people: the check says it is absent.
    ['complicit', 'Musk calling Starmer complicit?', true],
    ['complicit', 'is complicit a word', false],
  ])('%s (in "%s"): %s', (phrase, question, expected) => {
    expect(checkable(store.current().index, phrase, question)).toBe(expected);
  });

  it.each([
    "explain me the difference between 'since' and 'for'",
    'what is the difference between "is" and "the"',
    'is it "who" or "whom" in "to ___ it may concern"',
  ])('a question about English gets a plain decline, not a check or a passage: %s', (question) => {
    const result = store.ask(question);
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' && result.nearest).toBeUndefined();
    expect(result.kind === 'decline' && result.reason).not.toBe('not-verbatim');
  });
});

describe('every quoted phrase is checked, not only the longest', () => {
  it('reports each phrase that stands in the story', () => {
    const result = store.ask("Did Streeting say the government took it 'incredibly seriously' and 'roll his sleeves up'?");
    expect(result.kind === 'answer' && result.citations.map((c) => c.paragraph)).toEqual([8, 5]);
  });

  it.each([
    "Did Streeting say the government took it 'incredibly seriously' and 'totally misguided'?",
    'Check: did Streeting say Musk was "certainly misinformed" or "clearly misinformed"?',
  ])('says plainly that an invented phrase is not there, beside the one that is: %s', (question) => {
    const result = store.ask(question);
    expect(text(result)).toContain('The story does not use the other words the question quotes.');
  });

  it('does not confirm a claim whose only phrase is invented', () => {
    const result = store.ask('Did Musk say Starmer was "a national disgrace"?');
    expect(result.kind).not.toBe('answer');
  });
});

describe('the person spoken of is checked as well as the speaker', () => {
  it.each([
    ["Did Musk say Starmer 'deserves to be in prison'?", 'The story reports them as said about Jess Phillips, not about Keir Starmer.'],
    ["Did Musk say Streeting 'deserves to be in prison'?", 'The story reports them as said about Jess Phillips, not about Wes Streeting.'],
    ["Did Musk say Starmer 'deserves to be in prison'?", 'attributed to Elon Musk'],
    ["Did Starmer say Phillips 'deserves to be in prison'?", 'The story attributes these words to Elon Musk, not to Keir Starmer.'],
  ])('%s', (question, sentence) => {
    const result = store.ask(question);
    expect(result.kind).toBe('answer');
    expect(text(result)).toContain(sentence);
  });

  it('adds nothing when the question names the person the story does', () => {
    const result = store.ask("Did Musk say Phillips 'deserves to be in prison'?");
    expect(text(result)).not.toContain('said about');
  });

  it('asks for the words of someone the story does not quote rather than checking the phrase they would reply to', () => {
    const result = store.ask('What did Starmer say in reply to the "rape gangs" accusation? Need his quote.');
    expect(result.kind === 'decline' && result.reason).toBe('no-words-of');
    expect(text(result)).toBe('The story quotes no words of Keir Starmer.');
  });
});

describe('invisible format characters are stripped before matching', () => {
  it.each([
    ['soft hyphen', '\u00AD'],
    ['Mongolian vowel separator', '\u180E'],
    ['tag character', '\u{E0041}'],
    ['variation selector', '\uFE0F'],
    ['word joiner', '\u2060'],
  ])('%s', (_name, mark) => {
    expect(cleanInput(`dese${mark}rves`)).toBe('deserves');
    const result = store.ask(`Did Musk say Phillips 'dese${mark}rves to be in pri${mark}son'?`);
    expect(result.kind === 'answer' && result.check?.found).toBe(true);
    expect(result.kind === 'answer' && result.check?.phrase).toBe('deserves to be in prison');
  });
});
