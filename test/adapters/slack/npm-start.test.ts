// The whole bot started as npm start starts it, configured for Slack by the environment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startTs, type Running } from '../../helpers/long-running.js';
import { runTs } from '../../helpers/run-node.js';
import { textsOf } from '../../helpers/slack-stand-in/read-message.js';
import { replyToCommand, startResponseUrl, type ResponseUrlStandIn } from '../../helpers/slack-stand-in/response-url.js';
import { FORM, postSigned, slashCommandBody } from '../../helpers/slack-stand-in/sign.js';
import { startWebApi, type WebApiStandIn } from '../../helpers/slack-stand-in/web-api.js';

// Whatever the machine running the tests has set must not leak into these runs.
const UNSET = { DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '', SLACK_API_URL: '', SLACK_ADMIN_USERS: '', SLACK_PORT: '' };

describe('npm start with SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET', () => {
  let api: WebApiStandIn;
  let responses: ResponseUrlStandIn;
  let bot: Running;
  let eventsUrl: string;
  beforeAll(async () => {
    api = await startWebApi();
    responses = await startResponseUrl();
    const port = await freePort();
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    // At debug level, so the check for secrets in the log covers Bolt's chattiest lines too.
    bot = startTs('src/index.ts', { ...UNSET, LOG_LEVEL: 'debug', SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's', SLACK_PORT: String(port), SLACK_API_URL: api.url });
    await bot.lines.waitFor((line) => line.includes('slack listening for HTTP requests'));
  });
  afterAll(async () => {
    await bot.stop();
    await Promise.all([api.close(), responses.close()]);
  });

  it('answers a signed /ask Who is Tommy Robinson? with a quote from paragraph 13', async () => {
    const body = slashCommandBody({ command: '/ask', text: 'Who is Tommy Robinson?', user_id: 'UREPORT01', response_url: responses.url('npm-start') });
    const reply = await postSigned(eventsUrl, body, FORM, { secret: 's' });
    expect(reply.status).toBe(200);
    // The acknowledgement carries the answer when it is ready in time, response_url otherwise.
    const answer = await replyToCommand(reply.json, responses.posts, 'npm-start');
    expect(textsOf(answer)).toContain('>“Stephen Yaxley-Lennon, the founder of the far-right English Defence League, who is better known as Tommy Robinson”\n>— _paragraph 13_');
    expect(api.calls.items.map((c) => c.method)).toContain('auth.test');
  });

  it('answers 401 to a wrong signature', async () => {
    const body = slashCommandBody({ command: '/ask', text: 'Who is Tommy Robinson?', user_id: 'UREPORT01', response_url: responses.url('forged') });
    const reply = await postSigned(eventsUrl, body, FORM, { secret: 'not-s' });
    expect(reply.status).toBe(401);
  });

  it('logs no token, even at debug level', () => {
    const logs = bot.lines.items.join('\n');
    expect(logs).toContain('"level":20');
    expect(logs).not.toContain('xoxb-x');
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await bot.stop()).toBe(0);
  });
});

describe('npm start with a wrong Slack setting', () => {
  it.each([
    ['SLACK_SIGNING_SECRET', { SLACK_BOT_TOKEN: 'xoxb-bot-secret-1' }],
    ['SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: 'bot-secret-2-without-prefix', SLACK_SIGNING_SECRET: 'signing-secret-3' }],
    ['SLACK_APP_TOKEN', { SLACK_BOT_TOKEN: 'xoxb-bot-secret-4', SLACK_APP_TOKEN: 'app-secret-5-without-prefix' }],
    ['SLACK_BOT_TOKEN', { SLACK_APP_TOKEN: 'xapp-app-secret-6' }],
    ['SLACK_API_URL', { SLACK_BOT_TOKEN: 'xoxb-bot-secret-7', SLACK_SIGNING_SECRET: 'signing-secret-8', SLACK_API_URL: 'ftp://files.example/api/' }],
    ['SLACK_ADMIN_USERS', { SLACK_BOT_TOKEN: 'xoxb-bot-secret-9', SLACK_SIGNING_SECRET: 'signing-secret-10', SLACK_ADMIN_USERS: 'U012ABC,alice' }],
    ['SLACK_PORT', { SLACK_BOT_TOKEN: 'xoxb-bot-secret-11', SLACK_SIGNING_SECRET: 'signing-secret-12', SLACK_PORT: '70000' }],
  ])('stops at start-up naming %s, and prints no secret', async (variable, env) => {
    const { code, stderr } = await runTs('src/index.ts', [], { env: { ...UNSET, ...env } });
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^  ${variable}: `, 'm'));
    for (const value of Object.values(env).filter((v) => /secret/.test(v))) expect(stderr).not.toContain(value);
  });
});
