// "Why this answer?" in the core: what the engine saw, recomputed from the words searched.
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { whyLines } from '../../src/core/wording/why-words.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';

let store: KnowledgeStore;
beforeAll(async () => {
  store = await KnowledgeStore.open('knowledge', { isWord: isEnglishWord });
});
const why = (question: string) => store.explain(store.ask(question));

describe('why an answer was given', () => {
  it('names the curated wording that matched, the words it shares, the typos read, and the entries that came next', () => {
    const explained = why('What did Strarmer do as DPP?');
    const answer = store.ask('What did Strarmer do as DPP?');
    if (answer.kind !== 'answer') throw new Error('should be answered');
    expect(explained).toMatchObject({ via: 'entry', entry: { id: answer.entry.id }, confidence: answer.confidence, corrected: [{ typed: 'strarmer', corrected: 'starmer' }] });
    expect(store.current().index.entry(answer.entry.id)!.alternates.concat(answer.entry.question)).toContain(explained.phrasing);
    expect(explained.matched).toEqual(expect.arrayContaining(['strarmer', 'dpp']));
    expect(explained.runnersUp.length).toBeGreaterThan(0);
    expect(explained.runnersUp.map((r) => r.entry.id)).not.toContain(answer.entry.id);
    const confidences = explained.runnersUp.map((r) => r.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it('says what lowered a middling confidence, in the model’s own terms', () => {
    const explained = why('when did labour win again, i forget');
    expect(explained.confidence).toBeLessThan(explained.threshold);
    expect(explained.lowered.length).toBeGreaterThan(0);
    for (const l of explained.lowered) expect(l.cost).toBeGreaterThan(0);
    expect(explained.unmatched).toContain('forget');
    const lines = whyLines(explained);
    expect(lines).toContain(MESSAGES.whyLowered(explained.lowered.map((l) => MESSAGES.whyFeature[l.feature])));
  });

  it('names a guard that stopped an entry that matched well enough', () => {
    const explained = why('what did Jess Phillips say?');
    expect(explained.via).toBe('none');
    expect(explained.confidence).toBeGreaterThanOrEqual(explained.threshold);
    expect(explained.blocked).toEqual({ reason: 'no-words-of', subject: 'Jess Phillips' });
    expect(whyLines(explained)).toContain(MESSAGES.whyBlocked(MESSAGES.declineNoWordsOf('Jess Phillips')));
  });

  it.each([
    ['a quote check', 'Did the story say "deserves to be in prison"?', 'quote-check', MESSAGES.whyQuoteCheck],
    ['an entry picked from a list', undefined, 'picked', MESSAGES.whyPicked],
  ])('says so for %s', (_, question, via, line) => {
    const result = question === undefined ? store.answerEntry('what-is-edl')! : store.ask(question);
    const explained = store.explain(result);
    expect(explained.via).toBe(via);
    expect(whyLines(explained)).toContain(line);
  });

  it('says nothing matched a question no entry shares a word with', () => {
    expect(whyLines(why('qwertyuiop zxcvbnm'))).toContain(MESSAGES.whyNoEntry);
  });
});
