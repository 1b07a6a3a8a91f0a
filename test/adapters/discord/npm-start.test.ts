// The whole bot, started as `npm start` starts it, against the local Discord, over the
// gateway and over HTTP interactions.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import { MEMBER, PERMISSIONS, startDiscordStandIn, type DiscordStandIn } from '../../helpers/discord-stand-in/index.js';
import { startTs, type Background } from '../../helpers/background-node.js';
import { runTs } from '../../helpers/run-node.js';
import { freePort } from '../../helpers/long-running.js';
import { startWholeBot, UNSET, type WholeBot } from '../../helpers/whole-bot.js';

let standIn: DiscordStandIn | undefined;
let bot: Background | undefined;
afterEach(async () => {
  await bot?.stop('SIGKILL');
  await standIn?.close();
  bot = standIn = undefined;
});

describe('npm start with DISCORD_TOKEN', () => {
  it('answers /ask with an embed quoting paragraph 13, refuses /reload to a member with permissions 0, survives a malformed event, and stops cleanly', async () => {
    standIn = await startDiscordStandIn({ token: 'x', applicationId: '1' });
    bot = startTs('src/index.ts', { DISCORD_TOKEN: 'x', DISCORD_PUBLIC_KEY: '', DISCORD_APPLICATION_ID: '1', DISCORD_API_URL: standIn.apiUrl, DISCORD_GUILD_ID: '', SLACK_BOT_TOKEN: '', KNOWLEDGE_DIR: 'knowledge' });
    const running = bot;
    // Fails at once, with what the bot printed, if it exits instead of answering.
    const unlessExited = <T>(work: Promise<T>) =>
      Promise.race([
        work,
        running.exited.then((code): never => {
          throw new Error(`npm start exited with ${code}:\n${running.output().stderr}`);
        }),
      ]);
    const ask = async (question: string) => unlessExited((await unlessExited(standIn!.slash('ask', { question }))).reply());

    const answer = await ask('Who is Tommy Robinson?');
    expect(answer.message.embeds[0].fields[0]).toEqual({
      name: 'paragraph 13 · 2025-01-03',
      value: '> Stephen Yaxley-Lennon, the founder of the far-right English Defence League, who is better known as Tommy Robinson',
    });

    const refused = await unlessExited(standIn.slash('reload', {}, { ...MEMBER, permissions: PERMISSIONS.none }).then((e) => e.reply()));
    expect(refused).toMatchObject({ ephemeral: true, message: { content: MESSAGES.notAdmin } });

    // A malformed interaction (neither member nor user) trips discord.js itself; the bot logs it and carries on.
    await standIn.gateway.dispatch('INTERACTION_CREATE', { id: '5', type: 2, token: 'malformed', application_id: '1', data: { name: 'ask', type: 1 } });
    const again = await ask('Who is Jess Phillips?');
    expect(again.message.embeds).toHaveLength(1);

    expect(standIn.state.requests[0]).toMatchObject({ method: 'GET', route: '/gateway/bot', authorization: 'Bot x' });
    expect(standIn.state.rejections).toEqual([]);
    expect(await bot.stop('SIGTERM')).toBe(0);
    expect(bot.output().stdout).toBe('');
    expect(bot.output().stderr).toContain('unhandled rejection');
  });

  it.each([
    [{ DISCORD_APPLICATION_ID: '' }, 'DISCORD_APPLICATION_ID: is required when DISCORD_TOKEN is set'],
    [{ DISCORD_APPLICATION_ID: 'my-app' }, 'DISCORD_APPLICATION_ID: must be a Discord id (digits only)'],
    [{ DISCORD_APPLICATION_ID: '1', DISCORD_GUILD_ID: 'my-server' }, 'DISCORD_GUILD_ID: must be a Discord id (digits only)'],
    [{ DISCORD_APPLICATION_ID: '1', DISCORD_API_URL: 'ftp://127.0.0.1/api' }, 'DISCORD_API_URL: must be an http:// or https:// URL'],
  ])('refuses to start with %j, naming the variable and never the token', async (settings, problem) => {
    const run = await runTs('src/index.ts', [], { env: { DISCORD_TOKEN: 'secret-token-value', DISCORD_PUBLIC_KEY: '', DISCORD_GUILD_ID: '', DISCORD_API_URL: '', SLACK_BOT_TOKEN: '', ...settings } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(problem);
    expect(run.stdout + run.stderr).not.toContain('secret-token-value');
  });

  it('refuses to start when Discord rejects the token, saying so without printing it', async () => {
    standIn = await startDiscordStandIn({ token: 'x', applicationId: '1' });
    const run = await runTs('src/index.ts', [], { env: { DISCORD_TOKEN: 'wrong-secret-token', DISCORD_PUBLIC_KEY: '', DISCORD_APPLICATION_ID: '1', DISCORD_API_URL: standIn.apiUrl, DISCORD_GUILD_ID: '', SLACK_BOT_TOKEN: '', LOG_LEVEL: 'trace' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('rejected DISCORD_TOKEN');
    expect(run.stdout + run.stderr).not.toContain('wrong-secret-token');
  });
});

describe('npm start with DISCORD_PUBLIC_KEY', () => {
  let whole: WholeBot | undefined;
  afterEach(async () => {
    whole?.child.kill('SIGKILL');
    await whole?.exited;
    whole = undefined;
  });

  it('takes signed interactions on DISCORD_HTTP_PORT and never opens the gateway, is ready, and stops cleanly', async () => {
    standIn = await startDiscordStandIn({ token: 'x', applicationId: '1' });
    const port = await freePort();
    whole = await startWholeBot({ DISCORD_PUBLIC_KEY: standIn.publicKey, DISCORD_APPLICATION_ID: '1', DISCORD_API_URL: standIn.apiUrl, DISCORD_HTTP_HOST: '127.0.0.1', DISCORD_HTTP_PORT: String(port) });
    expect(await whole.logged('discord listening for HTTP interactions')).toMatchObject({ host: '127.0.0.1', port, path: '/discord/interactions' });
    await whole.logged('adapter started');
    standIn.deliverOverHttp(`http://127.0.0.1:${port}/discord/interactions`);

    const exchange = await standIn.slash('ask', { question: 'Who is Tommy Robinson?' });
    expect(exchange.http?.status).toBe(200);
    expect((await exchange.reply()).message.embeds[0].fields[0].name).toBe('paragraph 13 · 2025-01-03');
    const ready = await fetch(`${whole.ops}/readyz`);
    expect(ready.status).toBe(200);
    const body = await ready.json();
    expect(body).toMatchObject({ ready: true, adapters: { discord: true } });
    expect(body).not.toHaveProperty('shards');

    expect(standIn.gateway.stats.connections).toBe(0);
    expect(standIn.state.requests).toEqual([]);
    expect(standIn.state.rejections).toEqual([]);
    whole.child.kill('SIGTERM');
    expect(await whole.exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/discord/interactions`, { method: 'POST' })).rejects.toThrow();
  });

  it('refuses to start when its port is taken, naming the settings to change', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const run = await runTs('src/index.ts', [], { env: { ...UNSET, DISCORD_PUBLIC_KEY: 'ab'.repeat(32), DISCORD_APPLICATION_ID: '1', DISCORD_HTTP_HOST: '127.0.0.1', DISCORD_HTTP_PORT: String(port), OPS_PORT: '0' } });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Cannot listen for Discord's HTTP interactions on 127.0.0.1:${port} (EADDRINUSE). Set DISCORD_HTTP_HOST and DISCORD_HTTP_PORT to a free address.`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
