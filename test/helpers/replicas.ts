// StoryBot replicas as `npm start` runs them, in Slack's HTTP mode, each its own process with
// its own DATA_DIR, ports and log, sharing whatever the test passes in (Redis, PostgreSQL,
// the knowledge folder). Asking goes over real, signed HTTP to the replica chosen. With
// DISCORD_PUBLIC_KEY it also takes Discord's HTTP interactions on a port of its own.
import { freePort } from './long-running.js';
import { textsOf } from './slack-stand-in/read-message.js';
import { replyToCommand, type ResponseUrlStandIn } from './slack-stand-in/response-url.js';
import { FORM, postSigned, slashCommandBody } from './slack-stand-in/sign.js';
import { startWholeBot, type WholeBot } from './whole-bot.js';

export const SIGNING_SECRET = 'replica-signing-secret';

export interface Replica {
  name: string;
  bot: WholeBot;
  eventsUrl: string;
  /** Discord's interactions endpoint, when DISCORD_PUBLIC_KEY was given. */
  interactionsUrl?: string;
}

export async function startReplica(name: string, env: NodeJS.ProcessEnv): Promise<Replica> {
  const [port, discordPort] = [await freePort(), await freePort()];
  const discord = env.DISCORD_PUBLIC_KEY ? { DISCORD_HTTP_HOST: '127.0.0.1', DISCORD_HTTP_PORT: String(discordPort) } : {};
  const bot = await startWholeBot({ SLACK_BOT_TOKEN: 'xoxb-replica', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: String(port), ...discord, ...env });
  await bot.logged('slack listening for HTTP requests');
  if (env.DISCORD_PUBLIC_KEY) await bot.logged('discord listening for HTTP interactions');
  return { name, bot, eventsUrl: `http://127.0.0.1:${port}/slack/events`, interactionsUrl: env.DISCORD_PUBLIC_KEY ? `http://127.0.0.1:${discordPort}/discord/interactions` : undefined };
}

export interface SlackOutcome {
  status: number;
  /** The reply's texts, from the acknowledgement or, when it came later, from response_url. */
  texts: string[];
}

let sent = 0;

/** A signed slash command to one replica, and the reply the person would see. */
export async function command(replica: Replica, responses: ResponseUrlStandIn, name: string, text: string, userId: string): Promise<SlackOutcome> {
  const id = `${replica.name}-${++sent}`;
  const body = slashCommandBody({ command: name, text, user_id: userId, response_url: responses.url(id) });
  const reply = await postSigned(replica.eventsUrl, body, FORM, { secret: SIGNING_SECRET });
  if (reply.status !== 200) return { status: reply.status, texts: [] };
  // A slow command (a reload, which now checks the files in a worker) is acknowledged with
  // "Working on it…" and answered through response_url.
  const message = await replyToCommand(reply.json, responses.posts, id);
  return { status: 200, texts: textsOf(message) };
}
