// Keeping and finding turns: the last answer of each conversation, for 30 minutes (or
// FOLLOW_UP_MINUTES), so that the next question there can follow it up; and each answer by
// its reply id, for a day, so that "Why this answer?", Share and a Discord follow-up button
// pressed later rebuild exactly that answer. Buttons carry only the reply id, never a word
// anyone typed.
import { createHash, randomBytes } from 'node:crypto';
import { answerQuestion, type AnswerContext } from '../answering/answer.js';
import { searchableInEnglish } from '../answering/languages.js';
import type { Answered } from '../answering/reply-types.js';
import type { SearchIndex } from '../search/search-index.js';
import { MAX_READING_LENGTH } from './in-context.js';
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

/** Who asked, as a turn keeps it: enough to tell them from others, not their platform id itself. */
export function askerKey(platform: string, userId: string): string {
  return createHash('sha256').update(`${platform}\u0000${userId}`).digest('hex').slice(0, 32);
}

export interface TurnContext {
  /** Who asked (askerKey): only they are shown their own words again. */
  by?: string;
  /** The answer before this one in its conversation, whose people "she" may still mean. */
  previous?: Turn;
}

/** How many names of earlier answers a turn carries on: enough for a short back-and-forth. */
const EARLIER_NAMES = 8;

/**
 * What a conversation keeps of an answer. Its names are those the question itself used, in
 * the order it used them, then those of the entry's own question: "he" next time means whom
 * the person was asking about, not everyone the entry mentions. The names of the answers
 * before it follow, most recent first, for a "she" this answer has no one for.
 */
export function turnOf(index: SearchIndex, answer: Answered, at: number, context: TurnContext = {}): Turn {
  const searched = answer.followUp?.readAs ?? answer.question;
  const entry = index.entry(answer.entry.id);
  const names = [...new Set([...namesIn(index, searched), ...(entry ? namesIn(index, entry.question) : [])])];
  const { previous } = context;
  const earlier = previous ? [...new Set([...previous.names, ...(previous.earlier ?? [])])].filter((n) => !names.includes(n)).slice(0, EARLIER_NAMES) : [];
  const followed = answer.followUp?.to;
  return {
    question: searched,
    asked: answer.question,
    entryId: answer.entry.id,
    names,
    confidence: answer.confidence,
    strength: answer.strength,
    ...(followed ? { followed: followed.id, ...(followed.question ? { followedTitle: followed.question } : {}) } : {}),
    ...(answer.language ? { language: answer.language } : {}),
    title: answer.entry.question,
    ...(answer.check ? { check: true as const } : {}),
    ...(context.by ? { by: context.by } : {}),
    ...(followed && previous && (previous.by !== context.by || previous.by === undefined || previous.readFromOthers) ? { readFromOthers: true as const } : {}),
    ...(earlier.length > 0 ? { earlier } : {}),
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
 * it was given then: a shared or explained answer reads as the one the person saw. A quote
 * check has no entry to rebuild from: its words are checked again, and it is the same
 * answer only while the check finds what it found then.
 */
export function answerOfTurn(store: { answerEntry(id: string): Answered | undefined; current(): AnswerContext }, turn: Turn): Answered | undefined {
  const answer = turn.check && turn.strength !== 'picked' ? checkedAgain(store.current(), turn) : store.answerEntry(turn.entryId);
  if (!answer) return undefined;
  const followed = turn.followed === undefined ? undefined : store.current().index.entry(turn.followed);
  return {
    ...answer,
    question: turn.asked,
    confidence: turn.confidence,
    strength: turn.strength,
    ...(turn.language ? { language: turn.language } : {}),
    ...(turn.followed !== undefined ? { followUp: { to: { id: turn.followed, question: followed?.question ?? turn.followedTitle ?? '' }, readAs: turn.question } } : {}),
  };
}

function checkedAgain(ctx: AnswerContext, turn: Turn): Answered | undefined {
  const text = turn.language ? searchableInEnglish(turn.question, turn.language) : turn.question;
  const again = answerQuestion(ctx, text, { maxLength: MAX_READING_LENGTH });
  return again.kind === 'answer' && again.check && again.entry.id === turn.entryId && again.entry.question === turn.title ? again : undefined;
}
