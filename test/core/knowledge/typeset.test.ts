// Quotation marks one way, curly as the story prints them: in curated answers (typed with
// straight marks, typeset at load) and in the bot's own wording.
import { describe, expect, it } from 'vitest';
import { KnowledgeStore } from '../../../src/core/knowledge/store.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import { typesetQuotes } from '../../../src/core/wording/typeset.js';
import { REAL_KNOWLEDGE } from '../../helpers/knowledge-dir.js';

describe('quotation marks', () => {
  it('are curly in every curated answer as loaded, and in the replies', async () => {
    const store = await KnowledgeStore.open(REAL_KNOWLEDGE);
    const answers = store.current().knowledge.entries.map((e) => e.answer);
    expect(answers.filter((a) => a.includes('“')).length).toBeGreaterThan(10);
    expect(answers.filter((a) => a.includes('"'))).toEqual([]);
    const reply = store.ask('What did Streeting say about Musk?');
    expect(reply.kind === 'answer' && reply.answer).toContain('“misjudged and certainly misinformed”');
  });

  it('are curly in the bot’s own wording', () => {
    // Wordings that take arguments are called with simple ones; those wanting others are skipped.
    const call = (m: unknown) => {
      try {
        return typeof m === 'function' ? (m as (...a: unknown[]) => unknown)('x', 1, 1, 1) : m;
      } catch {
        return undefined;
      }
    };
    const texts = Object.values(MESSAGES).map(call).filter((t): t is string => typeof t === 'string');
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.filter((t) => t.includes('"'))).toEqual([]);
  });

  it('pair up straight marks, leaving an unpaired one for validate to report', () => {
    expect(typesetQuotes('He said "no" and "yes".')).toBe('He said “no” and “yes”.');
    expect(typesetQuotes('An "unpaired mark')).toBe('An "unpaired mark');
    expect(typesetQuotes('Musk’s “curly” stays')).toBe('Musk’s “curly” stays');
  });
});
