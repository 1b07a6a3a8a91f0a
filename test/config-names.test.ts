// A misspelt setting is warned about at start, with the name it was meant to be and never
// its value; the tools that hash no user id start without a hashing key.
import { describe, expect, it } from 'vitest';
import { unknownSettings } from '../src/config-names.js';
import { parseConfig } from '../src/config.js';
import { runTs } from './helpers/run-node.js';

describe('misspelt settings', () => {
  it('are named with the setting meant', () => {
    expect(unknownSettings({ DISCORD_TOKN: 'x', SLAK_BOT_TOKEN: 'x', log_level: 'info', KNOWLEDGE_DIRR: 'k' })).toEqual([
      'DISCORD_TOKN is not a StoryBot setting, so it is ignored; did you mean DISCORD_TOKEN?',
      'SLAK_BOT_TOKEN is not a StoryBot setting, so it is ignored; did you mean SLACK_BOT_TOKEN?',
      'log_level is not a StoryBot setting, so it is ignored; did you mean LOG_LEVEL?',
      'KNOWLEDGE_DIRR is not a StoryBot setting, so it is ignored; did you mean KNOWLEDGE_DIR?',
    ]);
  });

  it('leave the rest of the environment alone', () => {
    expect(unknownSettings({ PATH: '/usr/bin', HOME: '/root', DISCORD_TOKEN: 'x', NODE_OPTIONS: '', HOSTNAME: 'vm', npm_config_cache: '/tmp' })).toEqual([]);
  });

  it('are warned about by npm start, without the value', { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await runTs('src/index.ts', [], { input: 'who is jess phillips\n', env: { DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', DISCORD_TOKN: 'very-secret-token-value' } });
    expect(code).toBe(0);
    expect(stderr).toContain('Warning: DISCORD_TOKN is not a StoryBot setting, so it is ignored; did you mean DISCORD_TOKEN?');
    expect(stderr + stdout).not.toContain('very-secret-token-value');
    expect(stdout).toContain('Jess Phillips');
  });
});

describe('the hashing key', () => {
  it('is required with DATABASE_URL, except by a tool that hashes nothing', () => {
    const env = { DATABASE_URL: 'postgres://storybot@127.0.0.1:5432/storybot' };
    expect(parseConfig(env)).toEqual({ ok: false, problems: [expect.stringContaining('USER_HASH_SECRET: is required')] });
    expect(parseConfig(env, { hashing: false }).ok).toBe(true);
  });
});
