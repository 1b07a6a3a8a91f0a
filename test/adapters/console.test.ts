import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter, parseLine } from '../../src/adapters/console/index.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { TURN_DEFAULTS } from '../../src/core/conversation/turns.js';
import { memoryTurns } from '../../src/state/memory-turns.js';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { isEnglishWord } from '../../src/lexicon/english-words.js';
import { notRecording } from '../../src/core/answering/recorder.js';
import { createLogger } from '../../src/logger.js';
import { entryArgs } from '../helpers/entry.js';
import { copyOfRealKnowledge, REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';
import { runTs, startTs } from '../helpers/run-node.js';

const DRAFT = '- id: staged-question\n  status: draft\n  question: How many seats does Reform UK have?\n';

// The conversations over the real base share one store: each open reads and indexes the
// whole base again, and a conversation keeps its own turns, not the store's.
let realStore: Promise<KnowledgeStore> | undefined;
const storeOf = (dir: string) => (dir === REAL_KNOWLEDGE ? (realStore ??= KnowledgeStore.open(dir, { isWord: isEnglishWord })) : KnowledgeStore.open(dir, { isWord: isEnglishWord }));

async function converse(lines: string[], dir = REAL_KNOWLEDGE): Promise<string> {
  const store = await storeOf(dir);
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => (text += chunk));
  const closed = new Promise<void>((resolve) => {
    const conversations = { store: memoryTurns(), followUpMs: TURN_DEFAULTS.followUpMs };
    const adapter = createConsoleAdapter({ ctx: { store, recorder: notRecording, startedAt: new Date(), conversations }, logger: createLogger({ level: 'silent' }), input, output, onClose: resolve });
    void adapter.start().then(() => input.end(`${lines.join('\n')}\n`));
  });
  await closed;
  return text;
}

