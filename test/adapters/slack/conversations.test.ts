// Conversations on Slack, through real Bolt over signed HTTP: follow-ups in a thread and in a
// DM, a context that expired, "Why this answer?", and the App Home tab.
import { afterEach, describe, expect, it } from 'vitest';
import type { GapReport } from '../../../src/core/curation/gaps.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import { memoryTurns } from '../../../src/state/memory-turns.js';
import { ADMIN, DM_CHANNEL, REPORTER, startSlackBot, type BotOptions, type BotUnderTest } from '../../helpers/slack-stand-in/slack-bot.js';
import { buttonIds, textsOf } from '../../helpers/slack-stand-in/read-message.js';
import { replyToCommand } from '../../helpers/slack-stand-in/response-url.js';

let bot: BotUnderTest;
afterEach(() => bot?.stop());

const entryAnswer = (id: string) => bot.ctx.store.current().index.entry(id)!.answer;
const entryQuestion = (id: string) => bot.ctx.store.current().index.entry(id)!.question;
/** The first message posted in this thread (or outside any), after the first `after` Web API calls. */
const postedIn = (thread: string | undefined, after = 0) =>
  bot.api.calls.waitFor((c) => bot.api.calls.items.indexOf(c) >= after && c.method === 'chat.postMessage' && c.args.thread_ts === thread).then((c) => c.args);

/** A clock the test moves, shared by the turns and the conversations that read them. */
function clock() {
  let now = Date.parse('2025-01-03T12:00:00Z');
  return { now: () => now, pass: (ms: number) => void (now += ms) };
}

async function start(options: BotOptions = {}) {
  bot = await startSlackBot(options);
}

describe('follow-ups in a Slack thread', () => {
  it('reads a mention in the thread in the light of the answer before it, and says so', async () => {
    await start();
    await bot.mention('<@UBOTSTORY> who is Tommy Robinson?', { ts: '1736000500.000100' });
    const first = await postedIn('1736000500.000100');
    expect(textsOf(first)).toContain(entryAnswer('who-is-tommy-robinson'));

    const calls = bot.api.calls.items.length;
    await bot.mention('<@UBOTSTORY> and what did he get jailed for?', { ts: '1736000500.000200', thread_ts: '1736000500.000100' });
    const followUp = await postedIn('1736000500.000100', calls);
    expect(textsOf(followUp)).toContain(MESSAGES.followingUp('Who is Tommy Robinson?'));
    // Posted where others see it: titled with the curated question, not the asker's words.
    expect(textsOf(followUp)).toContain(`*Question:* ${entryQuestion('robinson-jail-reason')}`);
    expect(textsOf(followUp).join('\n')).not.toContain('and what did he get jailed for?');
    expect(textsOf(followUp)).toContain(entryAnswer('robinson-jail-reason'));
  });

  it('declines the same follow-up in a thread with no answer before it, with suggestions, rather than guess', async () => {
    await start();
    await bot.mention('<@UBOTSTORY> and what did he get jailed for?', { ts: '1736000600.000100' });
    const reply = await postedIn('1736000600.000100');
    expect(textsOf(reply)).toContain(MESSAGES.declineUnresolved);
    expect(buttonIds(reply).filter((id) => id.startsWith('sb:pick:')).length).toBeGreaterThan(0);
    expect(textsOf(reply)).not.toContain(entryAnswer('robinson-jail-reason'));
  });

  it('forgets a thread after FOLLOW_UP_MINUTES: a follow-up after that is declined as if nothing came before', async () => {
    const time = clock();
    await start({ ctx: { conversations: { store: memoryTurns({ now: time.now }), followUpMs: 60_000, now: time.now } } });
    await bot.mention('<@UBOTSTORY> who is Tommy Robinson?', { ts: '1736000700.000100' });
    await postedIn('1736000700.000100');
    time.pass(61_000);
    const calls = bot.api.calls.items.length;
    await bot.mention('<@UBOTSTORY> and what did he get jailed for?', { ts: '1736000700.000200', thread_ts: '1736000700.000100' });
    const late = await postedIn('1736000700.000100', calls);
    expect(textsOf(late)).toContain(MESSAGES.declineUnresolved);
    expect(textsOf(late)).not.toContain(MESSAGES.followingUp('Who is Tommy Robinson?'));
  });
});

