// Replies that are only a sentence for the person who asked: every platform shows them as a
// short private message, so their words are chosen here once.
import type { CommandReply } from '../answering/command.js';
import { MESSAGES } from './messages.js';

export type NoticeReply = Extract<CommandReply, { kind: 'gaps-unavailable' | 'refused' | 'rate-limited' | 'shutting-down' }>;

export function isNotice(reply: CommandReply): reply is NoticeReply {
  return reply.kind === 'gaps-unavailable' || reply.kind === 'refused' || reply.kind === 'rate-limited' || reply.kind === 'shutting-down';
}

export function noticeText(reply: NoticeReply): string {
  switch (reply.kind) {
    case 'gaps-unavailable':
      return reply.reason === 'not-open' ? MESSAGES.gapsNotOpen : MESSAGES.gapsUnavailable;
    case 'refused':
      return MESSAGES.notAdmin;
    case 'rate-limited':
      return MESSAGES.rateLimited(reply.retryAfterSeconds);
    case 'shutting-down':
      return MESSAGES.shuttingDown;
  }
}
