// Every Slack listener, registered in this one place, and the one place their errors are
// caught: whatever fails, the person still gets a private answer, and the log gets one line.
import { asCodedError, type App } from '@slack/bolt';
import { MESSAGES } from '../../../core/wording/messages.js';
import { notice } from '../blocks.js';
import { onAction } from './action.js';
import { onMention } from './mention.js';
import { onDirectMessage } from './direct-message.js';
import { onAppHomeOpened } from './app-home.js';
import { onSlashCommand } from './slash-command.js';
import { onlyOnce } from './once.js';
import type { Ack, ChatClient, Respond, SlackDeps } from './deps.js';

export function registerListeners(app: App, deps: SlackDeps): void {
  app.use(onlyOnce(deps));
  // Every slash command goes to one listener that looks it up in the shared list, so a
  // command configured in Slack but unknown here gets an answer instead of a time-out.
  app.command(/^\/.+/, guarded(deps, 'command', onSlashCommand));
  app.action({ type: 'block_actions' }, guarded(deps, 'action', onAction));
  app.event('app_mention', guarded(deps, 'mention', onMention));
  app.event('message', guarded(deps, 'direct message', onDirectMessage));
  app.event('app_home_opened', guarded(deps, 'app home', onAppHomeOpened));
  // Failures before a listener runs (authorization, middleware) arrive here instead.
  app.error(async (error) => {
    deps.logger.error({ err: error, code: error.code }, 'slack request failed');
  });
}

/** The ways a failed listener can still reach the person; each listener has some of them. */
interface Reachable {
  ack?: Ack;
  respond?: Respond;
  client?: ChatClient;
  event?: { channel?: string; user?: string; ts?: string; thread_ts?: string };
  /** A button press's: who pressed, and where. */
  body?: { user?: { id: string }; channel?: { id: string } };
}

export function guarded<A extends Reachable>(deps: SlackDeps, listener: string, handle: (deps: SlackDeps, args: A) => Promise<void>) {
  return (args: A): Promise<void> => {
    const work = handleOnce(deps, listener, handle, args);
    // Shutdown waits for the whole exchange, the reply and any apology included.
    return deps.ctx.intake?.track(work) ?? work;
  };
}

async function handleOnce<A extends Reachable>(deps: SlackDeps, listener: string, handle: (deps: SlackDeps, args: A) => Promise<void>, args: A): Promise<void> {
  let acked = false;
  const ack: Ack | undefined = args.ack && (async (response) => {
    acked = true;
    await args.ack!(response);
  });
  try {
    await handle(deps, { ...args, ack } as A);
  } catch (error) {
    const err = asCodedError(error instanceof Error ? error : new Error(String(error)));
    deps.logger.error({ err, code: err.code, listener }, 'slack listener failed');
    // A second, different failure: the person could not be told either.
    await apologise({ ...args, ack }, acked, listener).catch((failed: unknown) => deps.logger.warn({ err: failed, listener }, 'slack apology not delivered'));
  }
}

async function apologise(args: Reachable, acked: boolean, listener: string): Promise<void> {
  const message = notice(MESSAGES.somethingWentWrong);
  if (args.ack && !acked) return args.ack({ response_type: 'ephemeral', ...message });
  // A command's acknowledgement was its "Working on it…", which the apology replaces; a
  // button's original message is an answer, which must stay.
  if (args.respond) return void (await args.respond({ response_type: 'ephemeral', replace_original: listener === 'command', ...message }));
  const { event, client, body } = args;
  if (client && event?.channel && event.user) {
    await client.chat.postEphemeral({ channel: event.channel, user: event.user, thread_ts: event.thread_ts ?? event.ts, ...message });
  } else if (client && body?.user) {
    // A press without a response_url: told where they pressed, or in their DM with the app.
    if (body.channel) await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, ...message });
    else await client.chat.postMessage({ channel: body.user.id, ...message });
  }
}
