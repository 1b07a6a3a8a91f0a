// A slash command is data plus a handler, defined once in commands/ and shared by every
// platform. Handlers return platform-neutral replies; each adapter renders them.
import { z } from 'zod';
import type { AnswerResult } from './answer.js';
import type { GapReport, GapSource } from '../curation/gaps.js';
import type { Intake } from './intake.js';
import type { KnowledgeStore, ReloadReport } from '../knowledge/store.js';
import type { Platform, Recorder } from './recorder.js';
import type { DeliveryLedger, ReloadFanout, VoteLedger } from './shared-state.js';
import type { Conversations } from '../conversation/conversations.js';
import type { Conversation } from '../conversation/turns.js';

export interface CommandOption {
  name: string;
  description: string;
  required: boolean;
  /** Text unless said otherwise; a yes-or-no option is for platforms with named options (Discord). */
  type?: 'string' | 'boolean';
  maxLength?: number;
  /** Offer curated questions while the user types (Discord autocomplete). */
  autocomplete?: boolean;
}

export interface CommandData {
  name: string;
  description: string;
  options: CommandOption[];
  /** Only admins may run it: Manage Server on Discord, SLACK_ADMIN_USERS on Slack. */
  adminOnly: boolean;
  /** How the argument is written after the command on platforms without named options. */
  usageHint?: string;
}

export interface Invocation {
  platform: Platform;
  user: { id: string; isAdmin: boolean };
  options: Readonly<Record<string, string | undefined>>;
  /** Where it was asked: a question there may follow up the last answer. */
  conversation?: Conversation;
}

export interface AboutInfo {
  sources: { id: string; published: string; summary?: string; headline: string | null; outlet: string | null; url: string | null }[];
  entries: number;
  drafts: number;
  loadedAt: Date;
  startedAt: Date;
}

export type CommandReply =
  /** `replyId` names an answer for "Why this answer?" and Share, while it is kept. */
  | { kind: 'answer'; result: AnswerResult; replyId?: string }
  | { kind: 'reload'; report: ReloadReport }
  | { kind: 'about'; about: AboutInfo }
  | { kind: 'gaps'; report: GapReport }
  /** /gaps while the question log is off, or not open yet: there is nothing to report from. */
  | { kind: 'gaps-unavailable'; reason?: 'off' | 'not-open' }
  | { kind: 'refused'; reason: 'not-admin' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  /** The bot is stopping: it finishes what it started but takes nothing new. */
  | { kind: 'shutting-down' };

/** Why a question was not taken: the bot is stopping, or the person is asking too fast. */
export type NotTaken = Extract<CommandReply, { kind: 'rate-limited' | 'shutting-down' }>;

export type Taken = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /**
   * Takes one question from this person's allowance; says how long to wait when there is
   * none. A promise where the allowance is shared by replicas in Redis; it never rejects.
   */
  take(platform: Platform, userId: string): Taken | Promise<Taken>;
}

export interface CommandContext {
  store: KnowledgeStore;
  recorder: Recorder;
  startedAt: Date;
  limiter?: RateLimiter;
  /** The question log's view of what is missing; absent when logging is off. */
  gaps?: GapSource;
  /** What is in flight, and whether new commands are still taken (closed at shutdown). */
  intake?: Intake;
  /** Reloads every replica; without it, /reload reloads this process alone. */
  reloads?: ReloadFanout;
  /** Who has voted on what, across replicas; without it the question log decides. */
  votes?: VoteLedger;
  /** The last answer of each conversation, and each answer by its reply id; without it, no follow-ups. */
  conversations?: Conversations;
  /** Deliveries already taken, across replicas; without it, a retried or replayed delivery runs again. */
  deliveries?: DeliveryLedger;
}

export interface Command {
  data: CommandData;
  execute(ctx: CommandContext, invocation: Invocation): Promise<CommandReply>;
}

// Discord's rules are the strictest of the platforms, so every command meets them.
const name = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be 1-32 lower-case letters, digits or hyphens');
const description = z.string().min(1).max(100, 'must be at most 100 characters');

export const commandSchema = z.object({
  data: z.strictObject({
    name,
    description,
    options: z
      .array(
        z.strictObject({
          name,
          description,
          required: z.boolean(),
          type: z.enum(['string', 'boolean']).optional(),
          maxLength: z.number().int().min(1).max(6000).optional(),
          autocomplete: z.boolean().optional(),
        }),
      )
      .max(25),
    adminOnly: z.boolean(),
    usageHint: z.string().max(100).optional(),
  }),
  execute: z.custom<Command['execute']>((value) => typeof value === 'function', 'must be a function'),
});

/** Checks each command module when loaded; an invalid one is an error, never skipped. */
export function checkCommands(modules: readonly unknown[]): Command[] {
  const names = new Set<string>();
  return modules.map((module, i) => {
    const parsed = commandSchema.safeParse(module);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
      throw new Error(`command module #${i + 1} is invalid: ${issues}`);
    }
    if (names.has(parsed.data.data.name)) throw new Error(`two commands are named "${parsed.data.data.name}"`);
    names.add(parsed.data.data.name);
    return module as Command;
  });
}

/** Runs a command with the checks every platform shares: shutdown, admin-only and rate limits. */
export async function runCommand(command: Command, ctx: CommandContext, invocation: Invocation): Promise<CommandReply> {
  if (ctx.intake && !ctx.intake.open) return { kind: 'shutting-down' };
  if (command.data.adminOnly) {
    if (!invocation.user.isAdmin) return { kind: 'refused', reason: 'not-admin' };
  } else {
    const notTaken = await takeQuestion(ctx, invocation.platform, invocation.user.id);
    if (notTaken) return notTaken;
  }
  return command.execute(ctx, invocation);
}

/**
 * The gate for anything that asks a question, a command or a button: nothing new once the
 * bot is stopping, and one token from the person's rate limit. Undefined means go ahead.
 */
export async function takeQuestion(ctx: CommandContext, platform: Platform, userId: string): Promise<NotTaken | undefined> {
  if (ctx.intake && !ctx.intake.open) return { kind: 'shutting-down' };
  const taken = await ctx.limiter?.take(platform, userId);
  if (taken && !taken.ok) return { kind: 'rate-limited', retryAfterSeconds: taken.retryAfterSeconds };
  return undefined;
}
