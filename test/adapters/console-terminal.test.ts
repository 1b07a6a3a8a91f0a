// The console as a person sees it on a real terminal (tmux): words wrapped at the window's
// width, no log line on the screen whatever LOG_LEVEL says, reload notices above the prompt,
// and Ctrl-C clearing a line, then leaving when pressed twice.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';
import { startInTmux, type TmuxSession } from '../helpers/tmux.js';

let session: TmuxSession | undefined;
let dataDir = '';
afterEach(async () => {
  await session?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  session = undefined;
});

const PROMPT = 'storybot>';
const lastLine = (screen: string[]) => screen.filter((l) => l.trim()).at(-1) ?? '';

async function startConsole(width: number, env: NodeJS.ProcessEnv = {}): Promise<TmuxSession> {
  dataDir = mkdtempSync(path.join(tmpdir(), 'storybot-tty-'));
  session = await startInTmux(`${process.execPath} scripts/launch.mjs src/index.ts`, {
    width,
    env: { DISCORD_TOKEN: '', DISCORD_PUBLIC_KEY: '', SLACK_BOT_TOKEN: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', COLUMNS: '', ...env },
  });
  await session.waitFor((s) => lastLine(s).startsWith(PROMPT), 'the prompt');
  return session;
}

describe('the console on a terminal', () => {
  it.each([80, 120])('wraps between words at %i columns', { timeout: 60_000 }, async (width) => {
    const tty = await startConsole(width);
    await tty.type('Who is Tommy Robinson?');
    await tty.keys('Enter');
    const screen = await tty.waitFor((s) => s.some((l) => l.includes('Related questions')), 'the answer');
    expect(Math.max(...screen.map((l) => l.length))).toBeLessThanOrEqual(width);
    expect(screen.some((l) => l.length > width - 15)).toBe(true);
    // Rejoined at the line ends, the answer reads as written: no word was cut in two.
    const store = await KnowledgeStore.open(REAL_KNOWLEDGE);
    const answer = store.current().index.entry('who-is-tommy-robinson')!.answer;
    expect(screen.join(' ').replace(/\s+/g, ' ')).toContain(answer);
  });

  it('keeps log lines off the screen, in DATA_DIR/console.log, even at LOG_LEVEL=info', { timeout: 60_000 }, async () => {
    const tty = await startConsole(100, { LOG_LEVEL: 'info' });
    await tty.type('who is jess phillips');
    await tty.keys('Enter');
    const screen = await tty.waitFor((s) => s.filter((l) => l.startsWith(PROMPT)).length >= 2, 'the answer and the next prompt');
    expect(screen.join('\n')).not.toContain('"level"');
    expect(screen.join('\n')).toContain('Jess Phillips');
    const log = readFileSync(path.join(dataDir, 'console.log'), 'utf8');
    expect(log).toContain('"msg":"knowledge loaded"');
    expect(log).not.toContain('jess phillips');
  });

  it('prints a reload notice above the prompt, keeping what was half typed', { timeout: 60_000 }, async () => {
    const tty = await startConsole(100);
    await tty.type('who is');
    await tty.waitFor((s) => lastLine(s) === `${PROMPT} who is`, 'the typed words');
    const pidFile = path.join(dataDir, 'storybot.pid');
    await tty.waitFor(() => existsSync(pidFile), 'the pid file');
    process.kill((JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number }).pid, 'SIGHUP');
    const screen = await tty.waitFor((s) => s.some((l) => l.startsWith('Reloaded:')), 'the reload notice');
    expect(screen.find((l) => l.includes('Reloaded:'))).toMatch(/^Reloaded: \d+ entries/);
    expect(lastLine(await tty.waitFor((s) => lastLine(s).startsWith(PROMPT), 'the prompt again'))).toBe(`${PROMPT} who is`);
    // The half-typed line is still there to finish.
    await tty.type(' jess phillips');
    await tty.keys('Enter');
    await tty.waitFor((s) => s.some((l) => l.includes('The story describes Jess Phillips')), 'the answer');
  });

  it('clears a half-typed line with Ctrl-C, and leaves on two in a row', { timeout: 60_000 }, async () => {
    const tty = await startConsole(100);
    await tty.type('half a question');
    await tty.waitFor((s) => lastLine(s) === `${PROMPT} half a question`, 'the typed words');
    await tty.keys('C-c');
    await tty.waitFor((s) => lastLine(s) === PROMPT, 'an empty prompt');
    expect(await tty.ended()).toBe(false);
    await tty.keys('C-c');
    await tty.waitFor((s) => s.some((l) => l.includes('Press Ctrl-C again to leave')), 'the hint');
    expect(await tty.ended()).toBe(false);
    await tty.keys('C-c');
    const deadline = Date.now() + 20_000;
    while (!(await tty.ended()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await tty.ended()).toBe(true);
  });
});
