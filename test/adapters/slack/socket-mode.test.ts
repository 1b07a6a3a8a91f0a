// The Slack adapter in Socket Mode: real Bolt and its Socket Mode client, pointed by
// SLACK_API_URL at a local Web API whose apps.connections.open hands out a local WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonIds, textsOf } from '../../helpers/slack-stand-in/read-message.js';
import { startSlackBot, type BotUnderTest } from '../../helpers/slack-stand-in/slack-bot.js';

const ROBINSON_QUOTE = '>“Stephen Yaxley-Lennon, the founder of the far-right English Defence League, who is better known as Tommy Robinson”\n>— _paragraph 13_';

describe('the Slack adapter in Socket Mode', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startSlackBot({ socketMode: true });
  });
  afterAll(() => bot.stop());

  it('opens its connection with the app-level token through SLACK_API_URL, and checks the bot token', async () => {
    expect(bot.adapter.mode).toBe('socket');
    expect(bot.adapter.connected()).toBe(true);
    expect(bot.api.calls.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'auth.test', token: 'xoxb-test-bot-token' }),
        expect.objectContaining({ method: 'apps.connections.open', token: 'xapp-test-app-token' }),
      ]),
    );
    expect(bot.socket!.clients.items).toHaveLength(1);
  });

  it('answers /ask in the envelope acknowledgement, quoting paragraph 13', async () => {
    const reply = await bot.command('ask', 'Who is Tommy Robinson?');
    expect(reply.json).toMatchObject({ response_type: 'ephemeral' });
    expect(textsOf(reply.json)).toContain(ROBINSON_QUOTE);
    expect(buttonIds(reply.json)).toContainEqual(expect.stringMatching(/^sb:share:[0-9a-f]{16}$/));
  });

  it('answers a mention in a thread under it', async () => {
    await bot.mention('<@UBOTSTORY> who is Tommy Robinson?', { ts: '1736000500.000100' });
    const call = await bot.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1736000500.000100');
    expect(textsOf(call.args)).toContain(ROBINSON_QUOTE);
  });

  it('shares an answer when its button is pressed', async () => {
    const answer = await bot.command('ask', 'Who is Tommy Robinson?');
    await bot.press(buttonIds(answer.json).find((id) => id.startsWith('sb:share:'))!, 'socket-share');
    const { body } = await bot.responses.posts.waitFor((p) => p.id === 'socket-share');
    expect(body).toMatchObject({ response_type: 'in_channel' });
    expect(textsOf(body)).toContain(ROBINSON_QUOTE);
  });
});

describe('stopping Socket Mode', () => {
  it('disconnects', async () => {
    const bot = await startSlackBot({ socketMode: true });
    expect(bot.adapter.connected()).toBe(true);
    await bot.adapter.stop();
    expect(bot.adapter.connected()).toBe(false);
    await bot.stop();
  });
});
