// Conversations on Discord, through the real discord.js client and the local stand-in:
// private asks and Share, the server's default visibility, follow-ups asked under an answer
// (over the gateway and over HTTP interactions), a context that expired, and "Why this answer?".
import { afterEach, describe, expect, it } from 'vitest';
import { decodeAction } from '../../../src/core/conversation/interactions.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import { memoryTurns } from '../../../src/state/memory-turns.js';
import { MEMBER, type Member, type StoredMessage } from '../../helpers/discord-stand-in/index.js';
import { startTestBot, type TestBot, type TestBotOptions } from '../../helpers/discord-bot.js';

let bot: TestBot;
afterEach(async () => {
  // Every request the bot made must have been one Discord accepts.
  expect(bot.standIn.state.rejections).toEqual([]);
  await bot.stop();
});

const SHARER: Member = Object.freeze({ ...MEMBER, id: '300000000000000077', username: 'sharer' });
const buttons = (message: StoredMessage) => message.components.flatMap((row: any) => row.components).filter((c: any) => c.type === 2);
const button = (message: StoredMessage, type: string) => buttons(message).find((b: any) => decodeAction(b.custom_id)?.type === type);
const ask = async (question: string, extra: Record<string, unknown> = {}, member = MEMBER) => (await bot.standIn.slash('ask', { question, ...extra } as Record<string, string | boolean>, member)).reply();
const entryAnswer = (id: string) => bot.ctx.store.current().index.entry(id)!.answer;

/** Presses "Ask a follow-up" under an answer, fills in the form and sends it. */
async function followUp(answer: StoredMessage, question: string) {
  const press = await bot.standIn.press(answer, button(answer, 'follow-up').custom_id);
  const modal = await press.modal();
  const input = modal.components[0].components[0];
  return (await bot.standIn.submit(answer, modal.custom_id, { [input.custom_id]: question })).reply();
}

async function start(options: TestBotOptions = {}) {
  bot = await startTestBot(options);
}

describe('private asks on Discord', () => {
  it('answers /ask private:True to the asker alone, with a Share button that posts it to the channel, credited and as it was', async () => {
    await start();
    const answer = await ask('Who is Tommy Robinson?', { private: true }, SHARER);
    expect(answer.ephemeral).toBe(true);
    const share = button(answer.message, 'share');
    expect(share.label).toBe(MESSAGES.shareButton);
    const shared = await (await bot.standIn.press(answer.message, share.custom_id, SHARER)).reply();
    expect(shared.ephemeral).toBe(false);
    expect(shared.message.content).toContain(`${MESSAGES.sharedBy} <@${SHARER.id}>`);
    expect(shared.message.allowed_mentions).toEqual({ parse: [] });
    // The same answer: text, quotes, strength and confidence, and "as of".
    expect(shared.message.embeds[0].description).toBe(answer.message.embeds[0].description);
    expect(shared.message.embeds[0].fields).toEqual(answer.message.embeds[0].fields);
    expect(shared.message.embeds[0].footer).toEqual(answer.message.embeds[0].footer);
    expect(button(shared.message, 'share')).toBeUndefined();
  });

  it('answers in the channel by default, and privately everywhere with DISCORD_ANSWER_VISIBILITY=ephemeral unless the asker says private:False', async () => {
    await start();
    expect((await ask('Who is Tommy Robinson?')).ephemeral).toBe(false);
    await bot.stop();
    await start({ visibility: 'ephemeral' });
    expect((await ask('Who is Tommy Robinson?')).ephemeral).toBe(true);
    const chosen = await ask('Who is Tommy Robinson?', { private: false });
    expect(chosen.ephemeral).toBe(false);
    expect(button(chosen.message, 'share')).toBeUndefined();
  });

  it('answers a related question picked under a private answer privately, and one picked under a public answer publicly', async () => {
    await start();
    for (const isPrivate of [true, false]) {
      const answer = await ask('Who is Tommy Robinson?', { private: isPrivate });
      const menu = answer.message.components.flatMap((row: any) => row.components).find((c: any) => c.type === 3);
      const picked = await (await bot.standIn.choose(answer.message, menu.custom_id, [menu.options[0].value])).reply();
      expect(picked.ephemeral).toBe(isPrivate);
      expect(picked.message.embeds[0].title).toBe(menu.options[0].label);
    }
  });
});