describe('direct messages to StoryBot', () => {
  it('answers a DM in the DM, and reads the next DM as a follow-up of it', async () => {
    await start();
    await bot.directMessage('Who is Wes Streeting?', { ts: '1736000800.000100' });
    const first = await postedIn(undefined);
    expect(first.channel).toBe(DM_CHANNEL);
    expect(textsOf(first)).toContain(entryAnswer('who-is-wes-streeting'));

    const calls = bot.api.calls.items.length;
    await bot.directMessage('and what is his job?', { ts: '1736000800.000200' });
    const followUp = await postedIn(undefined, calls);
    expect(followUp.channel).toBe(DM_CHANNEL);
    expect(textsOf(followUp)).toContain(MESSAGES.followingUp('Who is Wes Streeting?'));
    expect(textsOf(followUp).join('\n')).toMatch(/\*Question:\* .*streeting/i);
    expect(textsOf(followUp).join('\n')).not.toContain('and what is his job?');
    expect(textsOf(followUp).join('\n')).toMatch(/health secretary/i);
  });

  it('answers a DM written in a thread in that thread', async () => {
    await start();
    await bot.directMessage('What is the EDL?', { ts: '1736000900.000200', thread_ts: '1736000900.000100' });
    const reply = await postedIn('1736000900.000100');
    expect(reply.channel).toBe(DM_CHANNEL);
    expect(textsOf(reply)).toContain(entryAnswer('what-is-edl'));
  });

  it('ignores its own messages, other bots and edits, so it never answers itself', async () => {
    await start();
    const before = bot.api.calls.items.length;
    await bot.directMessage('Who is Wes Streeting?', { ts: '1736001000.000200' });
    await postedIn(undefined, before);
    const counted = bot.api.calls.items.filter((c) => c.method === 'chat.postMessage').length;
    // A bot's message (its own answer included) and an edit arrive as message events too.
    await bot.event({ type: 'message', channel_type: 'im', channel: DM_CHANNEL, bot_id: 'B0STORY', user: 'UBOTSTORY', text: 'an answer', ts: '1736001000.000300' });
    await bot.event({ type: 'message', channel_type: 'im', channel: DM_CHANNEL, subtype: 'message_changed', ts: '1736001000.000400' });
    await bot.event({ type: 'message', channel_type: 'channel', channel: 'C0DESK', user: REPORTER, text: 'who is tommy robinson', ts: '1736001000.000500' });
    // Each event was acknowledged; none was answered.
    await bot.directMessage('Who is Jess Phillips?', { ts: '1736001000.000600' });
    await bot.api.calls.waitFor((c) => c.method === 'chat.postMessage' && textsOf(c.args).includes(entryAnswer('who-is-jess-phillips')));
    expect(bot.api.calls.items.filter((c) => c.method === 'chat.postMessage')).toHaveLength(counted + 1);
  });
});

describe('"Why this answer?" on Slack', () => {
  it('tells only the presser what the answer matched, how sure it is and what came next', async () => {
    await start();
    const reply = await replyToCommand((await bot.command('ask', 'What did Strarmer do as DPP?', { responseId: 'why-ask' })).json, bot.responses.posts, 'why-ask');
    const why = buttonIds(reply).find((id) => id.startsWith('sb:why:'))!;
    expect(why).toMatch(/^sb:why:[0-9a-f]{16}$/);
    await bot.press(why, 'why-press');
    const { body } = await bot.responses.posts.waitFor((p) => p.id === 'why-press');
    expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const text = textsOf(body).join('\n');
    expect(text).toContain(MESSAGES.whyTitle);
    expect(text).toMatch(/It matched the curated wording/);
    expect(text).toContain('Read as typos: “strarmer” as “starmer”');
    expect(text).toMatch(/Confidence \d+%; an entry is given as the answer from \d+%/);
    expect(text).toMatch(/Next closest: “/);
  });

  it('says when the answer is no longer kept, rather than explain something else', async () => {
    await start();
    await bot.press('sb:why:0123456789abcdef', 'why-gone');
    const { body } = await bot.responses.posts.waitFor((p) => p.id === 'why-gone');
    expect(textsOf(body)).toEqual([MESSAGES.replyGone]);
  });
});

