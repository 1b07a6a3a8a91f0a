import { beforeAll, describe, expect, it } from 'vitest';
import { askingSentences, MAX_QUESTION_LENGTH, type AnswerResult } from '../../src/core/answering/answer.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';
import { normalizeForQuote } from '../../src/core/text/normalize.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

let store: KnowledgeStore;
beforeAll(async () => {
  store = await KnowledgeStore.open(REAL_KNOWLEDGE, { isWord: isEnglishWord });
});

function firstParagraph(result: AnswerResult): number | undefined {
  return result.answered ? result.citations[0]?.paragraph : undefined;
}

describe('answering', () => {
  // Phrasings chosen to need the matcher's help: aliases, synonyms, stemming, typos.
  const retrieval: [string, number[]][] = [
    ['Who is Tommy Robinson?', [13]],
    ["what's stephen yaxley-lennon's nickname", [13]],
    ['who is the PM', [2]],
    ['what did musk accuse the prime minister of', [2]],
    ['musk jess philips prison', [3]],
    ['streting misinformed', [4]],
    ['What did the health secretary make of Musk’s views?', [4]],
    ['which towns had grooming gangs', [6]],
    ['oldam cover up', [7]],
    ['which years did the oldham review cover', [7]],
    ['should the oldham inquiry be national or local', [8, 3]],
    ['how many years were the tories in power', [9]],
    ['what does two tier policing mean', [10]],
    ['did musk compare britain to the USSR', [11]],
    ['musk civil war tweet', [11]],
    ['does musk want a general election', [12]],
    ['why is tommy robinson in jail', [13]],
  ];

  it.each(retrieval)('answers "%s" from paragraph %j', (question, paragraphs) => {
    const result = store.ask(question);
    expect(result.answered).toBe(true);
    expect(paragraphs).toContain(firstParagraph(result));
  });

  const offTopic = ['What time is it?', 'Translate hello into Spanish', 'How do I install Python?', 'qwertyuiop zxcvbnm', 'write me a poem about the sea', 'what is the capital of peru'];

  it.each(offTopic)('declines "%s" and says why', (question) => {
    const result = store.ask(question);
    expect(result.kind).toBe('decline');
    if (result.kind === 'decline') {
      expect(result.reason).toBe('not-in-story');
      expect(result).not.toHaveProperty('answer');
      // Nothing to do with the story: no passage of it either.
      expect(result.nearest).toBeUndefined();
      expect(result.suggestions.length).toBeLessThanOrEqual(3);
    }
  });

  it('declines a question on the subject that the story does not answer, suggesting close questions', () => {
    const result = store.ask("What is Wes Streeting's majority?");
    expect(result.answered).toBe(false);
    if (!result.answered) {
      expect(result.suggestions.length).toBeGreaterThan(0);
      expect(result.suggestions.length).toBeLessThanOrEqual(3);
      expect(result.suggestions[0]!.question).toMatch(/Streeting/i);
    }
  });

  // The asides are chosen so that the whole text, searched as one, finds nothing.
  it.each([
    ['Who is Tommy Robinson? My cousin keeps posting about him at dinner.', 13],
    ['What did Musk call for on Friday? My uncle shared a screenshot.', 12],
  ])('answers the question in "%s" despite the aside around it', (question, paragraph) => {
    const result = store.ask(question);
    expect(result.answered).toBe(true);
    expect(firstParagraph(result)).toBe(paragraph);
  });

  it.each([
    'Who won the football? I read about Musk attacking Starmer.',
    'I read about Musk attacking Starmer. How many seats did Labour win?',
  ])('declines "%s": a statement about the story does not answer the question asked', (question) => {
    expect(store.ask(question).answered).toBe(false);
  });

  it('quotes only text that is in the cited paragraph', () => {
    const source = store.current().knowledge.sources.values().next().value!;
    for (const question of ['who is musk', 'what did streeting urge musk to do', 'what hashtag did musk retweet']) {
      const result = store.ask(question);
      expect(result.answered).toBe(true);
      if (!result.answered) continue;
      expect(result.asOf).toBe('2025-01-03');
      for (const c of result.citations) expect(normalizeForQuote(source.paragraphs[c.paragraph - 1]!)).toContain(normalizeForQuote(c.quote));
    }
  });

  it('gives confidence between 0 and 1, lower when the question adds something the story lacks', () => {
    const close = store.ask('Who is Tommy Robinson?');
    const loose = store.ask("Who is Tommy Robinson's barber?");
    expect(close.confidence).toBeGreaterThan(0);
    expect(close.confidence).toBeLessThanOrEqual(1);
    expect(close.confidence).toBeGreaterThan(loose.confidence);
  });

  it('refuses a question over the length limit with its own reason, without searching', () => {
    const result = store.ask(`who is musk ${'really '.repeat(60)}`);
    expect(result.answered).toBe(false);
    if (result.kind === 'decline') expect(result.reason).toBe('too-long');
    expect(MAX_QUESTION_LENGTH).toBe(300);
  });

  it.each(['', '   ', '???', '\u200b\u200b'])('treats %j as an empty question', (question) => {
    const result = store.ask(question);
    expect(result.answered).toBe(false);
    if (result.kind === 'decline') expect(result.reason).toBe('empty');
  });

  it('ignores control and zero-width characters inside a question', () => {
    const clean = store.ask('who is tommy robinson');
    const dirty = store.ask('who\u0000 is\u200b tommy\u0007 robinson\u202e');
    expect(dirty).toEqual(clean);
  });

  it('gives the same result every time for the same question', () => {
    const first = store.ask('what did musk say about jess phillips');
    for (let i = 0; i < 5; i++) expect(store.ask('what did musk say about jess phillips')).toEqual(first);
  });

  it('lists related questions from the entry', () => {
    const result = store.ask('Who is Tommy Robinson?');
    expect(result.answered && result.related.length).toBeGreaterThan(0);
  });
});

describe('the sentences of a question searched on their own', () => {
  it.each([
    ['Who is Tommy Robinson?', []],
    ['Who is Tommy Robinson? Sorry, new here.', ['Who is Tommy Robinson?']],
    ['I read about it. Who is Tommy Robinson? And who is Jess Phillips?', ['Who is Tommy Robinson?', 'And who is Jess Phillips?']],
    ['Tell me about Oldham. Thanks!', []],
    // Punctuation and emoji alone are no sentence: one sentence, searched whole anyway.
    ['what is two-tier policing?? ... 🤔', []],
  ])('finds in "%s" the sentences %j', (text, sentences) => {
    expect(askingSentences(text)).toEqual(sentences);
  });
});
