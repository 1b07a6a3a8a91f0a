// /ask, its autocomplete, declines and the buttons and menus under answers, all through the
// real discord.js client talking to the local stand-in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeAction } from '../../../src/core/conversation/interactions.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import type { RateLimiter } from '../../../src/core/answering/command.js';
import type { Recorder, VoteOutcome, VoteRecord } from '../../../src/core/answering/recorder.js';
import { DISCORD_DEFAULTS } from '../../../src/adapters/discord/index.js';
import { MEMBER, type StoredMessage } from '../../helpers/discord-stand-in/index.js';
import { startTestBot, type TestBot } from '../../helpers/discord-bot.js';
import { entryYaml, makeKnowledgeDir } from '../../helpers/knowledge-dir.js';

let bot: TestBot;
afterEach(async () => {
  // Every request the bot made must have been one Discord accepts.
  expect(bot.standIn.state.rejections).toEqual([]);
  await bot.stop();
});

const ask = async (question: string) => (await bot.standIn.slash('ask', { question })).reply();
const buttons = (message: StoredMessage) => message.components.flatMap((row: any) => row.components).filter((c: any) => c.type === 2);
const menu = (message: StoredMessage) => message.components.flatMap((row: any) => row.components).find((c: any) => c.type === 3);

describe('/ask on Discord', () => {
  beforeEach(async () => {
    bot = await startTestBot();
  });

  it('answers in the channel with an embed quoting the paragraph, the story date, the confidence and "as of"', async () => {
    const reply = await ask('Who is Tommy Robinson?');
    const expected = bot.ctx.store.ask('Who is Tommy Robinson?');
    if (!expected.answered) throw new Error('the knowledge base should answer this');
    expect(reply.ephemeral).toBe(false);
    const [embed] = reply.message.embeds;
    expect(embed.title).toBe('Who is Tommy Robinson?');
    expect(embed.description).toBe(expected.answer);
    expect(embed.fields).toEqual(expected.citations.map((c) => ({ name: `paragraph ${c.paragraph} · 2025-01-03`, value: `> ${c.quote}` })));
    expect(embed.fields[0].name).toContain('paragraph 13');
    expect(embed.footer.text).toMatch(/^(exact match|(strong|likely) match, \d+%) · as of 2025-01-03$/);
    expect(reply.message.allowed_mentions).toEqual({ parse: [] });
  });

  it('puts helpful, not-helpful, why and follow-up buttons and a menu of related questions under a public answer, and no Share', async () => {
    const reply = await ask('Who is Tommy Robinson?');
    expect(buttons(reply.message).map((b: any) => decodeAction(b.custom_id))).toEqual([
      { type: 'vote', helpful: true, entryId: 'who-is-tommy-robinson' },
      { type: 'vote', helpful: false, entryId: 'who-is-tommy-robinson' },
      { type: 'why', replyId: expect.stringMatching(/^[0-9a-f]{16}$/) },
      { type: 'follow-up', replyId: expect.stringMatching(/^[0-9a-f]{16}$/) },
    ]);
    expect(menu(reply.message).options.map((o: any) => [o.label, decodeAction(o.value)])).toEqual([
      ["What is Tommy Robinson's real name?", { type: 'pick', entryId: 'tommy-robinson-real-name' }],
      ['Does Musk support Tommy Robinson?', { type: 'pick', entryId: 'musk-supports-robinson' }],
      ['What is the English Defence League?', { type: 'pick', entryId: 'what-is-edl' }],
    ]);
  });

  it('answers the related question someone picks from the menu', async () => {
    const answer = await ask('Who is Tommy Robinson?');
    const option = menu(answer.message).options.find((o: any) => o.label === 'What is the English Defence League?');
    const reply = await (await bot.standIn.choose(answer.message, menu(answer.message).custom_id, [option.value])).reply();
    expect(reply.ephemeral).toBe(false);
    expect(reply.message.embeds[0].title).toBe('What is the English Defence League?');
    expect(reply.message.embeds[0].fields[0].name).toMatch(/^paragraph \d+ · 2025-01-03$/);
  });

  it('declines briefly, only to the asker, with at most three suggested questions as buttons that answer them', async () => {
    const question = "What is Wes Streeting's majority?";
    const expected = bot.ctx.store.ask(question);
    if (expected.answered) throw new Error('the story should not answer this');
    const decline = await ask(question);
    expect(decline.ephemeral).toBe(true);
    expect(decline.message.embeds).toEqual([]);
    expect(decline.message.content).toContain(MESSAGES.declineNotInStory);
    expect(decline.message.content).toContain(MESSAGES.suggestionsIntro);
    const suggested = buttons(decline.message);
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.length).toBeLessThanOrEqual(3);
    expect(suggested.map((b: any) => [b.label, decodeAction(b.custom_id)])).toEqual(expected.suggestions.slice(0, 3).map((s) => [s.question, { type: 'pick', entryId: s.id }]));

    const picked = await (await bot.standIn.press(decline.message, suggested[0].custom_id)).reply();
    // Picked from a decline only the asker saw: the answer follows, to the asker alone.
    expect(picked.ephemeral).toBe(true);
    expect(picked.message.embeds[0].title).toBe(expected.suggestions[0]!.question);
  });

  // Each pattern matches the markup only where Discord would still render it (unescaped).
  it.each([
    ['@everyone, a role mention and bold', 'declined', '@everyone <@&123456789012345678> who is **tommy robinson**', [/@everyone/, /<@&\d+>/, /(?<!\\)\*\*tommy/]],
    ['a channel mention, a masked link and a heading', 'declined', '# <#123456789012345678> [click](https://example.invalid) what is the meaning of life', [/<#\d+>/, /(?<!\\)\[click\]\(/, /^# /m]],
    ['@here and underline', 'answered', 'Who is Tommy Robinson? @here __really__', [/@here/, /(?<!\\)__really/]],
  ])('renders %s inert in a question it %s, and pings no one', async (_, outcome, question, live) => {
    const reply = await ask(question);
    expect(reply.message.embeds.length > 0 ? 'answered' : 'declined').toBe(outcome);
    const shown = [reply.message.content, ...reply.message.embeds.map((e: any) => e.title ?? '')].join('\n');
    for (const pattern of live) expect(shown).not.toMatch(pattern);
    // A decline, which only the asker sees, is still readable as typed: only escapes and
    // zero-width spaces were added. A public answer is titled with the curated question.
    if (outcome === 'declined') expect(shown.replaceAll('\u200B', '').replace(/\\(.)/g, '$1')).toContain(question);
    else expect(reply.message.embeds[0].title).toBe('Who is Tommy Robinson?');
    expect(reply.message.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('autocomplete for /ask', () => {
  beforeEach(async () => {
    bot = await startTestBot();
  });

  it.each([
    ['tommy rob', 'Who is Tommy Robinson?'],
    ['jess philips', 'Who is Jess Phillips?'],
    ['streeting', 'Who is Wes Streeting?'],
  ])('offers the curated questions closest to %j, including %j', async (typed, expected) => {
    const choices = await (await bot.standIn.autocomplete('ask', 'question', typed)).choices();
    expect(choices.map((c) => c.name)).toContain(expected);
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it.each([
    ['locked up robinson', 'Why is Tommy Robinson in jail?'],
    ['sir keir', 'Who is Keir Starmer?'],
  ])('understands %j as /ask does, through its synonyms and aliases, and offers %j first', async (typed, expected) => {
    const choices = await (await bot.standIn.autocomplete('ask', 'question', typed)).choices();
    expect(choices[0]?.name).toBe(expected);
  });

  it('reads the first 100 characters of what is typed, whatever follows', async () => {
    const choices = await (await bot.standIn.autocomplete('ask', 'question', `tommy robinson jail ${'contempt court '.repeat(400)}`)).choices();
    expect(choices.map((c) => c.name)).toContain('Why is Tommy Robinson in jail?');
  });

  it(`limits each person's autocomplete on its own: past ${DISCORD_DEFAULTS.completions.capacity} in a burst they get no choices, while others still do and their /ask is still answered`, async () => {
    const typed = (n: number) => 'who is tommy robinson'.slice(0, 3 + (n % 18));
    const burst: number[] = [];
    for (let n = 0; n < DISCORD_DEFAULTS.completions.capacity + 5; n++) burst.push((await (await bot.standIn.autocomplete('ask', 'question', typed(n))).choices()).length);
    expect(burst.slice(0, DISCORD_DEFAULTS.completions.capacity).every((count) => count > 0)).toBe(true);
    expect(burst.slice(DISCORD_DEFAULTS.completions.capacity)).toEqual([0, 0, 0, 0, 0]);
    const someoneElse = { ...MEMBER, id: '300000000000000077' };
    expect((await (await bot.standIn.autocomplete('ask', 'question', 'tommy', someoneElse)).choices()).length).toBeGreaterThan(0);
    expect((await ask('Who is Tommy Robinson?')).message.embeds).toHaveLength(1);
  });

  it('offers exactly Discord’s maximum of 25 choices before anything is typed', async () => {
    expect(bot.ctx.store.current().knowledge.entries.length).toBeGreaterThan(25);
    const choices = await (await bot.standIn.autocomplete('ask', 'question', '')).choices();
    expect(choices).toHaveLength(25);
    expect(new Set(choices.map((c) => c.value)).size).toBe(25);
  });
});

describe('autocomplete for a curated question longer than a choice may be', () => {
  it('shortens the choice to 100 characters, and the shortened question still finds its answer', async () => {
    const question = `What exactly does the story say about the contempt of court sentence being served by the founder of the English Defence League, and for how long?`;
    bot = await startTestBot({ knowledgeDir: await makeKnowledgeDir({ 'long.yaml': entryYaml('long-question', question) }) });
    const [choice] = await (await bot.standIn.autocomplete('ask', 'question', 'contempt of court sentence')).choices();
    expect(question.length).toBeGreaterThan(100);
    expect(choice!.name.length).toBeLessThanOrEqual(100);
    expect(choice!.name.endsWith('…')).toBe(true);
    expect(question.startsWith(choice!.value.slice(0, -1))).toBe(true);
    const reply = await ask(choice!.value);
    expect(reply.message.embeds[0].fields[0].value).toBe('> who is serving an 18-month jail term for contempt of court');
  });
});

describe('votes on Discord', () => {
  it.each<[VoteOutcome, string]>([
    ['recorded', MESSAGES.voteThanks],
    ['already-voted', MESSAGES.voteAlready],
    ['not-recorded', MESSAGES.voteNotRecorded],
  ])('records a vote through the core and, when it is %s, says %j only to the voter', async (outcome, text) => {
    const votes: VoteRecord[] = [];
    const recorder: Recorder = { recordQuestion: () => undefined, recordVote: (vote) => (votes.push(vote), outcome) };
    bot = await startTestBot({ ctx: { recorder } });
    const answer = await ask('Who is Tommy Robinson?');
    const reply = await (await bot.standIn.press(answer.message, buttons(answer.message)[1].custom_id)).reply();
    expect(reply).toMatchObject({ ephemeral: true, message: { content: text } });
    expect(votes).toEqual([expect.objectContaining({ platform: 'discord', userId: MEMBER.id, entryId: 'who-is-tommy-robinson', helpful: false })]);
  });
});

describe('the rate limit on Discord', () => {
  // Lets the first question through, then asks the person to wait.
  const oneQuestion = (): RateLimiter => {
    let taken = 0;
    return { take: () => (++taken === 1 ? { ok: true } : { ok: false, retryAfterSeconds: 7 }) };
  };

  it.each([
    ['ask a second question', (_: StoredMessage) => bot.standIn.slash('ask', { question: 'Who is Jess Phillips?' })],
    ['pick a related question', (answer: StoredMessage) => bot.standIn.choose(answer, menu(answer).custom_id, [menu(answer).options[0].value])],
  ])('tells only the person to wait when they %s too quickly', async (_, again) => {
    bot = await startTestBot({ ctx: { limiter: oneQuestion() } });
    const answer = await ask('Who is Tommy Robinson?');
    const reply = await (await again(answer.message)).reply();
    expect(reply).toMatchObject({ ephemeral: true, message: { content: MESSAGES.rateLimited(7) } });
  });
});