describe('follow-ups under a Discord answer', () => {
  it.each(['gateway', 'http'] as const)('reads the question asked under an answer in its light, over the %s', async (transport) => {
    await start({ transport });
    const answer = await ask('Who is Tommy Robinson?');
    const reply = await followUp(answer.message, 'and what did he get jailed for?');
    expect(reply.ephemeral).toBe(false);
    expect(reply.message.content).toContain(MESSAGES.followingUp('Who is Tommy Robinson?'));
    // Posted in the channel: titled with the curated question, not the asker's words.
    expect(reply.message.embeds[0].title).toBe(bot.ctx.store.current().index.entry('robinson-jail-reason')!.question);
    expect(reply.message.embeds[0].description).toBe(entryAnswer('robinson-jail-reason'));
    // The chain goes on from the new answer.
    const next = await followUp(reply.message, 'what about Jess Phillips?');
    expect(next.message.content).toContain(MESSAGES.followingUp(bot.ctx.store.current().index.entry('robinson-jail-reason')!.question));
  });

  it('keeps a follow-up under a private answer private', async () => {
    await start();
    const answer = await ask('Who is Tommy Robinson?', { private: true });
    expect((await followUp(answer.message, 'and what did he get jailed for?')).ephemeral).toBe(true);
  });

  it('declines a follow-up asked after FOLLOW_UP_MINUTES, with suggestions, as if nothing came before', async () => {
    let now = Date.parse('2025-01-03T12:00:00Z');
    const clock = () => now;
    await start({ ctx: { conversations: { store: memoryTurns({ now: clock }), followUpMs: 60_000, now: clock } } });
    const answer = await ask('Who is Tommy Robinson?');
    now += 61_000;
    const late = await followUp(answer.message, 'and what did he get jailed for?');
    expect(late.ephemeral).toBe(true);
    expect(late.message.content).toContain(MESSAGES.declineUnresolved);
    expect(late.message.content).not.toContain(MESSAGES.followingUp('Who is Tommy Robinson?'));
    expect(buttons(late.message).length).toBeGreaterThan(0);
  });
});

describe('"Why this answer?" on Discord', () => {
  it('shows the presser alone the wording matched, the words, the confidence and the runners-up', async () => {
    await start();
    const answer = await ask('What did Strarmer do as DPP?');
    const why = await (await bot.standIn.press(answer.message, button(answer.message, 'why').custom_id)).reply();
    expect(why.ephemeral).toBe(true);
    const [embed] = why.message.embeds;
    expect(embed.title).toBe(MESSAGES.whyTitle);
    expect(embed.description).toMatch(/It matched the curated wording “/);
    expect(embed.description).toContain('Read as typos: “strarmer” as “starmer”');
    expect(embed.description).toMatch(/Confidence \d+%; an entry is given as the answer from \d+%\./);
    expect(embed.description).toMatch(/Next closest: “/);
  });

  it('explains a follow-up by how it was read', async () => {
    await start();
    const answer = await ask('Who is Tommy Robinson?');
    const reply = await followUp(answer.message, 'and what did he get jailed for?');
    const why = await (await bot.standIn.press(reply.message, button(reply.message, 'why').custom_id)).reply();
    expect(why.message.embeds[0].description).toMatch(/Searched as “.*robinson.*jail/i);
  });
});

describe('what others see of a private question on Discord', () => {
  const PRIVATE = 'XYZZY my private note';
  const quoteCheck = `Did the story say "deserves to be in prison"? ${PRIVATE}`;

  it('follows up a shared quote check naming it by the bot’s title, never by the words asked', async () => {
    await start();
    const answer = await ask(quoteCheck, { private: true }, SHARER);
    const shared = await (await bot.standIn.press(answer.message, button(answer.message, 'share').custom_id, SHARER)).reply();
    const reply = await followUp(shared.message, 'and when?');
    expect(reply.message.content).toContain(MESSAGES.followingUp(shared.message.embeds[0].title));
    expect(shared.message.embeds[0].title).toMatch(/^Quote check: /);
    expect(JSON.stringify([shared.message, reply.message])).not.toMatch(/xyzzy|private note/i);
  });

  it('explains a shared answer to someone else without a word of the question, and to the asker with them', async () => {
    await start();
    const answer = await ask(`What did Strarmer do as DPP? ${PRIVATE}`, { private: true }, SHARER);
    const shared = await (await bot.standIn.press(answer.message, button(answer.message, 'share').custom_id, SHARER)).reply();
    const theirs = await (await bot.standIn.press(shared.message, button(shared.message, 'why').custom_id)).reply();
    expect(theirs.ephemeral).toBe(true);
    expect(theirs.message.embeds[0].description).toContain(MESSAGES.whyWordsHidden);
    expect(theirs.message.embeds[0].description).toMatch(/It matched the curated wording “/);
    expect(JSON.stringify(theirs.message)).not.toMatch(/xyzzy|private|strarmer/i);
    const own = await (await bot.standIn.press(shared.message, button(shared.message, 'why').custom_id, SHARER)).reply();
    expect(own.message.embeds[0].description).toContain('Read as typos: “strarmer” as “starmer”');
  });

  it('takes votes, Share and Why under a quote check like under a curated answer', async () => {
    await start();
    const answer = await ask(`Is "18-month jail term" a direct quote? ${PRIVATE}`, { private: true }, SHARER);
    expect(answer.message.embeds[0].title).toContain(PRIVATE);
    const vote = await (await bot.standIn.press(answer.message, button(answer.message, 'vote').custom_id, SHARER)).reply();
    expect([MESSAGES.voteThanks, MESSAGES.voteNotRecorded]).toContain(vote.message.content);
    const why = await (await bot.standIn.press(answer.message, button(answer.message, 'why').custom_id, SHARER)).reply();
    expect(why.message.embeds[0].description).toContain(MESSAGES.whyQuoteCheck);
    const shared = await (await bot.standIn.press(answer.message, button(answer.message, 'share').custom_id, SHARER)).reply();
    expect(shared.ephemeral).toBe(false);
    expect(shared.message.embeds[0].description).toBe(answer.message.embeds[0].description);
    expect(shared.message.embeds[0].fields).toEqual(answer.message.embeds[0].fields);
    expect(JSON.stringify(shared.message)).not.toMatch(/xyzzy|private note/i);
  });
});
