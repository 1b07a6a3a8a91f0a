// Answers kept under their reply ids, through the /ask command itself: a quote check is
// shared, explained and voted on as it was shown, like a curated answer; "Why this answer?"
// shows the asker's own words to the asker alone; a follow-up names the earlier answer by
// curated words only, never by what its asker typed.
import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import type { AnswerResult } from '../../src/core/answering/answer.js';
import type { CommandContext } from '../../src/core/answering/command.js';
import type { VoteRecord } from '../../src/core/answering/recorder.js';
import { castVote, explainReply, keptAnswer, type Actor } from '../../src/core/conversation/interactions.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { whyLines } from '../../src/core/wording/why-words.js';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';
import { memoryTurns } from '../../src/state/memory-turns.js';

let store: KnowledgeStore;
beforeAll(async () => {
  store = await KnowledgeStore.open('knowledge', { isWord: isEnglishWord });
});

const ASKER: Actor = { platform: 'discord', userId: '200000000000000001' };
const OTHER: Actor = { platform: 'discord', userId: '200000000000000002' };
const PRIVATE = 'XYZZY-PRIVATE-NOTE';

function context(votes: VoteRecord[] = []): CommandContext {
  return {
    store,
    startedAt: new Date(),
    recorder: { recordQuestion: () => undefined, recordVote: (v) => (votes.push(v), 'recorded') },
    conversations: { store: memoryTurns(), followUpMs: 30 * 60_000 },
  };
}

async function asked(ctx: CommandContext, question: string, by: Actor = ASKER, conversation?: { key?: string; after?: string }) {
  const reply = await ask.execute(ctx, { platform: by.platform, user: { id: by.userId, isAdmin: false }, options: { question }, ...(conversation ? { conversation } : {}) });
  if (reply.kind !== 'answer') throw new Error(`not an answer: ${reply.kind}`);
  return reply as { result: AnswerResult; replyId?: string };
}

const shown = (r: AnswerResult) => (r.kind === 'answer' ? { answer: r.answer, citations: r.citations, entry: r.entry, check: r.check, strength: r.strength } : r);

describe('a quote check kept under its reply id', () => {
  // Two statements of the reviewed list, and words it does not hold (the generic quote check).
  it.each([`Did the story say "deserves to be in prison"? ${PRIVATE}`, `Is "misjudged and certainly misinformed" a direct quote? ${PRIVATE}`, `Is "18-month jail term" a direct quote? ${PRIVATE}`])(
    'is shared as the answer shown, explained, and counted when voted on: %j',
    async (question) => {
      const votes: VoteRecord[] = [];
      const ctx = context(votes);
      const { result, replyId } = await asked(ctx, question);
      expect(result).toMatchObject({ kind: 'answer', check: { found: true } });
      if (result.kind !== 'answer') return;
      expect(replyId).toBeDefined();
      const shared = await keptAnswer(ctx, replyId!);
      expect(shared && shown(shared)).toEqual(shown(result));
      expect(await castVote(ctx, OTHER, result.entry.id, true)).toBe('recorded');
      expect(votes.map((v) => v.entryId)).toEqual([result.entry.id]);
      const why = await explainReply(ctx, replyId!, ASKER);
      expect(why?.via).toBe('quote-check');
      expect(whyLines(why!)).toContain(MESSAGES.whyQuoteCheck);
    },
  );

  it('shares a spelling check as shown, not the statement whose words hold the name', async () => {
    const ctx = context();
    const { result, replyId } = await asked(ctx, 'How is "Jess Phillips" spelt in the story?');
    if (result.kind !== 'answer') throw new Error('should be answered');
    const shared = await keptAnswer(ctx, replyId!);
    expect(shared?.answer).toBe(result.answer);
    expect(shared?.entry).toEqual(result.entry);
  });

  it('gives a quote check of words the reviewed list does not hold the id of their paragraph, voted on once per person', async () => {
    const votes: VoteRecord[] = [];
    const ctx = context(votes);
    const { result } = await asked(ctx, 'Is "18-month jail term" a direct quote?');
    expect(result).toMatchObject({ kind: 'answer', entry: { id: 'quote-check-p13' } });
    const other = await asked(ctx, 'Is "social media platform" a direct quote?');
    expect(other.result.kind === 'answer' && other.result.entry.id).toMatch(/^quote-check-p(?!13$)\d+$/);
    for (const r of [result, other.result]) if (r.kind === 'answer') expect(await castVote(ctx, OTHER, r.entry.id, false)).toBe('recorded');
    expect(new Set(votes.map((v) => v.entryId)).size).toBe(2);
  });

  it.each(['no-such-statement', 'quote-check', 'quote-check-p0', 'quote-check-p9999'])('refuses a vote for %j, an id the bot never answers under', async (id) => {
    expect(await castVote(context(), OTHER, id, true)).toBe('gone');
  });
});

