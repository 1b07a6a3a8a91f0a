// Requests Slack would never send, at the bot as npm start runs it: each gets the right
// status, the process stays up, and the next good request is answered.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import { freePort, startTs, type Running } from '../../helpers/long-running.js';
import { rawPost } from '../../helpers/slack-stand-in/raw-post.js';
import { textsOf } from '../../helpers/slack-stand-in/read-message.js';
import { startResponseUrl, type ResponseUrlStandIn } from '../../helpers/slack-stand-in/response-url.js';
import { FORM, JSON_TYPE, postSigned, slackSignature, slashCommandBody } from '../../helpers/slack-stand-in/sign.js';
import { startWebApi, type WebApiStandIn } from '../../helpers/slack-stand-in/web-api.js';

const SECRET = 'hostile-test-signing-secret';
const BOT_TOKEN = 'xoxb-hostile-test-bot-token';
const ROBINSON = '>“Stephen Yaxley-Lennon, the founder of the far-right English Defence League, who is better known as Tommy Robinson”\n>— _paragraph 13_';
const UNSET = { DISCORD_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_ADMIN_USERS: '' };

const now = () => Math.floor(Date.now() / 1000);
const ask = (text: string, command = '/ask') => slashCommandBody({ command, text, user_id: 'UHOSTILE1', response_url: 'http://127.0.0.1:9/unused' });
const signed = (body: string, options: { contentType?: string; timestamp?: number; secret?: string } = {}) => {
  const timestamp = options.timestamp ?? now();
  return {
    'content-type': options.contentType ?? FORM,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(options.secret ?? SECRET, timestamp, body),
  };
};
const without = (headers: Record<string, string>, name: string) => Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));

interface Hostile {
  body: string;
  headers: Record<string, string>;
}

const MEGABYTE_QUESTION = ask('x'.repeat(1_000_000));

const cases: [string, number, () => Hostile][] = [
  ['a replayed request whose timestamp is six minutes old', 401, () => ({ body: ask('Who is Tommy Robinson?'), headers: signed(ask('Who is Tommy Robinson?'), { timestamp: now() - 6 * 60 }) })],
  ['a replayed request from yesterday', 401, () => ({ body: ask('Who is Tommy Robinson?'), headers: signed(ask('Who is Tommy Robinson?'), { timestamp: now() - 86_400 }) })],
  ['a signature made with another secret', 401, () => ({ body: ask('Who is Tommy Robinson?'), headers: signed(ask('Who is Tommy Robinson?'), { secret: 'not-the-secret' }) })],
  ['a good signature over a body that was then changed', 401, () => ({ body: ask('Who is Jess Phillips?'), headers: signed(ask('Who is Tommy Robinson?')) })],
  ['no x-slack-signature header', 401, () => ({ body: ask('Who is Tommy Robinson?'), headers: without(signed(ask('Who is Tommy Robinson?')), 'x-slack-signature') })],
  ['no x-slack-request-timestamp header', 401, () => ({ body: ask('Who is Tommy Robinson?'), headers: without(signed(ask('Who is Tommy Robinson?')), 'x-slack-request-timestamp') })],
  ['a timestamp that is not a number', 401, () => ({ body: ask('Who is Tommy Robinson?'), headers: { ...signed(ask('Who is Tommy Robinson?')), 'x-slack-request-timestamp': 'soon' } })],
  ['a 1 MB body, signed', 413, () => ({ body: MEGABYTE_QUESTION, headers: signed(MEGABYTE_QUESTION) })],
  ['a 1 MB body, unsigned', 413, () => ({ body: MEGABYTE_QUESTION, headers: { 'content-type': FORM } })],
  ['a form whose payload is not JSON', 400, () => ({ body: 'payload=%7B%22type%22%3A', headers: signed('payload=%7B%22type%22%3A') })],
  ['a JSON body that does not parse', 400, () => ({ body: '{"type": "event_callback",', headers: signed('{"type": "event_callback",', { contentType: JSON_TYPE }) })],
  ['binary bytes sent as text', 400, () => ({ body: '\u0000\u00ff\ufffd\u0001', headers: signed('\u0000\u00ff\ufffd\u0001', { contentType: 'text/plain' }) })],
  ['form fields that are no Slack request at all', 400, () => ({ body: 'command=%ZZ&text=%&=&&', headers: signed('command=%ZZ&text=%&=&&') })],
  ['a timestamp ten minutes in the future', 401, () => ({ body: ask('Who is Tommy Robinson?'), headers: signed(ask('Who is Tommy Robinson?'), { timestamp: now() + 10 * 60 }) })],
  ['a signed JSON body of null', 400, () => ({ body: 'null', headers: signed('null', { contentType: JSON_TYPE }) })],
  ['a signed JSON list', 400, () => ({ body: '[{"type":"event_callback"}]', headers: signed('[{"type":"event_callback"}]', { contentType: JSON_TYPE }) })],
  ['a signed form whose payload is null', 400, () => ({ body: 'payload=null', headers: signed('payload=null') })],
  ['a signed form whose payload is a string', 400, () => ({ body: 'payload=%22hi%22', headers: signed('payload=%22hi%22') })],
  ['a signed form with a field given twice', 400, () => ({ body: `${ask('Who is Tommy Robinson?')}&text=again`, headers: signed(`${ask('Who is Tommy Robinson?')}&text=again`) })],
  ['a signed body larger than Slack sends (200 KB)', 413, () => ({ body: ask('y'.repeat(200_000)), headers: signed(ask('y'.repeat(200_000))) })],
];

