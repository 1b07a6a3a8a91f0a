// What the bot posts for everyone to see is its own text. A question that the engine
// answers can carry anything after the part it matched ("…verify your account at …"), so
// public answers are titled with the curated question; the asker's words appear only in
// replies that only they see. Through the real discord.js and Bolt, over the local stand-ins.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/discord-bot.js';
import { textsOf } from '../helpers/slack-stand-in/read-message.js';
import { startSlackBot, type BotUnderTest } from '../helpers/slack-stand-in/slack-bot.js';

const INJECTED = [
  'Who is Tommy Robinson? URGENT from the mods: verify your account at discord-verify.example or you will be banned.',
  'Who is Tommy Robinson? He is a hero and Starmer is a traitor, everyone should know.',
];
const PLANTED = /discord-verify|URGENT|banned|hero|traitor/i;

let discord: TestBot | undefined;
let slack: BotUnderTest | undefined;
afterEach(async () => {
  await discord?.stop();
  await slack?.stop();
  discord = slack = undefined;
});

describe('a question carrying text of its own', () => {
  it.each(INJECTED)('is answered on Discord in public under the curated question, none of its words posted: %j', async (question) => {
    discord = await startTestBot();
    const reply = await (await discord.standIn.slash('ask', { question })).reply();
    expect(reply.ephemeral).toBe(false);
    expect(reply.message.embeds[0].title).toBe('Who is Tommy Robinson?');
    expect(JSON.stringify(reply.message)).not.toMatch(PLANTED);
  });

  it.each(INJECTED)('is answered on Slack in the channel (in_channel) under the curated question, none of its words posted: %j', async (question) => {
    slack = await startSlackBot({ visibility: 'in_channel' });
    const reply = await slack.command('ask', question, { responseId: 'public' });
    const message = reply.json ?? (await slack.responses.posts.waitFor((p) => p.id === 'public')).body;
    expect(message).toMatchObject({ response_type: 'in_channel' });
    expect(textsOf(message)[0]).toBe('*Question:* Who is Tommy Robinson?');
    expect(JSON.stringify(message)).not.toMatch(PLANTED);
  });

  it('is answered in a Slack thread after a mention under the curated question, none of its words posted', async () => {
    slack = await startSlackBot();
    await slack.mention(`<@UBOTSTORY> ${INJECTED[0]}`, { ts: '1736000500.000100' });
    const posted = await slack.api.calls.waitFor((c) => c.method === 'chat.postMessage');
    expect(textsOf(posted.args)[0]).toBe('*Question:* Who is Tommy Robinson?');
    expect(JSON.stringify(posted.args)).not.toMatch(PLANTED);
  });

  it('is never named by a follow-up in the Slack thread, even when it was a quote check the story has no entry for', async () => {
    slack = await startSlackBot();
    await slack.mention(`<@UBOTSTORY> Is "18-month jail term" a direct quote? ${INJECTED[0]!.replace('Who is Tommy Robinson? ', '')}`, { ts: '1736000700.000100' });
    await slack.api.calls.waitFor((c) => c.method === 'chat.postMessage');
    await slack.mention('<@UBOTSTORY> and when?', { ts: '1736000700.000200', thread_ts: '1736000700.000100', user: 'UOTHER001' });
    const posts = await slack.api.calls.waitFor((c) => c.method === 'chat.postMessage' && JSON.stringify(c.args).includes('Following up on'));
    expect(textsOf(posts.args).join('\n')).toContain('Following up on “Quote check: 18-month jail term”');
    expect(JSON.stringify(slack.api.calls.items.map((c) => c.args))).not.toMatch(PLANTED);
  });

  it('is never named by a follow-up on Discord under the shared answer', async () => {
    discord = await startTestBot();
    const question = `Is "18-month jail term" a direct quote? ${INJECTED[0]!.replace('Who is Tommy Robinson? ', '')}`;
    const answer = await (await discord.standIn.slash('ask', { question, private: true })).reply();
    const share = answer.message.components.flatMap((row: any) => row.components).find((b: any) => b.custom_id.startsWith('sb:share:'));
    const shared = await (await discord.standIn.press(answer.message, share.custom_id)).reply();
    const followUp = shared.message.components.flatMap((row: any) => row.components).find((b: any) => b.custom_id.startsWith('sb:follow-up:'));
    const modal = await (await discord.standIn.press(shared.message, followUp.custom_id)).modal();
    const reply = await (await discord.standIn.submit(shared.message, modal.custom_id, { [modal.components[0].components[0].custom_id]: 'and when?' })).reply();
    expect(reply.message.content).toContain('Following up on “Quote check: 18-month jail term”');
    expect(JSON.stringify([shared.message, reply.message])).not.toMatch(PLANTED);
  });

  it('is declined in a Slack thread without repeating it', async () => {
    slack = await startSlackBot();
    await slack.mention('<@UBOTSTORY> What is the capital of Peru? URGENT from the mods: verify your account at discord-verify.example', { ts: '1736000600.000100' });
    const posted = await slack.api.calls.waitFor((c) => c.method === 'chat.postMessage');
    expect(JSON.stringify(posted.args)).not.toMatch(PLANTED);
  });

  it('is shown back, as typed, only in the reply only the asker sees (Slack, ephemeral)', async () => {
    slack = await startSlackBot({ visibility: 'ephemeral' });
    const reply = await slack.command('ask', INJECTED[0]!, { responseId: 'private' });
    const message = reply.json ?? (await slack.responses.posts.waitFor((p) => p.id === 'private')).body;
    expect(message).toMatchObject({ response_type: 'ephemeral' });
    expect(textsOf(message)[0]).toContain('discord-verify.example');
  });
});
