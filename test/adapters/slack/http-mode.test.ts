// The Slack adapter in HTTP mode: real Bolt listening on 127.0.0.1, requests signed like
// Slack's, and local stand-ins for the Web API and response_url.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import type { QuestionRecord, Recorder, VoteRecord } from '../../../src/core/answering/recorder.js';
import { copyOfRealKnowledge, entryYaml, SOURCE_ID } from '../../helpers/knowledge-dir.js';
import { buttonIds, textsOf } from '../../helpers/slack-stand-in/read-message.js';
import { replyToCommand } from '../../helpers/slack-stand-in/response-url.js';
import { slackSignature } from '../../helpers/slack-stand-in/sign.js';
import { ADMIN, REPORTER, SIGNING_SECRET, startSlackBot, type BotUnderTest } from '../../helpers/slack-stand-in/slack-bot.js';

const ROBINSON_QUOTE = 'Stephen Yaxley-Lennon, the founder of the far-right English Defence League, who is better known as Tommy Robinson';

/** The reply to a command, from the acknowledgement or, when it came later, response_url. */
async function replyTo(bot: BotUnderTest, name: string, text = ''): Promise<unknown> {
  const responseId = `reply-${name}-${Math.random().toString(36).slice(2)}`;
  const ack = await bot.command(name, text, { responseId });
  return await replyToCommand(ack.json, bot.responses.posts, responseId);
}

function memoryRecorder() {
  const questions: QuestionRecord[] = [];
  const votes: VoteRecord[] = [];
  const recorder: Recorder = {
    recordQuestion: (record) => void questions.push(record),
    recordVote(record) {
      if (votes.some((v) => v.userId === record.userId && v.entryId === record.entryId)) return 'already-voted';
      votes.push(record);
      return 'recorded';
    },
  };
  return { recorder, questions, votes };
}

