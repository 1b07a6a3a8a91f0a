// What every Slack listener needs, and the narrow shapes of Bolt's arguments they use: small
// enough that a test can call a listener with plain objects, and Bolt's own types fit them.
import type { CommandContext } from '../../../core/answering/command.js';
import type { Logger } from '../../../logger.js';
import type { Block, SlackMessage } from '../blocks.js';

export type Visibility = 'ephemeral' | 'in_channel';

export const SLACK_DEFAULTS = Object.freeze({
  /**
   * How long a slash command may run and still answer inside its acknowledgement. Slack
   * gives up after 3 seconds, network included; later answers go through response_url.
   */
  ackDeadlineMs: 2000,
  /** Bolt's default path, which the manifest and docs/slack.md give Slack. */
  eventsPath: '/slack/events',
});

export interface SlackDeps {
  ctx: CommandContext;
  logger: Logger;
  /** User ids from SLACK_ADMIN_USERS. */
  admins: ReadonlySet<string>;
  /** Who first sees an answer to /ask: the asker alone (with Share), or the channel. */
  visibility: Visibility;
  ackDeadlineMs: number;
}

export type SlackResponse = SlackMessage & { response_type?: Visibility };

export interface ResponseUrlMessage extends Partial<SlackMessage> {
  response_type?: Visibility;
  replace_original?: boolean;
  delete_original?: boolean;
}

export type Ack = (response?: SlackResponse) => Promise<void>;
export type Respond = (message: ResponseUrlMessage) => Promise<unknown>;

interface Placed {
  channel: string;
  thread_ts?: string;
  text: string;
  blocks: Block[];
}

export interface ChatClient {
  chat: {
    postMessage(args: Placed): Promise<unknown>;
    postEphemeral(args: Placed & { user: string }): Promise<unknown>;
  };
  views?: {
    publish(args: { user_id: string; view: { type: 'home'; blocks: Block[] } }): Promise<unknown>;
  };
}

/** A thread's conversation, for follow-ups: its channel and the timestamp of its first message. */
export function threadKey(channel: string, threadTs: string): string {
  return `slack:${channel}:${threadTs}`;
}

/** The invoking person, as the core sees them. */
export function slackUser(deps: SlackDeps, userId: string) {
  return { id: userId, isAdmin: deps.admins.has(userId) };
}

/**
 * Slackbot writes in a person's DM with the app under ids of its own (notices such as "You
 * have been removed from #channel"): those are no questions, and never reach the question log.
 */
const SLACKBOT_IDS: ReadonlySet<string> = new Set(['USLACKBOT', 'USLACK']);

/** Whether a message's writer is a person: present, and not Slackbot. */
export function writtenByAPerson(userId: string | undefined): userId is string {
  return userId !== undefined && userId !== '' && !SLACKBOT_IDS.has(userId);
}
