// A production install as a VM or systemd would have it: the project's files, its
// node_modules without development dependencies (no tsx), built by npm's prepare step.
// `npm start` answers a piped question and the tools run, all from the compiled code.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = process.cwd();
let folder = '';

/** Only what a person's environment would hold: nothing of npm's own run, no platform tokens. */
const env = (dir: string): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', DATA_DIR: path.join(dir, 'data') });

function npm(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd: folder, env: env(folder), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'storybot-production-'));
  // The files a clone would have (committed or about to be), not the built or installed ones.
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(path.join(ROOT, file))) continue;
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(folder, file));
  }
  // Hard links: quick, and pruning unlinks in the copy only. npm rewrites its hidden lockfile
  // in place, so that one file is left out rather than shared.
  try {
    execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(folder, 'node_modules')]);
  } catch {
    // Another file system (a tmpfs /tmp) cannot take hard links: copy instead.
    rmSync(path.join(folder, 'node_modules'), { recursive: true, force: true });
    execFileSync('cp', ['-a', path.join(ROOT, 'node_modules'), path.join(folder, 'node_modules')]);
  }
  rmSync(path.join(folder, 'node_modules', '.package-lock.json'), { force: true });
}, 120_000);
afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('a production install (npm ci --omit=dev)', () => {
  it('has no tsx, compiles at prepare, and npm start answers a piped question from dist/', async () => {
    const pruned = await npm(['prune', '--omit=dev', '--ignore-scripts', '--offline', '--no-audit', '--no-fund']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(existsSync(path.join(folder, 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(path.join(folder, 'node_modules', 'vitest'))).toBe(false);
    // npm ci runs the project's prepare step after installing, --omit=dev or not.
    const prepared = await npm(['run', 'prepare']);
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(existsSync(path.join(folder, 'dist', 'src', 'index.js'))).toBe(true);

    const started = await npm(['start', '--silent'], 'Who is Tommy Robinson?\n');
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(started.stdout).toContain('paragraph 13: “Stephen Yaxley-Lennon, the founder of the far-right English Defence League');
  }, 180_000);

  it('runs the tools from dist/ as well', async () => {
    const validated = await npm(['run', '--silent', 'validate']);
    expect(validated.code, validated.stderr).toBe(0);
    expect(validated.stdout).toMatch(/knowledge: OK\. \d+ entries/);
    const asked = await npm(['run', '--silent', 'ask', '--', 'who is tommy robinson']);
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).toContain('Tommy Robinson');
  }, 60_000);

  it('compiles on first start when dist/ is missing and tsx is not installed', async () => {
    rmSync(path.join(folder, 'dist'), { recursive: true, force: true });
    const checked = await npm(['run', '--silent', 'healthcheck', '--', '--help']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('usage: npm run healthcheck');
    expect(existsSync(path.join(folder, 'dist', 'src', 'cli', 'healthcheck.js'))).toBe(true);
  }, 120_000);
});
