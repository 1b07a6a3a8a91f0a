import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PID_FILE } from '../../src/ops/reload-control.js';
import { copyOfRealKnowledge, entryYaml } from '../helpers/knowledge-dir.js';
import { runTs, startTs, type RunningChild } from '../helpers/run-node.js';
import { MESSAGES } from '../../src/core/wording/messages.js';

let bot: RunningChild | undefined;
afterEach(() => {
  bot?.child.kill('SIGKILL');
  bot = undefined;
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 300) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm run reload', () => {
  it('says no bot is running, and how to check the files without one', async () => {
    const { code, stderr, stdout } = await runTs('src/cli/reload.ts', [], { env: { DATA_DIR: await mkdtemp(path.join(tmpdir(), 'storybot-data-')) } });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Cannot reload: no StoryBot is running .*\n.*npm run validate/);
  });

  // Starts the real bot and two CLI runs: generous, for a busy machine.
  it('makes the running bot reload, prints the report, and the bot answers from the new files', { timeout: 90_000 }, async () => {
    const knowledge = await copyOfRealKnowledge();
    const env = { KNOWLEDGE_DIR: knowledge, DATA_DIR: await mkdtemp(path.join(tmpdir(), 'storybot-data-')) };
    bot = startTs('src/index.ts', { env });
    await until(() => existsSync(path.join(env.DATA_DIR, PID_FILE)), 'the bot to write its pid file');

    await writeFile(path.join(knowledge, 'entries', 'extra.yaml'), entryYaml('reloaded-entry', 'What did the reload bring in?'));
    const good = await runTs('src/cli/reload.ts', [], { env });
    expect(good.stdout).toMatch(/^Reloaded: \d+ entries/);
    expect(good.stdout).toContain(MESSAGES.reloadChanges('added', ['reloaded-entry']));
    expect(good.code).toBe(0);

    await writeFile(path.join(knowledge, 'entries', 'extra.yaml'), '- id: [broken\n');
    const bad = await runTs('src/cli/reload.ts', [], { env });
    expect(bad.stdout).toContain('Reload failed; still serving the previous knowledge base');
    expect(bad.stdout).toContain('extra.yaml');
    expect(bad.code).toBe(1);

    bot.child.stdin.write('What did the reload bring in?\n');
    await bot.waitForOutput(/Some answer\./);
    const { code } = await bot.finish();
    expect(code).toBe(0);
    expect(existsSync(path.join(env.DATA_DIR, PID_FILE))).toBe(false);
  });
});
