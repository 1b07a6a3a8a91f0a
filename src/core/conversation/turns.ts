// What a conversation remembers of an answer, and the port it is kept behind. A turn is
// small on purpose: the question as it was searched, the entry that answered it, and the
// names that answer is about, which is all a follow-up ("and when?", "what did he say?")
// needs, and what "Why this answer?" and Share need to rebuild the same answer later. One
// process keeps turns in memory (state/memory-turns.ts); replicas share them in Redis
// (state/redis-turns.ts), so a follow-up may reach a replica other than the one that answered.
import type { OtherLanguage } from '../answering/languages.js';
import type { MatchStrength } from '../answering/reply-types.js';

export interface Turn {
  /** What was searched: the question as asked, or as read in the light of the one before. */
  question: string;
  /** The question as the person typed it. */
  asked: string;
  entryId: string;
  /** Analyzer terms of the people and things the answer is about: who "he" or "it" may mean next. */
  names: string[];
  confidence: number;
  strength: MatchStrength;
  /** The entry the question followed up, when it was a follow-up. */
  followed?: string;
  /** How "Following up on …" named that answer: curated or the bot's own words. */
  followedTitle?: string;
  /** The language the question was asked in, when not English. */
  language?: OtherLanguage;
  /**
   * The question the answer was shown under in public: the curated question, or for a
   * quote check the bot's "Quote check: …" over the story's own words. Never what was typed,
   * so that "Following up on …" can name the answer after a reload removed its entry.
   */
  title?: string;
  /** A quote check, rebuilt by checking the searched words again rather than from an entry. */
  check?: true;
  /** Who asked, as askerKey() writes it: only they are shown their own words again. */
  by?: string;
  /** A follow-up whose reading holds words someone else typed (their question, spelt out): shown to no one. */
  readFromOthers?: true;
  /** People and things of the answers before this one, most recent first: whom "she" means when this answer names no woman. */
  earlier?: string[];
  /** When it was answered, in milliseconds since the epoch. */
  at: number;
}

export interface TurnStore {
  /** The turn kept under this key, unless it has expired or cannot be reached (then undefined). */
  get(key: string): Promise<Turn | undefined>;
  /** Keeps a turn for ttlMs. Never rejects: a turn that cannot be kept is only a follow-up less. */
  put(key: string, turn: Turn, ttlMs: number): Promise<void>;
}

/** Where a question was asked, for reading it as a follow-up. */
export interface Conversation {
  /**
   * A thread, a direct-message channel or a console session, read and then written: each
   * answer there becomes the context of the next question.
   */
  key?: string;
  /** The reply this question was asked under (a Discord follow-up button): read only. */
  after?: string;
}

export const TURN_DEFAULTS = Object.freeze({
  /** How long a follow-up may come after the answer it follows (FOLLOW_UP_MINUTES). */
  followUpMs: 30 * 60_000,
  /** How long a reply can still be explained ("Why this answer?") or shared. */
  replyKeepMs: 24 * 60 * 60_000,
});

/** Keys of the two kinds of record, apart so that a conversation can never be read as a reply. */
export const turnKeys = Object.freeze({
  conversation: (key: string) => `talk:${key}`,
  reply: (id: string) => `reply:${id}`,
});

/** Checks a turn read back from shared state, which another version of the bot may have written. */
export function isTurn(value: unknown): value is Turn {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return (
    typeof t.question === 'string' &&
    typeof t.asked === 'string' &&
    typeof t.entryId === 'string' &&
    Array.isArray(t.names) &&
    t.names.every((n) => typeof n === 'string') &&
    typeof t.confidence === 'number' &&
    ['exact', 'strong', 'likely', 'picked'].includes(t.strength as string) &&
    (t.followed === undefined || typeof t.followed === 'string') &&
    (t.followedTitle === undefined || typeof t.followedTitle === 'string') &&
    (t.language === undefined || ['fr', 'es', 'de'].includes(t.language as string)) &&
    (t.title === undefined || typeof t.title === 'string') &&
    (t.check === undefined || t.check === true) &&
    (t.by === undefined || typeof t.by === 'string') &&
    (t.readFromOthers === undefined || t.readFromOthers === true) &&
    (t.earlier === undefined || (Array.isArray(t.earlier) && t.earlier.every((n) => typeof n === 'string'))) &&
    typeof t.at === 'number'
  );
}
