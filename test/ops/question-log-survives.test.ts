// The question log as the bot runs it (npm start, on the console over a pipe, with the real
// SQLite database): it never loses a question without saying so, opens late when its
// database is locked at start-up, and says plainly when DATA_DIR cannot be written.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { databasePath } from '../../src/storage/database.js';
import { QUESTION_LOG_DEFAULTS } from '../../src/storage/question-log.js';
import { freePort } from '../helpers/long-running.js';
import { FORM, postSigned, slashCommandBody } from '../helpers/slack-stand-in/sign.js';
import { startWebApi, type WebApiStandIn } from '../helpers/slack-stand-in/web-api.js';
import { runTs, startTs, type RunningChild } from '../helpers/run-node.js';
import { startWholeBot, type WholeBot } from '../helpers/whole-bot.js';

const dataDir = () => mkdtemp(path.join(tmpdir(), 'storybot-data-'));
const CONSOLE = { DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' };
let bot: RunningChild | undefined;
let whole: WholeBot | undefined;
let api: WebApiStandIn | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  bot?.child.kill('SIGKILL');
  whole?.child.kill('SIGKILL');
  await api?.close();
  bot = whole = api = undefined;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function countQuestions(dir: string): number {
  const db = new Database(databasePath(dir), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM questions').pluck().get() as number;
  } finally {
    db.close();
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 600) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('questions piped into the console', () => {
  it('are every one stored, 5,000 of them, with no warning needed', { timeout: 120_000 }, async () => {
    const dir = await dataDir();
    const input = Array.from({ length: 5_000 }, (_, i) => `Who is Tommy Robinson? (asked ${i})`).join('\n');
    const { code, stderr } = await runTs('src/index.ts', [], { env: { ...CONSOLE, DATA_DIR: dir }, input: `${input}\n` });
    expect(code).toBe(0);
    expect(countQuestions(dir)).toBe(5_000);
    expect(stderr).not.toContain('dropped');
  });
});

describe('a question log whose database is locked at start-up', () => {
  it('is opened once the lock is gone, with the questions asked meanwhile; /gaps says it is not open yet', { timeout: 90_000 }, async () => {
    const dir = await dataDir();
    // Another process holds the database: not even its journal mode can be set.
    const other = new Database(databasePath(dir));
    other.exec('BEGIN EXCLUSIVE');
    cleanups.push(() => other.open && other.close());
    bot = startTs('src/index.ts', { env: { ...CONSOLE, DATA_DIR: dir, LOG_LEVEL: 'info' } });
    await bot.waitForOutput(/ask about the story/);
    await until(() => bot!.stderr().includes('the question log could not be opened'), 'the log to say it could not open');
    bot.child.stdin.write('Who is Tommy Robinson?\nWho is Jess Phillips?\n/gaps\n');
    await bot.waitForOutput(new RegExp(MESSAGES.gapsNotOpen.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    other.exec('COMMIT');
    other.close();
    await until(() => bot!.stderr().includes('"msg":"question log open"'), 'the question log to open');
    bot.child.stdin.write('What is the capital of Peru?\n/gaps\n');
    await bot.waitForOutput(/1× What is the capital of Peru\?/);
    expect((await bot.finish()).code).toBe(0);
    expect(countQuestions(dir)).toBe(3);
    expect(bot.stderr().match(/the question log could not be opened/g)).toHaveLength(1);
  });
});

describe('a question log that cannot be written for longer than its queue lasts', () => {
  it('counts each question it drops in storybot_question_log_dropped_total, and says so at warn level', { timeout: 90_000 }, async () => {
    const dir = await dataDir();
    const other = new Database(databasePath(dir));
    other.exec('BEGIN EXCLUSIVE');
    cleanups.push(() => other.open && other.close());
    api = await startWebApi();
    const port = await freePort();
    whole = await startWholeBot({ DATA_DIR: dir, SLACK_BOT_TOKEN: 'xoxb-dropped', SLACK_SIGNING_SECRET: 'dropped-secret', SLACK_PORT: String(port), SLACK_API_URL: api.url, RATE_LIMIT_QUESTIONS: '100000' });
    await whole.logged('adapter started');
    const extra = 7;
    const ask = async (i: number) => {
      const body = slashCommandBody({ command: '/ask', text: `Who is Tommy Robinson? (asked ${i})`, user_id: 'UREPORT01', response_url: 'http://127.0.0.1:9/unused' });
      return (await postSigned(`http://127.0.0.1:${port}/slack/events`, body, FORM, { secret: 'dropped-secret' })).status;
    };
    const total = QUESTION_LOG_DEFAULTS.maxQueued + extra;
    for (let i = 0; i < total; i += 25) {
      const batch = Array.from({ length: Math.min(25, total - i) }, (_, k) => ask(i + k));
      expect(new Set(await Promise.all(batch))).toEqual(new Set([200]));
    }
    const metrics = await (await fetch(`${whole.ops}/metrics`)).text();
    expect(metrics).toContain(`storybot_question_log_dropped_total ${extra}\n`);
    expect(await whole.logged('question log full: nothing can be written, so the oldest records held in memory are being dropped')).toMatchObject({ level: 40, maxQueued: QUESTION_LOG_DEFAULTS.maxQueued });
  });
});

/**
 * Makes a folder read-only for whoever runs the bot. Permissions do not bind root, so as
 * root the folder is made immutable (chattr +i), which does; where that cannot be done, the
 * bot is run as the unprivileged user "nobody" instead.
 */
function readOnly(dir: string): { user?: number } {
  if (process.getuid?.() === 0) {
    try {
      execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
      cleanups.push(() => execFileSync('chattr', ['-i', dir], { stdio: 'ignore' }));
      return {};
    } catch {
      chmodSync(dir, 0o555);
      return { user: 65534 };
    }
  }
  chmodSync(dir, 0o555);
  cleanups.push(() => chmodSync(dir, 0o700));
  return {};
}

describe('a read-only DATA_DIR', () => {
  it('is named as what cannot be written, and the bot answers anyway', async () => {
    const dir = await dataDir();
    const { user } = readOnly(dir);
    const { code, stdout, stderr } = await runTs('src/index.ts', [], { env: { ...CONSOLE, DATA_DIR: dir }, input: 'Who is Tommy Robinson?\n/gaps\n', user });
    expect(code).toBe(0);
    expect(stdout).toContain('Stephen Yaxley-Lennon');
    expect(stdout).toContain(MESSAGES.gapsNotOpen);
    expect(stderr).toMatch(new RegExp(`DATA_DIR ${dir} cannot be written by this process \\(uid \\d+\\): it is read-only for this user \\((EACCES|EPERM)\\)`));
    expect(stderr).not.toMatch(/ENOENT|unable to open database file/);
  });

  it('is said plainly by npm run gaps too, not as a stack trace', async () => {
    const dir = await dataDir();
    const { code } = await runTs('src/index.ts', [], { env: { ...CONSOLE, DATA_DIR: dir }, input: 'What is the capital of Peru?\n' });
    expect(code).toBe(0);
    const { user } = readOnly(dir);
    const gaps = await runTs('src/cli/gaps.ts', [], { env: { DATA_DIR: dir }, user });
    expect(gaps.code).toBe(1);
    expect(gaps.stderr).toMatch(/^Cannot read the question log in .*storybot\.db: /);
    expect(gaps.stderr).not.toMatch(/\n\s+at /);
  });
});
