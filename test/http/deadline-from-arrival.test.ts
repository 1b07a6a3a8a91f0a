// Slack and Discord each give an answer 3 seconds from when they sent the request, so the
// bot's deadline for answering inline, before it defers, counts from when the request
// arrived, not from when its body was read and verified. Here each request's headers come
// at once and its body well past that deadline: the answer must be deferred ("Working on
// it…", or Discord's deferral) the moment the body is verified, and the reply follow.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { startTestBot, type TestBot } from '../helpers/discord-bot.js';
import { textsOf } from '../helpers/slack-stand-in/read-message.js';
import { FORM, slackSignature, slashCommandBody } from '../helpers/slack-stand-in/sign.js';
import { SIGNING_SECRET, startSlackBot, type BotUnderTest } from '../helpers/slack-stand-in/slack-bot.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** Posts `body` with its headers at once and the body `lateMs` later; resolves with the answer and how long after the body it came. */
async function postLate(url: string, headers: Record<string, string>, body: string, lateMs: number): Promise<{ status: number; body: string; afterBodyMs: number }> {
  const req = request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } });
  const answer = new Promise<{ status: number; body: string; at: number }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, at: performance.now() }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  await new Promise((resolve) => setTimeout(resolve, lateMs));
  const bodySentAt = performance.now();
  req.end(body);
  const { status, body: text, at } = await answer;
  return { status, body: text, afterBodyMs: at - bodySentAt };
}

describe('the deadline for answering inline counts from the request’s arrival', () => {
  it('on Slack: a command whose body arrives after the 2-second deadline is acknowledged with "Working on it…" at once, and answered through response_url', { timeout: 30_000 }, async () => {
    const bot: BotUnderTest = await startSlackBot();
    stops.push(() => bot.stop());
    const body = slashCommandBody({ command: '/ask', text: 'Who is Tommy Robinson?', user_id: 'UREPORT01', response_url: bot.responses.url('late-body') });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'content-type': FORM, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body) };
    const ack = await postLate(bot.eventsUrl, headers, body, 2_300);
    expect(ack.status).toBe(200);
    expect(textsOf(JSON.parse(ack.body))).toEqual([MESSAGES.workingOnIt]);
    // Deferred as soon as it could be, not after another full deadline.
    expect(ack.afterBodyMs).toBeLessThan(1_500);
    const reply = await bot.responses.posts.waitFor((post) => post.id === 'late-body');
    expect(textsOf(reply.body).join('\n')).toContain('paragraph 13');
  });

  it('on Slack: the same command with its body sent at once is answered in the acknowledgement', { timeout: 30_000 }, async () => {
    const bot: BotUnderTest = await startSlackBot();
    stops.push(() => bot.stop());
    const reply = await bot.command('ask', 'Who is Tommy Robinson?');
    expect(textsOf(reply.json).join('\n')).toContain('paragraph 13');
  });

  it('on Discord: an interaction whose body arrives after the 1.5-second deadline is deferred at once, and its reply edited in', { timeout: 30_000 }, async () => {
    const bot: TestBot = await startTestBot({ transport: 'http' });
    stops.push(() => bot.stop());
    const body = JSON.stringify({
      id: '1400000000000000001',
      application_id: bot.standIn.applicationId,
      type: 2,
      token: 'late-body-token',
      version: 1,
      guild_id: bot.standIn.guildId,
      channel_id: '100000000000000002',
      member: { user: { id: '300000000000000009', username: 'someone' }, permissions: '0' },
      data: { id: '5', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: 'Who is Tommy Robinson?' }] },
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': bot.standIn.signer.sign(timestamp, body) };
    const first = await postLate(bot.interactionsUrl!, headers, body, 1_800);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ type: 5 });
    expect(first.afterBodyMs).toBeLessThan(1_000);
    // The reply goes to the interaction's webhook as an edit of the deferral.
    // The reply follows as the edit of the deferral, through the interaction's webhook (the
    // stand-in, which did not send this interaction itself, then refuses it: no matter here).
    const edit = () => bot.standIn.state.requests.find((r) => r.method === 'PATCH' && r.route.startsWith(`/webhooks/${bot.standIn.applicationId}/late-body-token/messages/`));
    while (!edit()) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(JSON.stringify(edit()!.body)).toContain('paragraph 13');
  });
});
