// `npm start` as a process manager runs it: SIGTERM goes to the pid it started, npm's, and
// every process under it must stop within the shutdown deadline. With a process in between
// that did not pass the signal on (tsx's launcher, or the shell npm runs scripts in), npm
// exited at once and left the bot running.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DEFAULTS } from '../../src/app.js';
import { freePort } from '../helpers/long-running.js';
import { startWebApi } from '../helpers/slack-stand-in/web-api.js';
import { startWholeBot, UNSET } from '../helpers/whole-bot.js';

/** Every process under `pid`, found through /proc (Linux), with its command line. */
async function descendants(pid: number): Promise<{ pid: number; cmd: string }[]> {
  const parents = new Map<number, number[]>();
  const commands = new Map<number, string>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const parent = Number(/\) \S+ (\d+)/.exec(stat)?.[1]);
    if (!parent) continue;
    parents.set(parent, [...(parents.get(parent) ?? []), Number(name)]);
    commands.set(Number(name), (await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ').trim());
  }
  const found: { pid: number; cmd: string }[] = [];
  for (let pending = [...(parents.get(pid) ?? [])], next = pending.shift(); next !== undefined; next = pending.shift()) {
    found.push({ pid: next, cmd: commands.get(next) ?? '' });
    pending.push(...(parents.get(next) ?? []));
  }
  return found;
}

/** Whether the process still runs (a zombie waiting to be reaped has stopped). */
async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat !== undefined && /\) (\S)/.exec(stat)?.[1] !== 'Z';
}

describe('npm start, stopped the way a process manager stops it', () => {
  it('stops every process it started when npm is sent SIGTERM, and the bot shuts down gracefully', { timeout: 90_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-data-'));
    const npm = spawn('npm', ['start'], { env: { ...process.env, ...UNSET, LOG_LEVEL: 'info', DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '2000' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    npm.stdout.on('data', (chunk) => (stdout += chunk));
    npm.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = once(npm, 'exit');
    let tree: { pid: number; cmd: string }[] = [];
    try {
      while (!stdout.includes('ask about the story')) {
        if (npm.exitCode !== null) throw new Error(`npm start exited early:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      tree = await descendants(npm.pid!);
      expect(tree.some((p) => p.cmd.includes('src/index.ts'))).toBe(true);

      npm.kill('SIGTERM');
      await exited;
      const left: string[] = [];
      for (const p of tree) if (await running(p.pid)) left.push(`${p.pid} ${p.cmd}`);
      expect(left).toEqual([]);
      // The bot itself got the signal: it shut down as it does on SIGTERM, not by being killed.
      expect(stderr).toContain('"msg":"stopped"');
    } finally {
      // Whatever is left, orphaned or not, is ended so it does not outlive the test.
      for (const p of tree) if (await running(p.pid)) process.kill(p.pid, 'SIGKILL');
      npm.kill('SIGKILL');
    }
  });
});

describe('shutdown, whatever is stuck', () => {
  const timeoutMs = 500;
  const deadline = timeoutMs + APP_DEFAULTS.disconnectTimeoutMs + APP_DEFAULTS.shutdownMarginMs;
  it(`exits within SHUTDOWN_TIMEOUT_MS plus ${(deadline - timeoutMs) / 1000} s even when start-up never finishes (Slack never answering auth.test)`, { timeout: deadline + 30_000 }, async () => {
    const api = await startWebApi();
    const held = api.holdNext('auth.test');
    const bot = await startWholeBot({ SLACK_BOT_TOKEN: 'xoxb-stuck', SLACK_SIGNING_SECRET: 'stuck', SLACK_PORT: String(await freePort()), SLACK_API_URL: api.url, SHUTDOWN_TIMEOUT_MS: String(timeoutMs) });
    try {
      await held.reached;
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(1);
      expect(await bot.logged('shutdown did not finish in time; exiting without it')).toMatchObject({ level: 50, deadlineMs: deadline });
    } finally {
      bot.child.kill('SIGKILL');
      held.release();
      await api.close();
    }
  });
});
