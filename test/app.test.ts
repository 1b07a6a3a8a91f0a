import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../src/core/wording/messages.js';
import { databasePath } from '../src/storage/database.js';
import { readReloadReport } from '../src/ops/reload-control.js';
import { copyOfRealKnowledge, entryYaml } from './helpers/knowledge-dir.js';
import { runTs, startTs, type RunningChild } from './helpers/run-node.js';

const dataDir = () => mkdtemp(path.join(tmpdir(), 'storybot-data-'));
let bot: RunningChild | undefined;
afterEach(() => {
  bot?.child.kill('SIGKILL');
  bot = undefined;
});

// The bot as npm start runs it, on the console, with the curation parts wired in.
describe('the running bot', () => {
  it('logs each question and reports the gaps with /gaps', async () => {
    const env = { DATA_DIR: await dataDir() };
    const { code, stdout } = await runTs('src/index.ts', [], { env, input: 'Who is Tommy Robinson?\nWhat is the capital of Peru?\n/gaps\n' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/Declined questions:\n\s+1× What is the capital of Peru\?/);
    const db = new Database(databasePath(env.DATA_DIR), { readonly: true });
    try {
      expect(db.prepare('SELECT question, answered, platform FROM questions ORDER BY id').all()).toEqual([
        { question: 'Who is Tommy Robinson?', answered: 1, platform: 'console' },
        { question: 'What is the capital of Peru?', answered: 0, platform: 'console' },
      ]);
    } finally {
      db.close();
    }
  });

  it('answers, and keeps no log, with QUESTION_LOG=off', async () => {
    const env = { DATA_DIR: await dataDir(), QUESTION_LOG: 'off' };
    const { code, stdout } = await runTs('src/index.ts', [], { env, input: 'Who is Tommy Robinson?\n/gaps\n' });
    expect(code).toBe(0);
    expect(stdout).toContain('paragraph 13');
    expect(stdout).toContain(MESSAGES.gapsUnavailable);
    expect(existsSync(databasePath(env.DATA_DIR))).toBe(false);
  });

  it('still answers when the database cannot be opened, saying so once in the log', async () => {
    const blocker = path.join(await dataDir(), 'a-file');
    await writeFile(blocker, 'DATA_DIR cannot be made under a file');
    const { code, stdout, stderr } = await runTs('src/index.ts', [], { env: { DATA_DIR: path.join(blocker, 'data') }, input: 'Who is Tommy Robinson?\nWho is Jess Phillips?\n' });
    expect(code).toBe(0);
    expect(stdout).toContain('paragraph 13');
    expect(stdout).toContain('Jess Phillips');
    expect(stderr.match(/the question log could not be opened/g)).toHaveLength(1);
  });

  it('picks up a change to the files on its own with KNOWLEDGE_WATCH=true', { timeout: 90_000 }, async () => {
    const knowledge = await copyOfRealKnowledge();
    const env = { KNOWLEDGE_DIR: knowledge, DATA_DIR: await dataDir(), KNOWLEDGE_WATCH: 'true' };
    bot = startTs('src/index.ts', { env });
    await bot.waitForOutput(/StoryBot: ask about the story/);
    await writeFile(path.join(knowledge, 'entries', 'extra.yaml'), entryYaml('watched-entry', 'What did watch mode bring in?'));
    for (let tries = 0; !readReloadReport(env.DATA_DIR)?.added.includes('watched-entry'); tries++) {
      if (tries > 300) throw new Error('no reload happened');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    bot.child.stdin.write('What did watch mode bring in?\n');
    await bot.waitForOutput(/Some answer\./);
    expect((await bot.finish()).code).toBe(0);
  });
});
