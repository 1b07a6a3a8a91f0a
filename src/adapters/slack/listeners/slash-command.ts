// A slash command from the shared list. Slack waits 3 seconds for the acknowledgement, and
// a reply that is ready by then travels inside it. A slower one is acknowledged with a
// private "Working on it…", which the reply then replaces through response_url.
import { findCommand } from '../../../../commands/index.js';
import { runCommand, type CommandReply } from '../../../core/answering/command.js';
import { MESSAGES } from '../../../core/wording/messages.js';
import { notice } from '../blocks.js';
import { fromSlackText } from '../markup.js';
import { renderReply } from '../render-reply.js';
import { slackUser, type Ack, type Respond, type SlackDeps, type SlackResponse } from './deps.js';

export interface SlashCommandArgs {
  command: { command: string; text?: string; user_id: string };
  ack: Ack;
  respond: Respond;
  /** arrivedAt: performance.now() when the request arrived over HTTP (absent in Socket Mode). */
  context?: Record<string, unknown>;
}

export async function onSlashCommand(deps: SlackDeps, { command, ack, respond, context }: SlashCommandArgs): Promise<void> {
  const name = command.command.replace(/^\//, '').toLowerCase();
  const found = findCommand(name);
  if (!found) return ack({ response_type: 'ephemeral', ...notice(MESSAGES.unknownCommand(name)) });
  const option = found.data.options[0]?.name;
  const pending = runCommand(found, deps.ctx, {
    platform: 'slack',
    user: slackUser(deps, command.user_id),
    options: option ? { [option]: fromSlackText(command.text ?? '') } : {},
  });
  // A failure after the deadline is rethrown below; until then it must not count as unhandled.
  pending.catch(() => undefined);
  // Slack's 3 seconds run from when the request reached the server: under load it may have
  // waited there long enough that only an acknowledgement at once is still in time.
  const arrivedAt = typeof context?.arrivedAt === 'number' ? context.arrivedAt : performance.now();
  const early = await settledWithin(pending, arrivedAt + deps.ackDeadlineMs - performance.now());
  if (early) return ack(toResponse(deps, early.reply));
  await ack({ response_type: 'ephemeral', ...notice(MESSAGES.workingOnIt) });
  const response = toResponse(deps, await pending);
  if (response.response_type === 'ephemeral') return void (await respond({ ...response, replace_original: true }));
  // A private message cannot become a public one: post the reply, then remove the notice.
  await respond({ ...response, replace_original: false });
  await respond({ delete_original: true });
}

/** Only answers to /ask follow the visibility setting; reports and refusals are private. */
export function toResponse(deps: SlackDeps, reply: CommandReply): SlackResponse {
  const visibility = reply.kind === 'answer' ? deps.visibility : 'ephemeral';
  return { response_type: visibility, ...renderReply(reply, { shareable: visibility === 'ephemeral' && reply.kind === 'answer' }) };
}

/** The reply if it settles within `ms`; a rejection before then is thrown. */
async function settledWithin(pending: Promise<CommandReply>, ms: number): Promise<{ reply: CommandReply } | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([pending.then((reply) => ({ reply })), late]);
  } finally {
    clearTimeout(timer);
  }
}
