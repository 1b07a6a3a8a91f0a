import { readFileSync } from 'node:fs';
import dotenv from 'dotenv';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, parseConfig, SECRET_VARIABLES } from '../src/config.js';
import { runTs } from './helpers/run-node.js';

const problemsOf = (env: NodeJS.ProcessEnv) => {
  const parsed = parseConfig(env);
  return parsed.ok ? [] : parsed.problems;
};

describe('the configuration', () => {
  it.each([
    ['KNOWLEDGE_WATCH', 'sometimes', 'must be true or false'],
    ['LOG_PRETTY', 'pretty-please', 'must be true or false'],
    ['LOG_LEVEL', 'loud', 'must be one of fatal, error, warn, info, debug, trace, silent'],
    ['QUESTION_LOG', 'maybe', 'must be "on" or "off"'],
    ['QUESTION_LOG_DAYS', '0', 'must be greater than 0'],
    ['OPS_PORT', 'ninety', 'must be a number'],
    ['OPS_PORT', '65536', 'must be a port from 0 to 65535'],
    ['SLACK_PORT', '0', 'must be a port from 1 to 65535'],
    ['RATE_LIMIT_QUESTIONS', '2.5', 'must be a whole number'],
    ['RATE_LIMIT_WINDOW_SECONDS', '-30', 'must be greater than 0'],
    ['SHUTDOWN_TIMEOUT_MS', 'soon', 'must be a number'],
    ['DISCORD_APPLICATION_ID', 'storybot', 'must be a Discord id (digits only)'],
    ['SLACK_ANSWER_VISIBILITY', 'public', 'must be "ephemeral" or "in_channel"'],
    ['ADMIN_TOKEN', 'short', 'must be at least 16 characters (a long random string)'],
    ['ADMIN_TOKEN', 'a-long-random-admin token', 'must be letters, digits and punctuation only, without spaces (it is sent in an HTTP header)'],
    ['ADMIN_TOKEN', ' a-long-random-admin-token', 'must be letters, digits and punctuation only, without spaces (it is sent in an HTTP header)'],
    ['ADMIN_TOKEN', 'a-long-random-admin-token\t', 'must be letters, digits and punctuation only, without spaces (it is sent in an HTTP header)'],
    ['ADMIN_TOKEN', 'a-long-random-admin-tökén', 'must be letters, digits and punctuation only, without spaces (it is sent in an HTTP header)'],
    ['DISCORD_SHARDS', 'many', 'must be "auto" or a whole number of shards greater than 0'],
    ['DISCORD_SHARDS', '0', 'must be "auto" or a whole number of shards greater than 0'],
    ['DISCORD_SHARDS', '1.5', 'must be "auto" or a whole number of shards greater than 0'],
    ['DISCORD_HTTP_PORT', '70000', 'must be a port from 0 to 65535'],
  ])('names %s when it is %j: "%s"', (variable, value, message) => {
    expect(problemsOf({ [variable]: value })).toEqual([`${variable}: ${message}`]);
  });

  it.each([
    [{}, '0.0.0.0'],
    [{ SLACK_HOST: '127.0.0.1' }, '127.0.0.1'],
  ])('listens for Slack in HTTP mode on SLACK_HOST, every interface by default: %j', (env, host) => {
    const parsed = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', ...env });
    expect(parsed.ok && parsed.config.slack?.host).toBe(host);
  });

  it('reports every problem at once, the settings that go together included', () => {
    const problems = problemsOf({ DISCORD_TOKEN: 'abc', OPS_PORT: 'x', RATE_LIMIT_QUESTIONS: '0', SLACK_APP_TOKEN: 'xapp-1', LOG_PRETTY: 'perhaps' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DISCORD_APPLICATION_ID', 'LOG_PRETTY', 'OPS_PORT', 'RATE_LIMIT_QUESTIONS', 'SLACK_BOT_TOKEN'].sort());
  });

  it('never repeats a value in a problem, so a secret set wrongly does not reach the terminal or a log', () => {
    const marker = (name: string) => `leak-marker-${name.toLowerCase()}`;
    const everythingWrong = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, marker(name)]));
    const problems = problemsOf(everythingWrong).join('\n');
    for (const name of CONFIG_VARIABLES) expect(problems).not.toContain(marker(name));
    // Enough of them were wrong for the check to mean something.
    expect(problems.split('\n').length).toBeGreaterThanOrEqual(12);
  });

  const KEY = 'a'.repeat(64);
  it.each([
    ['the gateway, with DISCORD_TOKEN', { DISCORD_TOKEN: 'abc', DISCORD_APPLICATION_ID: '1' }, { mode: 'gateway', token: 'abc', shards: 'auto' }],
    ['two shards', { DISCORD_TOKEN: 'abc', DISCORD_APPLICATION_ID: '1', DISCORD_SHARDS: '2' }, { mode: 'gateway', token: 'abc', shards: 2 }],
    ['HTTP interactions, with DISCORD_PUBLIC_KEY and no token', { DISCORD_PUBLIC_KEY: KEY, DISCORD_APPLICATION_ID: '1' }, { mode: 'http', publicKey: KEY, host: '0.0.0.0', port: 3001 }],
    ['HTTP interactions even beside a token, kept for deploy:discord', { DISCORD_PUBLIC_KEY: KEY.toUpperCase(), DISCORD_TOKEN: 'abc', DISCORD_APPLICATION_ID: '1', DISCORD_HTTP_HOST: '127.0.0.1', DISCORD_HTTP_PORT: '0' }, { mode: 'http', publicKey: KEY, host: '127.0.0.1', port: 0 }],
  ])('takes Discord through %s', (_, env, transport) => {
    expect(parseConfig(env)).toMatchObject({ ok: true, config: { discord: { applicationId: '1', transport } } });
  });

  it.each([
    [{ DISCORD_PUBLIC_KEY: 'not-a-key', DISCORD_APPLICATION_ID: '1' }, 'DISCORD_PUBLIC_KEY: must be the 64 hexadecimal characters of the Public Key (General Information)'],
    [{ DISCORD_PUBLIC_KEY: KEY }, 'DISCORD_APPLICATION_ID: is required when DISCORD_PUBLIC_KEY is set'],
  ])('refuses %j: "%s"', (env, problem) => {
    expect(problemsOf(env)).toEqual([problem]);
  });

  it('treats an empty line in .env as unset, and gives the defaults', () => {
    const parsed = parseConfig({ DISCORD_TOKEN: '', OPS_PORT: ' ', SLACK_BOT_TOKEN: '' });
    expect(parsed).toMatchObject({ ok: true, config: { ops: { host: '127.0.0.1', port: 9091 }, rateLimit: { questions: 5, windowSeconds: 30 }, shutdownTimeoutMs: 10_000 } });
    if (parsed.ok) expect(parsed.config.discord ?? parsed.config.slack).toBeUndefined();
  });

  it.each([
    ['REDIS_URL', 'localhost:6379', 'must be a redis:// or rediss:// URL'],
    ['DATABASE_URL', 'mysql://storybot:pw@db/storybot', 'must be a postgres:// or postgresql:// URL'],
  ])('names %s when it is %j: "%s"', (variable, value, message) => {
    expect(problemsOf({ [variable]: value, USER_HASH_SECRET: 'shared-key' })).toEqual([`${variable}: ${message}`]);
  });

  it.each([['REDIS_URL', 'redis://127.0.0.1:6379'], ['DATABASE_URL', 'postgres://storybot:pw@127.0.0.1/storybot']])(
    'asks for USER_HASH_SECRET with %s, so that every replica hashes a person alike',
    (variable, url) => {
      expect(problemsOf({ [variable]: url })).toEqual(['USER_HASH_SECRET: is required when REDIS_URL or DATABASE_URL is set, the same on every replica']);
      expect(parseConfig({ [variable]: url, USER_HASH_SECRET: 'shared-key' }).ok).toBe(true);
    },
  );

  it('accepts OPS_PORT=0, for a port the system picks', () => {
    expect(parseConfig({ OPS_PORT: '0' })).toMatchObject({ ok: true, config: { ops: { port: 0 } } });
  });

  it('has .env.example document every variable it reads, and nothing else', () => {
    const documented = Object.keys(dotenv.parse(readFileSync('.env.example', 'utf8')));
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort());
    for (const secret of SECRET_VARIABLES) expect(CONFIG_VARIABLES).toContain(secret);
  });

  it('has .env.example give the defaults: copied as it is, it configures what no .env at all does', () => {
    const example = parseConfig(dotenv.parse(readFileSync('.env.example', 'utf8')));
    expect(example.ok).toBe(true);
    expect(example).toEqual(parseConfig({}));
  });
});

describe('npm start with several wrong settings', () => {
  it('prints every problem at once, naming each variable and no secret, and exits 2', async () => {
    const secrets = { DISCORD_TOKEN: 'discord-secret-marker', SLACK_BOT_TOKEN: 'slack-secret-marker-without-prefix', SLACK_SIGNING_SECRET: 'signing-secret-marker' };
    const run = await runTs('src/index.ts', [], { env: { ...secrets, SLACK_APP_TOKEN: '', DISCORD_APPLICATION_ID: '', OPS_PORT: 'ninety', RATE_LIMIT_WINDOW_SECONDS: '0' } });
    expect(run.code).toBe(2);
    for (const variable of ['DISCORD_APPLICATION_ID', 'SLACK_BOT_TOKEN', 'OPS_PORT', 'RATE_LIMIT_WINDOW_SECONDS']) expect(run.stderr).toMatch(new RegExp(`^  ${variable}: `, 'm'));
    for (const value of Object.values(secrets)) expect(run.stdout + run.stderr).not.toContain(value);
  });
});
