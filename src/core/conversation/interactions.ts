// Buttons and menus under an answer, shared by every platform: what each one means, how it
// is written into a platform's custom id, and what pressing it does.
import { z } from 'zod';
import { QUOTE_CHECK_ID, type Answered } from '../answering/answer.js';
import { takeQuestion, type CommandContext, type NotTaken } from '../answering/command.js';
import type { Platform, VoteOutcome } from '../answering/recorder.js';
import { withoutTheirWords, type Explanation } from '../answering/why.js';
import { answerOfTurn, askerKey, keepTurn, nowOf, REPLY_ID, replyTurn, turnOf } from './conversations.js';

export type Action =
  | { type: 'vote'; helpful: boolean; entryId: string }
  /** A suggested or related question was chosen: answer that entry. */
  | { type: 'pick'; entryId: string }
  /** Post a private answer for everyone in the channel, as it was given. */
  | { type: 'share'; replyId: string }
  /** "Why this answer?", shown to the presser alone. */
  | { type: 'why'; replyId: string }
  /** Ask a question that follows up this answer (Discord, where there are no threads to reply in). */
  | { type: 'follow-up'; replyId: string };

const entryId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80);
const replyId = z.string().regex(REPLY_ID);
const PREFIX = 'sb';
const BY_REPLY = ['share', 'why', 'follow-up'] as const;

/** What a button is about: the entry, or the reply it was under. */
export function subjectOf(action: Action): string {
  return 'entryId' in action ? action.entryId : action.replyId;
}

// Discord custom ids may be 100 characters; the longest form here stays well inside.
export function encodeAction(action: Action): string {
  switch (action.type) {
    case 'vote':
      return `${PREFIX}:vote:${action.helpful ? 'up' : 'down'}:${action.entryId}`;
    case 'pick':
      return `${PREFIX}:pick:${action.entryId}`;
    case 'share':
    case 'why':
    case 'follow-up':
      return `${PREFIX}:${action.type}:${action.replyId}`;
  }
}

/** The action in a custom id, or null for anything malformed or unknown. */
export function decodeAction(customId: unknown): Action | null {
  if (typeof customId !== 'string' || customId.length > 100) return null;
  const parts = customId.split(':');
  if (parts[0] !== PREFIX) return null;
  const byReply = BY_REPLY.find((type) => type === parts[1]);
  if (byReply) {
    const reply = replyId.safeParse(parts[2]);
    return parts.length === 3 && reply.success ? { type: byReply, replyId: reply.data } : null;
  }
  const id = entryId.safeParse(parts.at(-1));
  if (!id.success) return null;
  if (parts[1] === 'vote' && parts.length === 4 && (parts[2] === 'up' || parts[2] === 'down')) {
    return { type: 'vote', helpful: parts[2] === 'up', entryId: id.data };
  }
  if (parts[1] === 'pick' && parts.length === 3) return { type: 'pick', entryId: id.data };
  return null;
}

export interface Actor {
  platform: Platform;
  userId: string;
}

/** Answers a chosen entry and logs it like a question; undefined if the entry is gone. */
export function answerChosen(ctx: CommandContext, actor: Actor, id: string): Answered | undefined {
  const started = performance.now();
  const result = ctx.store.answerEntry(id);
  if (result) {
    ctx.recorder.recordQuestion({
      at: new Date(),
      platform: actor.platform,
      userId: actor.userId,
      question: result.question,
      entryId: result.entry.id,
      confidence: result.confidence,
      answered: true,
      ms: performance.now() - started,
    });
  }
  return result;
}

export type Chosen = { kind: 'answered'; answer: Answered; replyId?: string } | { kind: 'gone' } | NotTaken;

/**
 * A suggested or related question was chosen. Choosing one asks it, so it passes the same
 * gate as /ask: refused while shutting down, and counted against the person's rate limit.
 */
export async function chooseEntry(ctx: CommandContext, actor: Actor, id: string): Promise<Chosen> {
  const notTaken = await takeQuestion(ctx, actor.platform, actor.userId);
  if (notTaken) return notTaken;
  const answer = answerChosen(ctx, actor, id);
  if (!answer) return { kind: 'gone' };
  // Kept like any answer, for its own "Why this answer?", Share and follow-ups.
  const { conversations } = ctx;
  const turn = conversations && turnOf(ctx.store.current().index, answer, nowOf(conversations), { by: askerKey(actor.platform, actor.userId) });
  const replyId = conversations && turn && (await keepTurn(conversations, undefined, turn));
  return { kind: 'answered', answer, ...(replyId ? { replyId } : {}) };
}

/**
 * One vote per person per answer, for an answer the bot gives: any other id (made up,
 * removed, a draft) is not stored. Across replicas the shared ledger knows of votes that
 * another replica took; the question log's own (person, entry) key stays the last word.
 */
export async function castVote(ctx: CommandContext, actor: Actor, id: string, helpful: boolean): Promise<VoteOutcome | 'gone'> {
  if (!isAnswerId(ctx, id)) return 'gone';
  const claimed = await ctx.votes?.claim(actor.platform, actor.userId, id);
  if (claimed === false) return 'already-voted';
  const outcome = await ctx.recorder.recordVote({ at: new Date(), platform: actor.platform, userId: actor.userId, entryId: id, helpful });
  // A vote the log did not keep (it is off) must not count as cast: pressing again may record it.
  if (claimed && outcome === 'not-recorded') await ctx.votes?.release(actor.platform, actor.userId, id);
  return outcome;
}

/**
 * An id the bot answers under: a published entry, a quotation of the reviewed list, or the
 * quote check of words the list does not hold. Votes on quote checks count like any other.
 */
function isAnswerId(ctx: CommandContext, id: string): boolean {
  const { index, knowledge } = ctx.store.current();
  if (index.entry(id) || index.quotes.statements.some((s) => s.statement.id === id)) return true;
  const paragraph = Number(QUOTE_CHECK_ID.exec(id)?.[1]);
  return [...knowledge.sources.values()].some((source) => paragraph >= 1 && paragraph <= source.paragraphs.length);
}

/** A kept answer as it was given, to share it; undefined once it is no longer kept. */
export async function keptAnswer(ctx: CommandContext, replyId: string): Promise<Answered | undefined> {
  const turn = await replyTurn(ctx.conversations, replyId);
  return turn && answerOfTurn(ctx.store, turn);
}

/**
 * "Why this answer?" for a kept answer; undefined once it is no longer kept. Whoever asked
 * sees how their words were read; anyone else (under a shared or public answer) the bot's
 * own account without them, and so does the asker of a follow-up whose reading spelt out
 * someone else's question.
 */
export async function explainReply(ctx: CommandContext, replyId: string, viewer: Actor): Promise<Explanation | undefined> {
  const turn = await replyTurn(ctx.conversations, replyId);
  const answer = turn && answerOfTurn(ctx.store, turn);
  if (!turn || !answer) return undefined;
  const why = ctx.store.explain(answer);
  const asker = turn.by !== undefined && turn.by === askerKey(viewer.platform, viewer.userId);
  return asker && !turn.readFromOthers ? why : withoutTheirWords(why);
}