describe('the console', () => {
  it.each([
    ['who is x', { name: 'ask', argument: 'who is x' }],
    ['/ask who is x', { name: 'ask', argument: 'who is x' }],
    ['/RELOAD', { name: 'reload', argument: '' }],
  ])('reads %j as a command', (line, expected) => {
    expect(parseLine(line)).toEqual(expected);
  });

  it('answers plain questions and /ask with quotes and paragraph numbers', async () => {
    const text = await converse(['Who is Tommy Robinson?', '/ask what did musk say about jess phillips']);
    expect(text).toContain('  paragraph 13: “Stephen Yaxley-Lennon, the founder of the far-right English Defence League, who is better known as Tommy Robinson”');
    expect(text).toContain('  paragraph 3: ‘');
    expect(text).not.toContain('¶');
    expect(text).toContain('as of 2025-01-03');
  });

  it('reads a line in the light of the answer before it, and says so', async () => {
    const text = await converse(['Who is Tommy Robinson?', 'and what did he get jailed for?']);
    const store = await storeOf(REAL_KNOWLEDGE);
    expect(text).toContain(`(${MESSAGES.followingUp('Who is Tommy Robinson?')})`);
    expect(text).toContain(store.current().index.entry('robinson-jail-reason')!.answer);
  });

  it('declines a first line that leans on an earlier answer, as there is none', async () => {
    const text = await converse(['and what did he get jailed for?']);
    expect(text).toContain(MESSAGES.declineUnresolved);
    expect(text).toContain(MESSAGES.suggestionsIntro);
  });

  it('explains the last answer with /why, and says when there is none yet', async () => {
    const text = await converse(['/help', '/why', 'What did Strarmer do as DPP?', '/why']);
    expect(text).toContain(MESSAGES.whyNothingYet);
    expect(text).toContain(`${MESSAGES.whyTitle}:\n  It matched the curated wording “`);
    expect(text).toContain('  Read as typos: “strarmer” as “starmer”.');
    expect(text).toMatch(/^ {2}Confidence \d+%; an entry is given as the answer from \d+%\.$/m);
    expect(text).toContain('/why  why the last answer was given');
  });

  it('says when the story has no answer and suggests questions', async () => {
    const text = await converse(["What is Wes Streeting's majority?"]);
    expect(text).toContain('The story does not answer that.');
    expect(text).toContain('Closest questions it does answer:');
  });

  it('reloads, tells what it knows, and names unknown commands', async () => {
    const text = await converse(['/reload', '/about', '/frobnicate']);
    expect(text).toMatch(/Reloaded: \d+ entries/);
    expect(text).toContain('dated 2025-01-03');
    expect(text).toContain(MESSAGES.consoleUnknownCommand);
    expect(text).not.toContain('frobnicate');
  });

  it('counts only published questions in its greeting, not drafts', async () => {
    const dir = await copyOfRealKnowledge({ 'drafts.yaml': DRAFT });
    const store = await KnowledgeStore.open(dir);
    const published = store.current().knowledge.entries.filter((e) => e.status === 'published').length;
    const text = await converse(['/about'], dir);
    expect(text.split('\n')[0]).toBe(`StoryBot: ask about the story (${published} curated questions). /help for commands.`);
    expect(text).toContain(`${published} curated questions (1 draft).`);
    expect(text).toContain(MESSAGES.aboutLoaded('just now', 'just now'));
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('reports a failed reload once, readably, with no raw log line beside it', { timeout: 60_000 }, async () => {
    const dir = await copyOfRealKnowledge();
    const bot = startTs('src/index.ts', { env: { KNOWLEDGE_DIR: dir, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' } });
    await bot.waitForOutput(/curated questions/);
    await writeFile(path.join(dir, 'entries', 'broken.yaml'), '- id: broken\n  question: [unclosed\n');
    bot.child.stdin.write('/reload\n');
    await bot.waitForOutput(/Reload failed/);
    const { code, stdout, stderr } = await bot.finish();
    expect(code).toBe(0);
    expect(stdout).toMatch(/Reload failed; still serving the previous knowledge base \(\d+ entries\)\.\n {2}error .*broken\.yaml:\d+ is not valid YAML/);
    expect(stdout.match(/Reload failed/g)).toHaveLength(1);
    expect(stderr).toBe('');
  });

  it('reports a reload it did not ask for (a SIGHUP) as it ends', { timeout: 60_000 }, async () => {
    const bot = startTs('src/index.ts', { env: { DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' } });
    await bot.waitForOutput(/curated questions/);
    bot.child.kill('SIGHUP');
    await bot.waitForOutput(/Reloaded: \d+ entries from 1 source in \d+ ms\.\nNo entries changed\./);
    expect((await bot.finish()).code).toBe(0);
  });

  it('is a prompt with line editing and history at a terminal', { timeout: 60_000 }, async () => {
    // util-linux's `script` runs the bot on a pseudo-terminal, as a person's terminal would.
    const env = { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'storybot-data-')) };
    // The compiled entry, as runTs starts it; through tsx the bot spent seconds compiling itself.
    const command = [process.execPath, ...entryArgs('src/index.ts')].map((arg) => `'${arg}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.on('data', (chunk) => (screen += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const prompts = () => screen.split('storybot> ').length - 1;
    const waitFor = async (check: () => boolean) => {
      while (!check()) {
        if (child.exitCode !== null) throw new Error(`exited early:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitFor(() => prompts() >= 1);
    // A typo fixed with the line editor: backspace over "x", then Enter.
    child.stdin.write('who is jess phillipsx\x7f\r');
    await waitFor(() => prompts() >= 2);
    // The up arrow brings the last question back.
    child.stdin.write('\x1b[A\r');
    await waitFor(() => prompts() >= 3);
    child.stdin.write('\x04');
    expect(await exited).toBe(0);
    expect(screen.match(/The story describes Jess Phillips/g)).toHaveLength(2);
    expect(screen).toContain('paragraph 3: ');
  });

  it('runs as npm start does with no platform tokens, reading questions from stdin', async () => {
    const { code, stdout } = await runTs('src/index.ts', [], { input: 'who is the health secretary\n', env: { DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' } });
    expect(code).toBe(0);
    expect(stdout).toContain('Wes Streeting');
    expect(stdout).toContain('paragraph 4: ');
    // Piped, it is plain: no prompt and no terminal control codes.
    expect(stdout).not.toContain('storybot> ');
    expect(stdout).not.toContain('\x1b');
  });
});
