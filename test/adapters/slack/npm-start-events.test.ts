// The whole bot as npm start runs it in Slack's HTTP mode, fed recorded events: a mention
// retried by Slack is answered and logged once, and Slackbot's notices in a DM are neither
// answered nor kept, so /gaps shows a person's declined question and nothing of Slackbot's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startTs, type Running } from '../../helpers/long-running.js';
import { fixture, postToSlack } from '../../helpers/recorded-payloads.js';
import { textsOf } from '../../helpers/slack-stand-in/read-message.js';
import { replyToCommand, startResponseUrl, type ResponseUrlStandIn } from '../../helpers/slack-stand-in/response-url.js';
import { FORM, postSigned, slashCommandBody } from '../../helpers/slack-stand-in/sign.js';
import { startWebApi, type WebApiStandIn } from '../../helpers/slack-stand-in/web-api.js';

const UNSET = { DISCORD_TOKEN: '', DISCORD_PUBLIC_KEY: '', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '', SLACK_API_URL: '', SLACK_ADMIN_USERS: '', SLACK_PORT: '', REDIS_URL: '' };
const SECRET = 'npm-start-signing-secret';
const ADMIN = 'UADMIN01';

describe('npm start in Slack HTTP mode, fed recorded events', () => {
  let api: WebApiStandIn;
  let responses: ResponseUrlStandIn;
  let bot: Running;
  let eventsUrl: string;
  beforeAll(async () => {
    [api, responses] = await Promise.all([startWebApi(), startResponseUrl()]);
    const port = await freePort();
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    bot = startTs('src/index.ts', { ...UNSET, LOG_LEVEL: 'info', SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: SECRET, SLACK_PORT: String(port), SLACK_API_URL: api.url, SLACK_ADMIN_USERS: ADMIN });
    await bot.lines.waitFor((line) => line.includes('slack listening for HTTP requests'));
  });
  afterAll(async () => {
    await bot?.stop();
    await Promise.all([api?.close(), responses?.close()]);
  });

  const questionLines = () => bot.lines.items.filter((line) => /"msg":"question (answered|declined)"/.test(line));

  /** A person's DM, from the recorded one, with its own text, time and event id. */
  function personalDm(text: string, ts: string, eventId: string) {
    const payload = fixture('slack/event-dm-message.json');
    Object.assign(payload.event, { text, ts, event_ts: ts, blocks: [] });
    return { ...payload, event_id: eventId };
  }

  it('answers and logs a mention once though Slack retries it, and answers Slackbot not at all', async () => {
    const mention = fixture('slack/event-app-mention.json');
    expect(await postToSlack(eventsUrl, SECRET, mention)).toBe(200);
    await api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1561776005.004000');
    for (const retry of [1, 2]) expect(await postToSlack(eventsUrl, SECRET, mention, retry)).toBe(200);
    for (const file of ['event-dm-slackbot.json', 'event-dm-slack-notice.json']) expect(await postToSlack(eventsUrl, SECRET, fixture(`slack/${file}`))).toBe(200);
    // A person's question the story cannot answer: it goes to the gaps, and marks the end.
    expect(await postToSlack(eventsUrl, SECRET, personalDm("What is Wes Streeting's majority?", '1736200000.000100', 'Ev0NPMDECL1'))).toBe(200);
    await api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'D0REPORT1');

    expect(api.calls.items.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1561776005.004000')).toHaveLength(1);
    expect(api.calls.items.filter((c) => c.method.startsWith('chat.') && c.args.channel === 'D0REPORT1')).toHaveLength(1);
    expect(questionLines()).toHaveLength(2);
    expect(bot.lines.items.join('\n')).not.toMatch(/removed from|USLACK/);
  });

  it("shows a person's declined DM in /gaps, and nothing of Slackbot's", async () => {
    let shown: string[] = [];
    // The question log is written in the background: asked again until the DM is there.
    for (let attempt = 1; !shown.some((t) => t.includes('Wes Streeting')); attempt++) {
      const id = `gaps-${attempt}`;
      const ack = await postSigned(eventsUrl, slashCommandBody({ command: '/gaps', text: '', user_id: ADMIN, response_url: responses.url(id) }), FORM, { secret: SECRET });
      shown = textsOf(await replyToCommand(ack.json, responses.posts, id));
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(shown.join('\n')).not.toMatch(/removed from|reminder|USLACK|UADMIN01/);
  });
});
