// The rate limit as people meet it, through the real discord.js and the real Bolt against
// the local stand-ins: two questions at once are fine, the third is told how long to wait,
// privately, and the metric counts it. Autocomplete and admin commands are never limited.
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/answering/command.js';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { Metrics } from '../../src/ops/metrics.js';
import { meteredRateLimiter } from '../../src/ops/rate-limit.js';
import { RunStatus } from '../../src/ops/run-status.js';
import { ADMIN, MEMBER, type StoredMessage } from '../helpers/discord-stand-in/index.js';
import { startTestBot, type TestBot } from '../helpers/discord-bot.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { buttonIds, textsOf } from '../helpers/slack-stand-in/read-message.js';
import { replyToCommand } from '../helpers/slack-stand-in/response-url.js';
import { ADMIN as SLACK_ADMIN, REPORTER, startSlackBot, type BotUnderTest } from '../helpers/slack-stand-in/slack-bot.js';

// Two questions per 30 seconds on a clock that stands still: the third waits 15 seconds.
const WAIT = MESSAGES.rateLimited(15);

function limited(): { ctx: Partial<CommandContext>; limitedOn: (platform: string) => Promise<number> } {
  const metrics = new Metrics(new RunStatus());
  const limiter = meteredRateLimiter({ questions: 2, windowSeconds: 30 }, metrics, captureLogger().logger, () => 0);
  return {
    ctx: { limiter },
    limitedOn: async (platform) => (await metrics.rateLimited.get()).values.find((v) => v.labels.platform === platform)?.value ?? 0,
  };
}

describe('the rate limit on Discord', () => {
  let bot: TestBot;
  afterEach(async () => {
    expect(bot.standIn.state.rejections).toEqual([]);
    await bot.stop();
  });
  const ask = async (question: string, member = MEMBER) => (await bot.standIn.slash('ask', { question }, member)).reply();
  const menu = (message: StoredMessage) => message.components.flatMap((row: any) => row.components).find((c: any) => c.type === 3);

  it('answers two questions, tells only the asker to wait on the third, and counts it', async () => {
    const { ctx, limitedOn } = limited();
    bot = await startTestBot({ ctx });
    expect((await ask('Who is Tommy Robinson?')).message.embeds).toHaveLength(1);
    expect((await ask('Who is Jess Phillips?')).message.embeds).toHaveLength(1);
    expect(await ask('What is the English Defence League?')).toMatchObject({ ephemeral: true, message: { content: WAIT, embeds: [] } });
    expect(await limitedOn('discord')).toBe(1);
    // Someone else is not held up.
    expect((await ask('Who is Tommy Robinson?', { ...MEMBER, id: '300000000000000009' })).message.embeds).toHaveLength(1);
  });

  it('counts a related question picked from the menu like one typed, and never limits autocomplete', async () => {
    const { ctx, limitedOn } = limited();
    bot = await startTestBot({ ctx });
    const answer = await ask('Who is Tommy Robinson?');
    const picked = await (await bot.standIn.choose(answer.message, menu(answer.message).custom_id, [menu(answer.message).options[0].value])).reply();
    expect(picked.message.embeds).toHaveLength(1);
    const refused = await (await bot.standIn.choose(answer.message, menu(answer.message).custom_id, [menu(answer.message).options[1].value])).reply();
    expect(refused).toMatchObject({ ephemeral: true, message: { content: WAIT } });
    const choices = await (await bot.standIn.autocomplete('ask', 'question', 'tommy')).choices();
    expect(choices.length).toBeGreaterThan(0);
    expect(await limitedOn('discord')).toBe(1);
  });

  it('never limits an admin command, even for an admin who has asked too quickly', async () => {
    const { ctx, limitedOn } = limited();
    bot = await startTestBot({ ctx });
    await ask('Who is Tommy Robinson?', ADMIN);
    await ask('Who is Jess Phillips?', ADMIN);
    expect((await ask('What is the English Defence League?', ADMIN)).message.content).toBe(WAIT);
    const reload = await (await bot.standIn.slash('reload', {}, ADMIN)).reply();
    expect(reload).toMatchObject({ ephemeral: true, message: { embeds: [{ title: MESSAGES.reloadedTitle }] } });
    expect(await limitedOn('discord')).toBe(1);
  });
});

describe('the rate limit on Slack', () => {
  let bot: BotUnderTest;
  afterEach(() => bot.stop());
  let responses = 0;
  // The reply comes in the acknowledgement when ready in time, else through response_url.
  const command = async (name: string, text: string, user: string) => {
    const responseId = `rl-${++responses}`;
    const ack = await bot.command(name, text, { user, responseId });
    return await replyToCommand(ack.json, bot.responses.posts, responseId);
  };
  const ask = (text: string, user = REPORTER) => command('ask', text, user);

  it('answers two questions, tells only the asker to wait on the third, and counts it', async () => {
    const { ctx, limitedOn } = limited();
    bot = await startSlackBot({ ctx, visibility: 'in_channel' });
    expect(await ask('Who is Tommy Robinson?')).toMatchObject({ response_type: 'in_channel' });
    expect(await ask('Who is Jess Phillips?')).toMatchObject({ response_type: 'in_channel' });
    const third = await ask('What is the English Defence League?');
    expect(third).toMatchObject({ response_type: 'ephemeral' });
    expect(textsOf(third)).toEqual([WAIT]);
    expect(await limitedOn('slack')).toBe(1);
    expect(await ask('Who is Tommy Robinson?', 'UOTHER001')).toMatchObject({ response_type: 'in_channel' });
  });

  it('counts a related question pressed like one typed, and a mention too', async () => {
    const { ctx, limitedOn } = limited();
    bot = await startSlackBot({ ctx });
    const answer = await ask('Who is Tommy Robinson?');
    const picks = buttonIds(answer).filter((id) => id.startsWith('sb:pick:'));
    expect(picks.length).toBeGreaterThanOrEqual(2);
    await bot.press(picks[0]!, 'rl-pick-1');
    expect(textsOf((await bot.responses.posts.waitFor((p) => p.id === 'rl-pick-1')).body)).not.toContain(WAIT);
    await bot.press(picks[1]!, 'rl-pick-2');
    expect(textsOf((await bot.responses.posts.waitFor((p) => p.id === 'rl-pick-2')).body)).toEqual([WAIT]);
    await bot.mention('<@UBOTSTORY> who is jess phillips', { ts: '1736000200.000100' });
    const told = await bot.api.calls.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(told.args).toMatchObject({ user: REPORTER });
    expect(textsOf(told.args)).toEqual([WAIT]);
    expect(await limitedOn('slack')).toBe(2);
  });

  it('never limits an admin command, even for an admin who has asked too quickly', async () => {
    const { ctx, limitedOn } = limited();
    bot = await startSlackBot({ ctx });
    await ask('Who is Tommy Robinson?', SLACK_ADMIN);
    await ask('Who is Jess Phillips?', SLACK_ADMIN);
    expect(textsOf(await ask('What is the English Defence League?', SLACK_ADMIN))).toEqual([WAIT]);
    const reload = await command('reload', '', SLACK_ADMIN);
    expect(textsOf(reload)[0]).toMatch(/^Reloaded: /);
    expect(await limitedOn('slack')).toBe(1);
  });
});