describe('hostile requests at the Slack endpoint of a running bot', () => {
  let api: WebApiStandIn;
  let responses: ResponseUrlStandIn;
  let bot: Running;
  let eventsUrl: string;
  beforeAll(async () => {
    [api, responses] = await Promise.all([startWebApi(), startResponseUrl()]);
    const port = await freePort();
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    bot = startTs('src/index.ts', {
      ...UNSET,
      LOG_LEVEL: 'debug',
      DATA_DIR: await mkdtemp(path.join(tmpdir(), 'storybot-hostile-')),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_PORT: String(port),
      SLACK_API_URL: api.url,
      // One user sends every request here; the rate limit has its own tests.
      RATE_LIMIT_QUESTIONS: '1000',
    });
    await bot.lines.waitFor((line) => line.includes('slack listening for HTTP requests'));
  });
  afterAll(async () => {
    await bot.stop();
    await Promise.all([api.close(), responses.close()]);
  });

  async function expectStillAnswering(): Promise<void> {
    expect(bot.child.exitCode).toBeNull();
    const body = slashCommandBody({ command: '/ask', text: 'Who is Tommy Robinson?', user_id: 'UREPORT01', response_url: responses.url(`after-${Math.random().toString(36).slice(2)}`) });
    const reply = await postSigned(eventsUrl, body, FORM, { secret: SECRET });
    expect(reply.status).toBe(200);
    expect(textsOf(reply.json)).toContain(ROBINSON);
  }

  it.each(cases)('answers %s with %i, stays up, and answers the next good request', async (_, status, build) => {
    const { body, headers } = build();
    const reply = await rawPost(eventsUrl, body, headers);
    expect(reply.status).toBe(status);
    expect(reply.text).toBe('');
    await expectStillAnswering();
  });

  it('answers an unknown command privately, saying which commands it knows', async () => {
    const body = ask('anything', '/frobnicate');
    const reply = await rawPost(eventsUrl, body, signed(body));
    expect(reply.status).toBe(200);
    const json = JSON.parse(reply.text) as Record<string, unknown>;
    expect(json).toMatchObject({ response_type: 'ephemeral' });
    expect(textsOf(json)).toEqual([MESSAGES.unknownCommand('frobnicate')]);
    await expectStillAnswering();
  });

  it('logged refusals of unsigned or badly signed requests at debug, signed malformed ones as warnings, nothing as an error, and no secret', () => {
    const lines = bot.lines.items.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg: string; reason?: string });
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    // Anyone can send those: one line each at debug, never a warning that anyone could write.
    const strangers = lines.filter((line) => line.msg === 'request refused');
    expect(strangers.every((line) => line.level === 20)).toBe(true);
    expect(strangers.length).toBeGreaterThanOrEqual(cases.filter(([, status]) => status === 401).length);
    const warnings = lines.filter((line) => line.level === 40);
    expect(new Set(warnings.map((line) => line.msg))).toEqual(new Set(['signed slack request refused', 'slack request that no listener handles: answered 400']));
    expect(warnings.length).toBeGreaterThanOrEqual(cases.filter(([, status]) => status === 400).length);
    const text = bot.lines.items.join('\n');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(BOT_TOKEN);
  });
});
