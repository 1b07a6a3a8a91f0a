// A stand-in for the response_url Slack puts in every slash command and button press:
// records what the adapter posts there.
import { MESSAGES } from '../../../src/core/wording/messages.js';
import { listenLocally } from './http-server.js';
import { textsOf } from './read-message.js';
import { Recorded } from './recorded.js';

export interface ResponsePost {
  /** Which response_url was used. */
  id: string;
  body: Record<string, unknown>;
}

export interface ResponseUrlStandIn {
  url(id: string): string;
  posts: Recorded<ResponsePost>;
  close(): Promise<void>;
}

export async function startResponseUrl(): Promise<ResponseUrlStandIn> {
  const posts = new Recorded<ResponsePost>();
  const server = await listenLocally((req, body, res) => {
    const id = /^\/respond\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    if (req.method !== 'POST' || !id) {
      res.writeHead(404).end();
      return;
    }
    posts.push({ id, body: JSON.parse(body) as Record<string, unknown> });
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  return { url: (id) => `http://127.0.0.1:${server.port}/respond/${id}`, posts, close: server.close };
}

/**
 * The reply to a slash command: in its acknowledgement when it was ready in time, otherwise
 * the message that replaced the "Working on it…" acknowledgement through response_url.
 */
export async function replyToCommand(ack: unknown, posts: Recorded<ResponsePost>, responseId: string): Promise<unknown> {
  if (ack && !textsOf(ack).includes(MESSAGES.workingOnIt)) return ack;
  return (await posts.waitFor((p) => p.id === responseId && p.body.delete_original !== true)).body;
}
