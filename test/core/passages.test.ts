// Replies of passages, on the real knowledge base: the story's closest sentences, closest
// first, up to three, one when it clearly leads; the curated entries they lead to; and how
// each platform shows several passages within its limits.
import { beforeAll, describe, expect, it } from 'vitest';
import { answerToJson } from '../../src/adapters/console/json.js';
import { renderAnswer as renderConsole } from '../../src/adapters/console/render.js';
import { embedLength, DISCORD_LIMITS } from '../../src/adapters/discord/limits.js';
import { renderAnswer as renderDiscord } from '../../src/adapters/discord/render-answer.js';
import { BLOCK_KIT_LIMITS } from '../../src/adapters/slack/blocks.js';
import { renderAnswer as renderSlack } from '../../src/adapters/slack/render-answer.js';
import type { AnswerResult, PassageReply, PassageView } from '../../src/core/answering/answer.js';
import { bestOutcome } from '../../src/core/answering/answer.js';
import { findPassages, leadingPassages, MAX_PASSAGES } from '../../src/core/answering/passage-finder.js';
import { entriesQuoting } from '../../src/core/answering/passage-picks.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { normalizeForQuote } from '../../src/core/text/normalize.js';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';

let store: KnowledgeStore;
let paragraphs: readonly string[];
beforeAll(async () => {
  store = await KnowledgeStore.open(REAL_KNOWLEDGE, { isWord: isEnglishWord });
  paragraphs = [...store.current().knowledge.sources.values()][0]!.paragraphs;
});

function passages(result: AnswerResult): PassageReply {
  expect(result.kind, `${result.question} -> ${result.kind}`).toBe('passage');
  return result as PassageReply;
}

describe('several passages, closest first', () => {
  it('shows up to three of the story’s sentences, verbatim, from different paragraphs, with the words that matched', () => {
    const reply = passages(store.ask('what has musk said about british politics'));
    expect(reply.answered).toBe(false);
    expect(reply.passages.length).toBeGreaterThan(1);
    expect(reply.passages.length).toBeLessThanOrEqual(MAX_PASSAGES);
    expect(reply.passage).toEqual(reply.passages[0]);
    expect(new Set(reply.passages.map((p) => p.paragraph)).size).toBe(reply.passages.length);
    for (const p of reply.passages) {
      expect(normalizeForQuote(paragraphs[p.paragraph - 1]!)).toContain(normalizeForQuote(p.quote));
      expect(p.highlights.length).toBeGreaterThan(0);
    }
    // The first is the sentence about Musk's interest in UK politics.
    expect(reply.passages[0]!.paragraph).toBe(9);
  });

  it('gives them as the citations of ask --json, in the same order, with no answer', () => {
    const reply = passages(store.ask('what has musk said about british politics'));
    const json = answerToJson(reply);
    expect(json.answer).toBeNull();
    expect(json.citations.map((c) => [c.paragraph, c.quote])).toEqual(reply.passages.map((p) => [p.paragraph, p.quote]));
  });

  it('shows one passage when it clearly leads, and only those close behind the first otherwise', () => {
    expect(leadingPassages([{ confidence: 0.9 }, { confidence: 0.3 }, { confidence: 0.2 }], 0.5)).toHaveLength(1);
    expect(leadingPassages([{ confidence: 0.6 }, { confidence: 0.5 }, { confidence: 0.2 }], 0.5)).toHaveLength(2);
    expect(leadingPassages([], 0.5)).toEqual([]);
    const { knowledge, index, config } = store.current();
    const question = 'What title does the source give Jess Phillips?';
    const found = findPassages(knowledge, index, bestOutcome({ knowledge, index, config }, question), config.calibration);
    expect(found.length).toBeGreaterThan(1);
    expect(found[1]!.confidence).toBeLessThan(config.passageLeadShare * found[0]!.confidence);
    const reply = passages(store.ask(question));
    expect(reply.passages.map((p) => p.paragraph)).toEqual([3]);
  });

  it('declines a question about something else plainly, with no passage at all', () => {
    for (const q of ['how do i center a div in css', 'what is the boiling point of water in fahrenheit', 'recommend a laptop under $1000']) {
      const reply = store.ask(q);
      expect(reply.kind, q).toBe('decline');
      expect(reply.kind === 'decline' && reply.nearest, q).toBeFalsy();
    }
  });
});

describe('from a passage to the curated answers about it', () => {
  it('offers first the entries that quote the first passage', () => {
    const reply = passages(store.ask('what has musk said about british politics'));
    const quoting = entriesQuoting(store.current().index, reply.passages[0]!).map((e) => e.entry.id);
    expect(quoting.length).toBeGreaterThan(0);
    expect(reply.suggestions.slice(0, quoting.length).map((s) => s.id)).toEqual(quoting.slice(0, reply.suggestions.length));
  });

  it('answers with the closest of them when the question asks for a time it gives', () => {
    const reply = store.ask('when did labour win again, i forget');
    expect(reply.kind).toBe('answer');
    if (reply.kind !== 'answer') return;
    expect(reply.citations[0]!.paragraph).toBe(9);
    expect(reply.strength).toBe('likely');
  });

  it('does not answer from a passage when the question asks for no particular form', () => {
    expect(store.ask('what has musk said about british politics').kind).toBe('passage');
  });
});

describe('several passages on every platform, within its limits', () => {
  const long = (n: number): PassageView => ({ source: 's', paragraph: n, quote: `${'Musk wrote a very long sentence '.repeat(200)}end.`, published: '2025-01-03', highlights: [[0, 4]] });
  const reply: PassageReply = {
    kind: 'passage',
    answered: false,
    question: 'what did musk write',
    passage: long(1),
    passages: [long(1), long(2), long(3)],
    confidence: 0.7,
    suggestions: [{ id: 'a', question: 'What did Musk say?' }],
    asOf: '2025-01-03',
  };

  it('Discord: a field each, under the label, each field and the embed within bounds', () => {
    const rendered = renderDiscord(reply);
    const embed = rendered.embeds![0]!;
    expect(embed.description).toContain(MESSAGES.passagesLabel);
    expect(embed.fields!.map((f) => f.name.split(' · ')[0])).toEqual(['paragraph 1', 'paragraph 2', 'paragraph 3']);
    for (const f of embed.fields!) expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });

  it('Slack: a section each, under the label, each within the text limit', () => {
    const message = renderSlack(reply, { shareable: true });
    const sections = message.blocks.filter((b) => b.type === 'section').map((b) => (b as { text: { text: string } }).text.text);
    expect(sections.some((s) => s.includes(MESSAGES.passagesLabel))).toBe(true);
    expect(sections.filter((s) => /— _paragraph \d+_/.test(s))).toHaveLength(3);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.text);
  });

  it('the console: a line each, closest first, under the label', () => {
    const text = renderConsole({ ...reply, passages: reply.passages.map((p) => ({ ...p, quote: 'Musk wrote.' })) });
    expect(text.split('\n')[0]).toBe(MESSAGES.passagesLabel);
    expect(text.match(/^ {2}paragraph \d+: /gm)).toEqual(['  paragraph 1: ', '  paragraph 2: ', '  paragraph 3: ']);
  });

  it('one passage reads as one, with the singular label', () => {
    const one = { ...reply, passages: [reply.passage] };
    expect(renderConsole(one).split('\n')[0]).toBe(MESSAGES.passageLabel);
  });
});