describe('the Slack adapter over HTTP', () => {
  const memory = memoryRecorder();
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startSlackBot({ recorder: memory.recorder });
  });
  afterAll(() => bot.stop());

  it('answers /ask in the acknowledgement, privately, quoting paragraph 13 of the story verbatim', async () => {
    const reply = await bot.command('ask', 'Who is Tommy Robinson?');
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ response_type: 'ephemeral' });
    const texts = textsOf(reply.json);
    expect(texts).toContain(`>“${ROBINSON_QUOTE}”\n>— _paragraph 13_`);
    expect(texts).toContainEqual(expect.stringMatching(/^as of 2025-01-03 · (exact match|(strong|likely) match, \d+%)$/));
    const paragraph13 = bot.ctx.store.current().knowledge.sources.get(SOURCE_ID)!.paragraphs[12]!;
    expect(paragraph13).toContain(ROBINSON_QUOTE);
    expect(buttonIds(reply.json)).toEqual(expect.arrayContaining(['sb:vote:up:who-is-tommy-robinson', 'sb:vote:down:who-is-tommy-robinson', expect.stringMatching(/^sb:why:[0-9a-f]{16}$/), expect.stringMatching(/^sb:share:[0-9a-f]{16}$/)]));
  });

  it('declines what the story does not answer, and a suggested question answers when pressed', async () => {
    const reply = await bot.command('ask', "What is Wes Streeting's majority?");
    expect(textsOf(reply.json)).toContain(MESSAGES.declineNotInStory);
    const picks = buttonIds(reply.json).filter((id) => id.startsWith('sb:pick:'));
    expect(picks.length).toBeGreaterThan(0);
    expect(picks.length).toBeLessThanOrEqual(3);

    const press = await bot.press(picks[0]!, 'pick-1');
    expect(press.status).toBe(200);
    const { body } = await bot.responses.posts.waitFor((p) => p.id === 'pick-1');
    const entryId = picks[0]!.slice('sb:pick:'.length);
    const entry = bot.ctx.store.answerEntry(entryId)!;
    expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textsOf(body)).toContain(`*Question:* ${entry.question.replace(/&/g, '&amp;')}`);
    expect(textsOf(body).some((t) => t.includes(`paragraph ${entry.citations[0]!.paragraph}`))).toBe(true);
  });

  it('records a helpful vote once, and says so each time it is pressed', async () => {
    await bot.press('sb:vote:up:who-is-jess-phillips', 'vote-1', { user: 'UVOTER01' });
    expect(textsOf((await bot.responses.posts.waitFor((p) => p.id === 'vote-1')).body)).toEqual([MESSAGES.voteThanks]);
    await bot.press('sb:vote:up:who-is-jess-phillips', 'vote-2', { user: 'UVOTER01' });
    expect(textsOf((await bot.responses.posts.waitFor((p) => p.id === 'vote-2')).body)).toEqual([MESSAGES.voteAlready]);
    expect(memory.votes).toEqual([expect.objectContaining({ platform: 'slack', userId: 'UVOTER01', entryId: 'who-is-jess-phillips', helpful: true })]);
  });

  it('shares a private answer with the channel, credited, then removes the private copy', async () => {
    const answer = await bot.command('ask', 'Who is Tommy Robinson?', { user: 'USHARER1' });
    const share = buttonIds(answer.json).find((id) => id.startsWith('sb:share:'))!;
    await bot.press(share, 'share-1', { user: 'USHARER1' });
    const shared = await bot.responses.posts.waitFor((p) => p.id === 'share-1');
    expect(shared.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(textsOf(shared.body)[0]).toBe(`${MESSAGES.sharedBy} <@USHARER1>`);
    expect(textsOf(shared.body)).toContain(`>“${ROBINSON_QUOTE}”\n>— _paragraph 13_`);
    expect(buttonIds(shared.body).some((id) => id.startsWith('sb:share'))).toBe(false);
    const removed = await bot.responses.posts.waitFor((p) => p.id === 'share-1' && p !== shared);
    expect(removed.body).toEqual({ delete_original: true });
  });

  it('answers a press on a public answer in its thread', async () => {
    await bot.press('sb:pick:what-is-edl', 'thread-pick', { on: { ephemeral: false, ts: '1736000100.000200', thread_ts: '1736000100.000100' } });
    const call = await bot.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1736000100.000100');
    expect(call).toMatchObject({ token: 'xoxb-test-bot-token', args: { channel: 'C0DESK' } });
    expect(textsOf(call.args)).toContain('*Question:* What is the English Defence League?');
  });

  it('refuses /reload to someone who is not an admin, politely and without reloading', async () => {
    const loadedAt = bot.ctx.store.current().loadedAt;
    const reply = await bot.command('reload', '', { user: REPORTER });
    expect(reply.json).toMatchObject({ response_type: 'ephemeral' });
    expect(textsOf(reply.json)).toEqual([MESSAGES.notAdmin]);
    expect(bot.ctx.store.current().loadedAt).toBe(loadedAt);
  });

  it.each([
    ['<!channel> who is Tommy Robinson?', '&lt;!channel&gt;'],
    ['&lt;!here&gt; who is Tommy Robinson?', '&lt;!here&gt;'],
    ['who is <@U0BOSS01> and Tommy Robinson?', '&lt;@U0BOSS01&gt;'],
    ['<https://evil.example|Tommy Robinson>?', '&lt;https://evil.example|Tommy Robinson&gt;'],
  ])('renders markup in the question %j as text', async (question, shown) => {
    const reply = await bot.command('ask', question);
    expect(reply.status).toBe(200);
    expect(reply.text).not.toMatch(/<[!@#]|<https?:/);
    expect(textsOf(reply.json)[0]).toContain(shown);
  });

  it.each([
    ['a wrong signature', { signature: `v0=${'0'.repeat(64)}` }],
    ['a signature made with another secret', { signature: slackSignature('not-the-secret', Math.floor(Date.now() / 1000), 'x') }],
    ['a timestamp more than five minutes old', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ])('answers 401 to a request with %s, and runs nothing', async (_, forged) => {
    const asked = memory.questions.length;
    const reply = await bot.command('ask', 'Who is Tommy Robinson?', forged);
    expect(reply.status).toBe(401);
    expect(reply.text).toBe('');
    expect(memory.questions.length).toBe(asked);
  });

  it.each([
    ['a mention in a channel in a new thread under it', { ts: '1736000200.000100' }, '1736000200.000100'],
    ['a follow-up mention in that thread in the same thread', { ts: '1736000300.000100', thread_ts: '1736000200.000100' }, '1736000200.000100'],
  ])('answers %s', async (_, where, thread) => {
    const reply = await bot.mention('<@UBOTSTORY> who is Tommy Robinson?', where);
    expect(reply.status).toBe(200);
    const call = await bot.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === thread && textsOf(c.args).includes('*Question:* Who is Tommy Robinson?'));
    expect(call.args.channel).toBe('C0DESK');
    expect(textsOf(call.args)).toContain(`>“${ROBINSON_QUOTE}”\n>— _paragraph 13_`);
    expect(buttonIds(call.args).some((id) => id.startsWith('sb:share'))).toBe(false);
  });

  it.each([
    ['an unknown command', () => bot.command('frobnicate', 'x'), MESSAGES.unknownCommand('frobnicate')],
    ['a button it does not know', () => bot.press('sb:explode:everything', 'unknown-button').then(() => bot.responses.posts.waitFor((p) => p.id === 'unknown-button')).then((p) => ({ json: p.body })), MESSAGES.unknownAction],
    ['a button for an entry that is gone', () => bot.press('sb:pick:no-such-entry', 'gone-entry').then(() => bot.responses.posts.waitFor((p) => p.id === 'gone-entry')).then((p) => ({ json: p.body })), MESSAGES.entryGone],
  ])('answers %s privately and politely', async (_, send, words) => {
    const reply = await send();
    expect(reply.json).toMatchObject({ response_type: 'ephemeral' });
    expect(textsOf(reply.json)).toEqual([words]);
  });

  it.each(commands.map((c) => [c.data.name]))('routes /%s from the shared command list', async (name) => {
    const reply = await bot.command(name, '', { user: ADMIN });
    expect(reply.status).toBe(200);
    expect(textsOf(reply.json).join('')).not.toBe('');
    expect(textsOf(reply.json)).not.toContain(MESSAGES.unknownCommand(name));
  });
});

describe('/reload over Slack', () => {
  let bot: BotUnderTest;
  let dir: string;
  beforeAll(async () => {
    dir = await copyOfRealKnowledge();
    bot = await startSlackBot({ knowledgeDir: dir });
  });
  afterAll(() => bot.stop());

  it('reports a broken file to an admin and keeps answering from the old knowledge base', async () => {
    await writeFile(path.join(dir, 'entries', 'broken.yaml'), '- id: [oops\n');
    const reply = await bot.command('reload', '', { user: ADMIN });
    const texts = textsOf(reply.json);
    expect(texts[0]).toBe(MESSAGES.reloadFailed(bot.ctx.store.current().index.entries.length));
    expect(texts[1]).toMatch(/^• error .*broken\.yaml/);
    const after = await bot.command('ask', 'Who is Tommy Robinson?');
    expect(textsOf(after.json)).toContain(`>“${ROBINSON_QUOTE}”\n>— _paragraph 13_`);
  });

  it('says what changed once the file is fixed', async () => {
    await writeFile(path.join(dir, 'entries', 'broken.yaml'), entryYaml('robinson-jail-term', 'How long is the jail term Robinson is serving?'));
    const reply = await bot.command('reload', '', { user: ADMIN });
    expect(textsOf(reply.json)[0]).toMatch(/^Reloaded: \d+ entries .*\nAdded: robinson-jail-term$/);
  });
});

describe('Slack answers that miss the acknowledgement, or fail', () => {
  it('says "Working on it…" when a command outlasts the acknowledgement, then replaces that with the reply', async () => {
    const bot = await startSlackBot({ ackDeadlineMs: 50 });
    try {
      // A reload held back until the acknowledgement has gone: slow however fast the machine.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const reload = bot.ctx.store.reload.bind(bot.ctx.store);
      bot.ctx.store.reload = () => held.then(reload);
      const ack = await bot.command('reload', '', { user: ADMIN, responseId: 'slow-reload' });
      expect(ack.status).toBe(200);
      expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
      expect(textsOf(ack.json)).toEqual([MESSAGES.workingOnIt]);
      expect(bot.responses.posts.items.filter((p) => p.id === 'slow-reload')).toEqual([]);
      release();
      const { body } = await bot.responses.posts.waitFor((p) => p.id === 'slow-reload');
      expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
      expect(textsOf(body)[0]).toMatch(/^Reloaded: \d+ entries from 1 source in \d+ ms\./);
      expect(bot.responses.posts.items.filter((p) => p.id === 'slow-reload')).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });

  it('posts a late public answer for the channel and then removes the private "Working on it…"', async () => {
    const bot = await startSlackBot({ ackDeadlineMs: 0, visibility: 'in_channel' });
    try {
      const ack = await bot.command('ask', 'Who is Tommy Robinson?', { responseId: 'late-public' });
      expect(textsOf(ack.json)).toEqual([MESSAGES.workingOnIt]);
      const removed = await bot.responses.posts.waitFor((p) => p.id === 'late-public' && p.body.delete_original === true);
      const posts = bot.responses.posts.items.filter((p) => p.id === 'late-public');
      expect(posts.indexOf(removed)).toBe(1);
      expect(posts[0]!.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
      expect(textsOf(posts[0]!.body)).toContain(`>“${ROBINSON_QUOTE}”\n>— _paragraph 13_`);
    } finally {
      await bot.stop();
    }
  });

  const privately = { response_type: 'ephemeral' };
  it.each([
    ['in the acknowledgement', undefined, privately, (bot: BotUnderTest) => bot.command('ask', 'Who is Tommy Robinson?').then((r) => r.json)],
    ['through response_url, in place of "Working on it…"', 0, { ...privately, replace_original: true }, (bot: BotUnderTest) => bot.command('ask', 'Who is Tommy Robinson?', { responseId: 'fail-late' }).then(() => bot.responses.posts.waitFor((p) => p.id === 'fail-late')).then((p) => p.body)],
    ['in the thread of a mention', undefined, { channel: 'C0DESK', user: REPORTER, thread_ts: '1736000400.000100' }, (bot: BotUnderTest) => bot.mention('<@UBOTSTORY> who is Tommy Robinson?', { ts: '1736000400.000100' }).then(() => bot.api.calls.waitFor((c) => c.method === 'chat.postEphemeral')).then((c) => c.args)],
  ])('tells the person privately when a handler throws, %s, and logs it once', async (_, ackDeadlineMs, where, ask) => {
    const broken: Recorder = {
      recordQuestion: () => {
        throw new Error('disk full');
      },
      recordVote: () => 'not-recorded',
    };
    const bot = await startSlackBot({ recorder: broken, ...(ackDeadlineMs !== undefined ? { ackDeadlineMs } : {}) });
    try {
      const apology = await ask(bot);
      expect(textsOf(apology)).toEqual([MESSAGES.somethingWentWrong]);
      expect(apology).toMatchObject(where);
      const failures = bot.logs.filter((l) => l.msg === 'slack listener failed');
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ err: { message: 'disk full' } });
      // The process lives on: the next request is answered.
      expect(textsOf(await replyTo(bot, 'about')).join('\n')).toContain('dated 2025-01-03');
    } finally {
      await bot.stop();
    }
  });
});

describe('Slack answers visible to the channel', () => {
  it('posts /ask answers in the channel, without a Share button, when SLACK_ANSWER_VISIBILITY=in_channel', async () => {
    const bot = await startSlackBot({ visibility: 'in_channel' });
    try {
      const reply = await bot.command('ask', 'Who is Tommy Robinson?');
      expect(reply.json).toMatchObject({ response_type: 'in_channel' });
      expect(buttonIds(reply.json)).toContain('sb:vote:up:who-is-tommy-robinson');
      expect(buttonIds(reply.json).some((id) => id.startsWith('sb:share'))).toBe(false);
      const refused = await bot.command('reload', '');
      expect(refused.json).toMatchObject({ response_type: 'ephemeral' });
    } finally {
      await bot.stop();
    }
  });
});
