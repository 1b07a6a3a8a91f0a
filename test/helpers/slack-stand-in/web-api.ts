// A stand-in for Slack's Web API (what SLACK_API_URL points at): answers the methods the
// adapter uses the way Slack documents them, and records every call with its token.
import { listenLocally, sendJson } from './http-server.js';
import { Recorded } from './recorded.js';

export const BOT_USER_ID = 'UBOTSTORY';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token the call was made with. */
  token: string | undefined;
}

export interface WebApiStandIn {
  /** Base URL, as SLACK_API_URL takes it. */
  url: string;
  calls: Recorded<ApiCall>;
  /**
   * Keeps the next call of this method waiting, unanswered, until released: a reply still on
   * its way. `reached` resolves once the bot has made the call.
   */
  holdNext(method: string): { reached: Promise<void>; release: () => void };
  close(): Promise<void>;
}

export interface WebApiOptions {
  /** What apps.connections.open hands out: the Socket Mode stand-in's address. */
  socketUrl?: () => string;
}

export async function startWebApi(options: WebApiOptions = {}): Promise<WebApiStandIn> {
  const calls = new Recorded<ApiCall>();
  let messages = 0;
  const holds = new Map<string, { reached: () => void; released: Promise<void> }>();
  const server = await listenLocally(async (req, body, res) => {
    const method = /^\/api\/([\w.]+)$/.exec(req.url ?? '')?.[1];
    if (req.method !== 'POST' || !method) return sendJson(res, 404, { ok: false, error: 'unknown_method' });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    calls.push({ method, args: parseArgs(req.headers['content-type'], body), token });
    const hold = holds.get(method);
    if (hold) {
      holds.delete(method);
      hold.reached();
      await hold.released;
    }
    const ts = () => `1736000000.${String(++messages).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return sendJson(res, 200, { ok: true, url: 'https://newsroom.example/', team: 'Newsroom', user: 'storybot', team_id: 'T0NEWS', user_id: BOT_USER_ID, bot_id: 'B0STORY' });
      case 'chat.postMessage':
        return sendJson(res, 200, { ok: true, channel: calls.items.at(-1)?.args.channel, ts: ts() });
      case 'chat.postEphemeral':
        return sendJson(res, 200, { ok: true, message_ts: ts() });
      case 'views.publish': {
        // Slack refuses a Home view over 100 blocks, or one without a user to show it to.
        const view = calls.items.at(-1)?.args.view as { type?: string; blocks?: unknown[] } | undefined;
        if (typeof calls.items.at(-1)?.args.user_id !== 'string' || view?.type !== 'home' || !Array.isArray(view.blocks) || view.blocks.length > 100) {
          return sendJson(res, 200, { ok: false, error: 'invalid_arguments' });
        }
        return sendJson(res, 200, { ok: true, view: { id: 'V0HOME', ...view } });
      }
      case 'apps.connections.open':
        if (!options.socketUrl) return sendJson(res, 200, { ok: false, error: 'not_allowed_token_type' });
        return sendJson(res, 200, { ok: true, url: options.socketUrl() });
      default:
        return sendJson(res, 200, { ok: false, error: 'unknown_method' });
    }
  });
  return {
    url: `http://127.0.0.1:${server.port}/api/`,
    calls,
    holdNext(method) {
      let reached!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (reached = resolve));
      holds.set(method, { reached, released: new Promise<void>((resolve) => (release = resolve)) });
      return { reached: arrived, release };
    },
    close: server.close,
  };
}

// The Web API client sends form fields, with blocks and other structures as JSON text.
function parseArgs(contentType: string | undefined, body: string): Record<string, unknown> {
  if (contentType?.startsWith('application/json')) return JSON.parse(body || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  return args;
}
