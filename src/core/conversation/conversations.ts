// Keeping and finding turns: the last answer of each conversation, for 30 minutes (or
// FOLLOW_UP_MINUTES), so that the next question there can follow it up; and each answer by
// its reply id, for a day, so that "Why this answer?", Share and a Discord follow-up button
// pressed later rebuild exactly that answer. Buttons carry only the reply id, never a word
// anyone typed.
import { randomBytes } from 'node:crypto';
import type { Answered } from '../answering/reply-types.js';
import type { SearchIndex } from '../search/search-index.js';
import { TURN_DEFAULTS, turnKeys, type Conversation, type Turn, type TurnStore } from './turns.js';

export interface Conversations {
  store: TurnStore;
  /** How long a follow-up may come after the answer it follows. */
  followUpMs: number;
  /** For tests that move time on; Date.now otherwise. */
  now?: () => number;
}

/** Reply ids: 16 hex digits, random, so that one cannot be guessed from another. */
export const REPLY_ID = /^[0-9a-f]{16}$/;

export function newReplyId(): string {
  return randomBytes(8).toString('hex');
}

/** The answer a question in this conversation may follow up, if it is recent enough. */
export async function previousTurn(conversations: Conversations | undefined, where: Conversation | undefined): Promise<Turn | undefined> {
  if (!conversations || !where) return undefined;
  const key = where.key !== undefined ? turnKeys.conversation(where.key) : where.after !== undefined ? turnKeys.reply(where.after) : undefined;
  const turn = key === undefined ? undefined : await conversations.store.get(key);
  // A reply is kept longer than a follow-up may take; the store's own expiry may be coarse.
  return turn && nowOf(conversations) - turn.at <= conversations.followUpMs ? turn : undefined;
}

/** Keeps an answer under a new reply id, and as its conversation's last answer; says the reply id. */
export async function keepTurn(conversations: Conversations | undefined, where: Conversation | undefined, turn: Turn): Promise<string | undefined> {
  if (!conversations) return undefined;
  const id = newReplyId();
  await Promise.all([
    conversations.store.put(turnKeys.reply(id), turn, Math.max(TURN_DEFAULTS.replyKeepMs, conversations.followUpMs)),
    where?.key !== undefined ? conversations.store.put(turnKeys.conversation(where.key), turn, conversations.followUpMs) : undefined,
  ]);
  return id;
}

/** The answer a reply id was given to, while it is kept. */
export async function replyTurn(conversations: Conversations | undefined, replyId: string): Promise<Turn | undefined> {
  if (!conversations || !REPLY_ID.test(replyId)) return undefined;
  return conversations.store.get(turnKeys.reply(replyId));
}

/**
 * What a conversation keeps of an answer. Its names are those the question itself used, in
 * the order it used them, then those of the entry's own question: "he" next time means whom
 * the person was asking about, not everyone the entry mentions.
 */
export function turnOf(index: SearchIndex, answer: Answered, at: number): Turn {
  const searched = answer.followUp?.readAs ?? answer.question;
  const entry = index.entry(answer.entry.id);
  const names = [...namesIn(index, searched), ...(entry ? namesIn(index, entry.question) : [])];
  return {
    question: searched,
    asked: answer.question,
    entryId: answer.entry.id,
    names: [...new Set(names)],
    confidence: answer.confidence,
    strength: answer.strength,
    ...(answer.followUp ? { followed: answer.followUp.to.id } : {}),
    ...(answer.language ? { language: answer.language } : {}),
    at,
  };
}

export function nowOf(conversations: Conversations): number {
  return (conversations.now ?? Date.now)();
}

function namesIn(index: SearchIndex, text: string): string[] {
  return index.analyzer
    .spans(index.analyzer.words(text))
    .map((s) => s.term)
    .filter((term) => index.isName(term));
}

/**
 * The answer a turn was, rebuilt from its entry with the confidence, strength and wording
 * it was given then: a shared or explained answer reads as the one the person saw.
 */
export function answerOfTurn(store: { answerEntry(id: string): Answered | undefined; current(): { index: SearchIndex } }, turn: Turn): Answered | undefined {
  const answer = store.answerEntry(turn.entryId);
  if (!answer) return undefined;
  const followed = turn.followed === undefined ? undefined : store.current().index.entry(turn.followed);
  return {
    ...answer,
    question: turn.asked,
    confidence: turn.confidence,
    strength: turn.strength,
    ...(turn.language ? { language: turn.language } : {}),
    ...(turn.followed !== undefined ? { followUp: { to: { id: turn.followed, question: followed?.question ?? turn.followed }, readAs: turn.question } } : {}),
  };
}
