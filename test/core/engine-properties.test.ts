// Property tests of the engine against text nobody should have to type. Seeds and run
// counts are fixed, so the same cases run every time; a failure prints its seed and path.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { renderReply as renderForDiscord } from '../../src/adapters/discord/render.js';
import { renderReply as renderForSlack } from '../../src/adapters/slack/render-reply.js';
import { MAX_QUESTION_LENGTH, type AnswerResult } from '../../src/core/answering/answer.js';
import { runCommand } from '../../src/core/answering/command.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { notRecording } from '../../src/core/answering/recorder.js';
import { messageProblems } from '../helpers/discord-stand-in/limits.js';
import { hostileText, REAL_QUESTIONS } from '../helpers/hostile-strings.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';
import { isQuoteFrom } from '../helpers/story-text.js';

const RUNS = { seed: 20250103, numRuns: 300 };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

let store: KnowledgeStore;
let second: KnowledgeStore;
beforeAll(async () => {
  [store, second] = await Promise.all([KnowledgeStore.open(REAL_KNOWLEDGE), KnowledgeStore.open(REAL_KNOWLEDGE)]);
});

function expectWellFormed(result: AnswerResult): void {
  expect(typeof result.answered).toBe('boolean');
  expect(result.question.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
  expect(result.question).not.toMatch(LONE_SURROGATE);
  expect(result.confidence).toBeGreaterThanOrEqual(0);
  expect(result.confidence).toBeLessThanOrEqual(1);
  expect(result.asOf).toBe('2025-01-03');
  if (result.kind === 'decline') expect(['empty', 'too-long', 'not-in-story', 'not-supplied', 'no-words-of', 'not-verbatim', 'unresolved']).toContain(result.reason);
  if (result.kind === 'passage') expect(result.passage.quote.length).toBeGreaterThan(0);
}

describe('the engine, given any text at all', () => {
  it('returns a well-formed result and never throws', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expectWellFormed(store.ask(text));
      }),
      RUNS,
    );
  });

  it('gives the same result for the same text, whatever was asked before and in whichever store', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (text, before) => {
        const first = store.ask(text);
        store.ask(before);
        expect(store.ask(text)).toEqual(first);
        expect(second.ask(text)).toEqual(first);
      }),
      { ...RUNS, numRuns: 150 },
    );
  });

  it('cites only quotes that are in the story, from the entry it answers with', () => {
    const entries = new Map(store.current().knowledge.entries.map((e) => [e.id, e]));
    let answered = 0;
    fc.assert(
      fc.property(hostileText, (text) => {
        const result = store.ask(text);
        if (!result.answered) return;
        answered++;
        expect(result.citations.length).toBeGreaterThan(0);
        const own = entries.get(result.entry.id)!.citations;
        for (const citation of result.citations) {
          expect(isQuoteFrom(REAL_KNOWLEDGE, citation), JSON.stringify(citation)).toBe(true);
          expect(own).toContainEqual({ source: citation.source, paragraph: citation.paragraph, quote: citation.quote });
        }
      }),
      RUNS,
    );
    // Real questions with hostile text mixed in do get answered: the check above ran.
    expect(answered).toBeGreaterThan(10);
  });

  it.each(REAL_QUESTIONS)('answers %j the same with zero-width, bidi and control characters scattered through it', (question) => {
    const plain = store.ask(question);
    const spoiled = store.ask([...question].join('\u200B').replace(/ /g, ' \u202E\u0007'));
    expect(plain.answered).toBe(true);
    expect(spoiled).toEqual(plain);
  });

  it('cuts an over-long question without leaving half of a surrogate pair at the end', () => {
    const result = store.ask(`${'a'.repeat(MAX_QUESTION_LENGTH - 1)}😀 and more`);
    expect(result).toMatchObject({ answered: false, reason: 'too-long' });
    expect(result.question).not.toMatch(LONE_SURROGATE);
  });

  it('offers at most the asked number of real questions while any text is typed', () => {
    const ids = new Set(store.current().knowledge.entries.map((e) => e.id));
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 1, max: 25 }), (typed, limit) => {
        const refs = store.complete(typed, limit);
        expect(refs.length).toBeLessThanOrEqual(limit);
        for (const ref of refs) expect(ids.has(ref.id)).toBe(true);
      }),
      // Fuzzy matching of long typed text takes tens of milliseconds a call: fewer runs.
      { ...RUNS, numRuns: 40 },
    );
  });
});

describe('/ask and its rendering, given any text at all', () => {
  const ask = commands.find((c) => c.data.name === 'ask')!;

  it('replies with an answer that fits Discord and Slack, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const reply = await runCommand(ask, { store, recorder: notRecording, startedAt: new Date() }, { platform: 'slack', user: { id: 'U1', isAdmin: false }, options: { question: text } });
        expect(reply.kind).toBe('answer');
        const discord = renderForDiscord(reply);
        expect(messageProblems(discord)).toEqual([]);
        const slack = renderForSlack(reply, { shareable: true });
        expect(slack.blocks.length).toBeLessThanOrEqual(50);
        expect(slack.text.length).toBeLessThanOrEqual(3000);
        for (const text of stringsIn([discord, slack])) expect(text).not.toMatch(LONE_SURROGATE);
      }),
      { ...RUNS, numRuns: 150 },
    );
  });
});

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