describe('the App Home tab', () => {
  const gaps: GapReport = {
    declined: [
      { question: 'What is Wes Streeting’s majority?', phrasings: [], count: 3, firstSeen: new Date(), lastSeen: new Date() },
      { question: 'Who won the football?', phrasings: [], count: 1, firstSeen: new Date(), lastSeen: new Date() },
    ],
    unhelpful: [],
    neverMatched: [{ entryId: 'what-is-edl', question: 'What is the EDL?' }],
  };

  it('shows everyone what StoryBot does, the story and its date, how to ask and ten questions to try', async () => {
    await start({ ctx: { gaps: { gaps: async () => gaps } } });
    await bot.openHome(REPORTER);
    const { args } = await bot.api.calls.waitFor((c) => c.method === 'views.publish');
    expect(args.user_id).toBe(REPORTER);
    const text = textsOf(args.view).join('\n');
    expect(text).toContain(MESSAGES.homeIntro);
    expect(text).toContain('dated 2025-01-03');
    for (const how of MESSAGES.homeHow) expect(text).toContain(how.replace(/</g, '&lt;'));
    const examples = text.split('\n').filter((l) => l.startsWith('• ') && l.endsWith('?'));
    expect(examples).toHaveLength(10);
    expect(text).not.toContain(MESSAGES.homeAdminTitle);
  });

  it('shows admins the last load and the gap counts too', async () => {
    await start({ ctx: { gaps: { gaps: async () => gaps } } });
    await bot.openHome(ADMIN);
    const { args } = await bot.api.calls.waitFor((c) => c.method === 'views.publish');
    const text = textsOf(args.view).join('\n');
    expect(text).toContain(MESSAGES.homeAdminTitle);
    expect(text).toContain(MESSAGES.homeLoaded('just now'));
    expect(text).toContain(MESSAGES.homeGaps(2, 0, 1));
  });

  it('publishes nothing when the Messages tab is opened', async () => {
    await start();
    await bot.openHome(REPORTER, 'messages');
    await bot.openHome(ADMIN, 'home');
    const published = await bot.api.calls.waitFor((c) => c.method === 'views.publish');
    expect(published.args.user_id).toBe(ADMIN);
    expect(bot.api.calls.items.filter((c) => c.method === 'views.publish')).toHaveLength(1);
  });
});

describe('what others see in a Slack thread', () => {
  const PRIVATE = 'XYZZY my private note';
  const OTHER = 'UOTHER001';

  it('follows up a quote check by its title, and explains it to someone else without the question', async () => {
    await start();
    await bot.mention(`<@UBOTSTORY> Did the story say "deserves to be in prison"? ${PRIVATE}`, { ts: '1736000900.000100' });
    const first = await postedIn('1736000900.000100');
    const calls = bot.api.calls.items.length;
    await bot.mention('<@UBOTSTORY> and when?', { ts: '1736000900.000200', thread_ts: '1736000900.000100', user: OTHER });
    const followUp = await postedIn('1736000900.000100', calls);
    expect(textsOf(followUp).join('\n')).toMatch(/Following up on “Quote check: /);
    expect(JSON.stringify([first, followUp])).not.toMatch(/xyzzy|private note/i);
    const why = buttonIds(first).find((id) => id.startsWith('sb:why:'))!;
    await bot.press(why, 'why-other', { user: OTHER, on: { ephemeral: false, ts: '1736000900.000101', thread_ts: '1736000900.000100' } });
    const { body } = await bot.responses.posts.waitFor((p) => p.id === 'why-other');
    expect(textsOf(body).join('\n')).toContain(MESSAGES.whyQuoteCheck);
    expect(textsOf(body).join('\n')).toContain(MESSAGES.whyWordsHidden);
    expect(JSON.stringify(body)).not.toMatch(/xyzzy|private note/i);
  });

  it('takes votes and Share under a private quote check like under a curated answer', async () => {
    await start();
    const reply = await replyToCommand((await bot.command('ask', `Is "18-month jail term" a direct quote? ${PRIVATE}`, { responseId: 'qc-ask' })).json, bot.responses.posts, 'qc-ask');
    const ids = buttonIds(reply);
    await bot.press(ids.find((id) => id.startsWith('sb:vote:up:'))!, 'qc-vote');
    const vote = await bot.responses.posts.waitFor((p) => p.id === 'qc-vote');
    expect([MESSAGES.voteThanks, MESSAGES.voteNotRecorded]).toContain(textsOf(vote.body)[0]);
    await bot.press(ids.find((id) => id.startsWith('sb:share:'))!, 'qc-share');
    const shared = await bot.responses.posts.waitFor((p) => p.id === 'qc-share' && (p.body as { response_type?: string }).response_type === 'in_channel');
    const answer = (texts: string[]) => texts.filter((t) => t.includes('paragraph 13'));
    expect(answer(textsOf(shared.body))).toEqual(answer(textsOf(reply)));
    expect(answer(textsOf(shared.body)).length).toBeGreaterThan(0);
    expect(JSON.stringify(shared.body)).not.toMatch(/xyzzy|private note/i);
  });
});
