// What a careless admin can leave in the knowledge folder, at the bot as npm start runs it
// and at the commands an admin runs: a link to the root of the disk, a FIFO where a file
// should be, more files than any knowledge base has, a reload that takes too long. Each is
// reported by name, the bot keeps serving what it had, and it still stops when told to.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { syntheticEntries } from '../../bench/synthetic.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { KNOWLEDGE_LIMITS } from '../../src/core/knowledge/files.js';
import { copyOfRealKnowledge, SOURCE_ID } from '../helpers/knowledge-dir.js';
import { runTs, startTs, type RunningChild } from '../helpers/run-node.js';

let bot: RunningChild | undefined;
afterEach(() => {
  bot?.child.kill('SIGKILL');
  bot = undefined;
});

const ROBINSON_QUOTE = 'Stephen Yaxley-Lennon, the founder of the far-right English Defence League';

async function startBot(knowledge: string, env: NodeJS.ProcessEnv = {}): Promise<RunningChild> {
  const started = startTs('src/index.ts', { env: { KNOWLEDGE_DIR: knowledge, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', ...env } });
  await started.waitForOutput(/ask about the story/);
  return started;
}

/** Types a line at the console and waits for what it prints in reply to match. */
async function type(running: RunningChild, line: string, expected: RegExp): Promise<string> {
  const before = running.stdout().length;
  running.child.stdin.write(`${line}\n`);
  while (!expected.test(running.stdout().slice(before))) {
    if (running.child.exitCode !== null) throw new Error(`the bot exited; it printed:\n${running.stdout().slice(before)}\n${running.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return running.stdout().slice(before);
}

const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

describe('a link out of the knowledge folder', () => {
  it('stops npm start and npm run validate with its name, without walking what it points to', async () => {
    const knowledge = await copyOfRealKnowledge();
    await symlink('/', path.join(knowledge, 'entries', 'archive'));
    const start = await runTs('src/index.ts', [], { env: { KNOWLEDGE_DIR: knowledge, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' } });
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/StoryBot cannot start; the knowledge base has problems:\n\s+error \S+\/entries\/archive is a link to \/, outside the knowledge folder/);
    const validate = await runTs('src/cli/validate.ts', [], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain('entries/archive is a link to /, outside the knowledge folder');
  });

  it('fails a /reload, which names it, and the bot goes on answering from the files it had', async () => {
    const knowledge = await copyOfRealKnowledge();
    bot = await startBot(knowledge);
    await symlink('/', path.join(knowledge, 'entries', 'archive'));
    const report = await type(bot, '/reload', /Reload failed[^\n]*\n[^\n]*\n/);
    expect(report).toContain('entries/archive is a link to /, outside the knowledge folder');
    expect(await type(bot, 'Who is Tommy Robinson?', /as of 2025-01-03/)).toContain(ROBINSON_QUOTE);
  });
});

describe('a FIFO in the knowledge folder', () => {
  it('is named by npm run reload instead of blocking the reload, later reloads still run, and SIGTERM still stops the bot', { timeout: 90_000 }, async () => {
    const knowledge = await copyOfRealKnowledge();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-data-'));
    bot = await startBot(knowledge, { DATA_DIR: dataDir });
    mkfifo(path.join(knowledge, 'entries', 'pipe.yaml'));
    const first = await runTs('src/cli/reload.ts', [], { env: { KNOWLEDGE_DIR: knowledge, DATA_DIR: dataDir } });
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/Reload failed.*\n.*entries\/pipe\.yaml is a FIFO \(named pipe\), not a regular file/);

    // The story text itself replaced by a FIFO: the next reload is not stuck behind the first.
    await rm(path.join(knowledge, 'entries', 'pipe.yaml'));
    await rm(path.join(knowledge, 'sources', `${SOURCE_ID}.txt`));
    mkfifo(path.join(knowledge, 'sources', `${SOURCE_ID}.txt`));
    const second = await runTs('src/cli/reload.ts', [], { env: { KNOWLEDGE_DIR: knowledge, DATA_DIR: dataDir } });
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(`names a story file that is a FIFO (named pipe), not a regular file`);
    expect(await type(bot, 'Who is Tommy Robinson?', /as of 2025-01-03/)).toContain(ROBINSON_QUOTE);

    bot.child.kill('SIGTERM');
    const { code } = await bot.finish();
    expect(code).toBe(0);
  });
});

describe('a knowledge folder larger than any knowledge base', () => {
  it(`is refused past ${KNOWLEDGE_LIMITS.maxFiles.toLocaleString('en')} files, saying so, before reading them all`, async () => {
    const knowledge = await copyOfRealKnowledge();
    const dump = path.join(knowledge, 'entries', 'dump');
    await mkdir(dump);
    for (let i = 0; i <= KNOWLEDGE_LIMITS.maxFiles; i++) await writeFile(path.join(dump, `${String(i).padStart(5, '0')}.yaml`), '');
    const validate = await runTs('src/cli/validate.ts', [], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(`is one file more than the ${KNOWLEDGE_LIMITS.maxFiles.toLocaleString('en')} a knowledge base may have`);
  });
});

describe('a reload that takes longer than KNOWLEDGE_LOAD_TIMEOUT_MS', () => {
  it('fails saying so, and the bot goes on answering from the knowledge base it had', { timeout: 90_000 }, async () => {
    const knowledge = await copyOfRealKnowledge();
    // The story's own base loads in about a second; ten thousand entries take several.
    bot = await startBot(knowledge, { KNOWLEDGE_LOAD_TIMEOUT_MS: '4000' });
    const loaded = await loadKnowledge(knowledge);
    if (!loaded.ok) throw new Error('the copy of the knowledge base does not load');
    const entries = syntheticEntries(10_000, loaded.knowledge.sources.get(SOURCE_ID)!);
    for (let i = 0; i < entries.length; i += 500) {
      const chunk = entries.slice(i, i + 500).map(({ origin: _origin, related: _related, ...e }) => e);
      await writeFile(path.join(knowledge, 'entries', `synthetic-${i}.yaml`), stringify(chunk));
    }
    const report = await type(bot, '/reload', /Reload failed[^\n]*\n[^\n]*\n/);
    expect(report).toMatch(/was not loaded within 4 s \(a file that cannot be read, or a very slow disk\), so the load was given up/);
    expect(await type(bot, 'Who is Tommy Robinson?', /as of 2025-01-03/)).toContain(ROBINSON_QUOTE);
  });
});