describe('"Why this answer?" for whoever presses it', () => {
  const question = `What did Strarmer do as DPP? ${PRIVATE}`;

  it('shows the asker how their words were read', async () => {
    const ctx = context();
    const { replyId } = await asked(ctx, question);
    const why = await explainReply(ctx, replyId!, ASKER);
    expect(JSON.stringify(why)).toContain('strarmer');
    expect(why?.wordsHidden).toBeUndefined();
  });

  it('shows anyone else the bot’s own account, without a word of the question', async () => {
    const ctx = context();
    const { result, replyId } = await asked(ctx, question);
    const why = await explainReply(ctx, replyId!, OTHER);
    expect(why).toMatchObject({ via: 'entry', matched: [], elsewhere: [], unmatched: [], corrected: [], wordsHidden: true });
    const text = JSON.stringify({ why, lines: whyLines(why!) });
    expect(text).not.toMatch(/xyzzy|private|note|strarmer/i);
    expect(whyLines(why!)).toContain(MESSAGES.whyWordsHidden);
    expect(why?.entry?.id).toBe(result.kind === 'answer' ? result.entry.id : undefined);
  });

  it('hides from the asker of a follow-up the earlier asker’s words its reading spelt out', async () => {
    const ctx = context();
    const first = await asked(ctx, `Did the story say "deserves to be in prison"? ${PRIVATE}`, ASKER, { key: 'thread' });
    const second = await asked(ctx, 'and when?', OTHER, { after: first.replyId! });
    expect(second.result.followUp?.readAs).toContain(PRIVATE);
    const why = await explainReply(ctx, second.replyId!, OTHER);
    expect(JSON.stringify(why)).not.toContain(PRIVATE);
    expect(JSON.stringify(why)).not.toMatch(/xyzzy/i);
  });
});

describe('"Following up on …"', () => {
  it('names an earlier quote check by the bot’s own title over the story’s words, never what was typed', async () => {
    const ctx = context();
    const first = await asked(ctx, `Did the story say "deserves to be in prison"? ${PRIVATE}`, ASKER, { key: 'thread' });
    const second = await asked(ctx, 'and when?', OTHER, { key: 'thread' });
    const to = second.result.followUp?.to;
    expect(to?.question).toBe(first.result.kind === 'answer' ? first.result.entry.question : 'an answer');
    expect(to?.question).toMatch(/^Quote check: /);
    expect(MESSAGES.followingUp(to!.question)).not.toContain(PRIVATE);
    // Shared later, the follow-up names it the same way.
    const shared = await keptAnswer(ctx, second.replyId!);
    expect(shared?.followUp?.to.question).toBe(to?.question);
  });

  it('names an earlier answer whose entry was reloaded away, with no title kept, only as an earlier answer', () => {
    const turn = { question: PRIVATE, asked: PRIVATE, entryId: 'removed-entry', names: ['musk'], confidence: 0.9, strength: 'strong' as const, at: Date.now() };
    const reply = store.ask('and why?', turn);
    expect(reply.followUp?.to).toEqual({ id: 'removed-entry', question: '' });
    expect(MESSAGES.followingUp(reply.followUp!.to.question)).toBe('Following up on an earlier answer');
  });
});
