// A vote is for an answer the bot gives. A button id is text anyone can forge, so a vote for
// an entry that does not exist, or is only a draft, is refused on Discord and on Slack and
// never reaches the question log.
import Database from 'better-sqlite3';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogueOf } from '../../src/core/curation/gap-report.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { databasePath } from '../../src/storage/database.js';
import { QuestionLog } from '../../src/storage/question-log.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { startTestBot, type TestBot } from '../helpers/discord-bot.js';
import { copyOfRealKnowledge } from '../helpers/knowledge-dir.js';
import { textsOf } from '../helpers/slack-stand-in/read-message.js';
import { startSlackBot, type BotUnderTest } from '../helpers/slack-stand-in/slack-bot.js';

let discord: TestBot | undefined;
let slack: BotUnderTest | undefined;
let log: QuestionLog | undefined;
afterEach(async () => {
  await discord?.stop();
  await slack?.stop();
  log?.close();
  discord = slack = log = undefined;
});

/** The real knowledge base with one draft, and a real question log over it. */
async function setUp() {
  const knowledge = await copyOfRealKnowledge({ 'drafts.yaml': '- id: staged-answer\n  question: A staged question?\n  status: draft\n' });
  const store = await KnowledgeStore.open(knowledge);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-data-'));
  log = QuestionLog.open({ dataDir, retentionDays: 90, logger: captureLogger().logger, catalogue: catalogueOf(store) });
  const storedVotes = () => {
    const db = new Database(databasePath(dataDir), { readonly: true });
    try {
      return db.prepare('SELECT entry_id FROM votes ORDER BY id').pluck().all();
    } finally {
      db.close();
    }
  };
  return { knowledge, log, storedVotes };
}

const FORGED = ['sb:vote:up:no-such-entry', 'sb:vote:down:staged-answer'];

describe('a vote for an entry the bot does not serve', () => {
  it('is refused on Discord, saying the question is gone, and nothing is stored', async () => {
    const { knowledge, log, storedVotes } = await setUp();
    discord = await startTestBot({ knowledgeDir: knowledge, ctx: { recorder: log } });
    const answer = await (await discord.standIn.slash('ask', { question: 'Who is Tommy Robinson?' })).reply();
    for (const id of FORGED) {
      expect(await (await discord.standIn.press(answer.message, id)).reply()).toMatchObject({ ephemeral: true, message: { content: MESSAGES.entryGone } });
    }
    expect((await (await discord.standIn.press(answer.message, 'sb:vote:up:who-is-tommy-robinson')).reply()).message.content).toBe(MESSAGES.voteThanks);
    expect(storedVotes()).toEqual(['who-is-tommy-robinson']);
  });

  it('is refused on Slack over HTTP, saying the question is gone, and nothing is stored', async () => {
    const { knowledge, log, storedVotes } = await setUp();
    slack = await startSlackBot({ knowledgeDir: knowledge, recorder: log });
    for (const [i, id] of FORGED.entries()) {
      await slack.press(id, `forged-${i}`);
      expect(textsOf((await slack.responses.posts.waitFor((p) => p.id === `forged-${i}`)).body)).toEqual([MESSAGES.entryGone]);
    }
    await slack.press('sb:vote:down:what-is-edl', 'real');
    expect(textsOf((await slack.responses.posts.waitFor((p) => p.id === 'real')).body)).toEqual([MESSAGES.voteThanks]);
    expect(storedVotes()).toEqual(['what-is-edl']);
  });
});
