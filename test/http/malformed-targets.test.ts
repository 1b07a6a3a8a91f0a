// Request targets that `new URL` throws on ("//", "///", "//@", "/\"), and others that are
// no path at all, at every listener of the bot as npm start runs it: the ops server while
// start-up is still under way (held at Slack's auth.test), then the Slack and Discord
// endpoints. Each gets a 400 or 404, nothing is logged above debug for them, and the bot
// stays up and answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSigner } from '../helpers/discord-stand-in/sign.js';
import { freePort, startTs, type Running } from '../helpers/long-running.js';
import { rawRequest } from '../helpers/raw-request.js';
import { FORM, postSigned, slashCommandBody } from '../helpers/slack-stand-in/sign.js';
import { startWebApi, type WebApiStandIn } from '../helpers/slack-stand-in/web-api.js';

const SECRET = 'malformed-targets-signing-secret';
// [request line, status, whether it reaches the listener: Node's parser itself answers 400 to a target without a slash]
const TARGETS: [string, number, boolean?][] = [
  ['GET //', 404],
  ['GET ///', 404],
  ['GET //@', 404],
  ['GET /\\', 404],
  ['POST //', 404],
  ['GET //@/healthz', 404],
  ['OPTIONS *', 400],
  ['GET http://127.0.0.1:99999/healthz', 400],
  ['GET healthz', 400, false],
];

let api: WebApiStandIn;
let bot: Running;
let release: (() => void) | undefined;
const ports = { ops: 0, slack: 0, discord: 0 };
const lines = () => bot.lines.items.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg: string });

beforeAll(async () => {
  api = await startWebApi();
  Object.assign(ports, { ops: await freePort(), slack: await freePort(), discord: await freePort() });
}, 30_000);
afterAll(async () => {
  release?.();
  await bot?.stop();
  await api.close();
});

describe('malformed request targets', () => {
  it.each(TARGETS)('%s reaches the ops server mid start-up and gets %i; start-up goes on', { timeout: 60_000 }, async (target, status) => {
    if (!bot) {
      // Start-up waits on Slack's auth.test until released, with the ops server already listening.
      const hold = api.holdNext('auth.test');
      bot = startTs('src/index.ts', {
        DISCORD_TOKEN: '',
        DISCORD_PUBLIC_KEY: newSigner().publicKey,
        DISCORD_APPLICATION_ID: '1',
        DISCORD_HTTP_HOST: '127.0.0.1',
        DISCORD_HTTP_PORT: String(ports.discord),
        SLACK_APP_TOKEN: '',
        SLACK_BOT_TOKEN: 'xoxb-malformed-targets',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_HOST: '127.0.0.1',
        SLACK_PORT: String(ports.slack),
        SLACK_API_URL: api.url,
        OPS_PORT: String(ports.ops),
        LOG_LEVEL: 'debug',
      });
      await hold.reached;
      // Released once every target has been sent (the last case below).
      release = hold.release;
    }
    expect(bot.lines.items.some((line) => line.includes('slack listening'))).toBe(false);
    expect((await rawRequest(ports.ops, `${target} HTTP/1.1`)).status).toBe(status);
    expect(bot.child.exitCode).toBeNull();
    expect((await rawRequest(ports.ops, 'GET /healthz HTTP/1.1')).status).toBe(200);
  });

  it('lets start-up finish afterwards', { timeout: 60_000 }, async () => {
    release?.();
    await bot.lines.waitFor((line) => line.includes('slack listening for HTTP requests'));
    await bot.lines.waitFor((line) => line.includes('discord listening for HTTP interactions'));
    expect(bot.child.exitCode).toBeNull();
  });

  it.each(TARGETS)('%s at the Slack and Discord endpoints gets %i', async (target, status) => {
    expect((await rawRequest(ports.slack, `${target} HTTP/1.1`)).status).toBe(status);
    expect((await rawRequest(ports.discord, `${target} HTTP/1.1`)).status).toBe(status);
  });

  it('logged nothing above debug for any of them, and still answers a signed question', async () => {
    const body = slashCommandBody({ command: '/ask', text: 'Who is Tommy Robinson?', user_id: 'UREPORT01', response_url: 'http://127.0.0.1:9/unused' });
    const reply = await postSigned(`http://127.0.0.1:${ports.slack}/slack/events`, body, FORM, { secret: SECRET });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('paragraph 13');
    const logged = lines();
    expect(logged.filter((line) => line.level >= 40)).toEqual([]);
    // One debug line per target refused as malformed, at each of the three listeners.
    const malformed = logged.filter((line) => line.msg === 'request refused' && (line as { reason?: string }).reason === 'malformed request target');
    expect(malformed.length).toBe(3 * TARGETS.filter(([, status, reaches]) => status === 400 && reaches !== false).length);
    expect(malformed.every((line) => line.level === 20)).toBe(true);
  });
});
