// The whole bot, started as `npm start` starts it, against the local Discord: the issue's
// "done when".
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/core/messages.js';
import { MEMBER, PERMISSIONS, startDiscordStandIn, type DiscordStandIn } from '../../helpers/discord-stand-in/index.js';
import { startTs, type Background } from '../../helpers/background-node.js';
import { runTs } from '../../helpers/run-node.js';

let standIn: DiscordStandIn | undefined;
let bot: Background | undefined;
afterEach(async () => {
  await bot?.stop('SIGKILL');
  await standIn?.close();
  bot = standIn = undefined;
});

describe('npm start with DISCORD_TOKEN', () => {
  it('answers /ask with an embed quoting paragraph 13, refuses /reload to a member with permissions 0, and stops cleanly', async () => {
    standIn = await startDiscordStandIn({ token: 'x', applicationId: '1' });
    bot = startTs('src/index.ts', { DISCORD_TOKEN: 'x', DISCORD_APPLICATION_ID: '1', DISCORD_API_URL: standIn.apiUrl, DISCORD_GUILD_ID: '', SLACK_BOT_TOKEN: '', KNOWLEDGE_DIR: 'knowledge' });
    const running = bot;
    await Promise.race([
      standIn.gateway.ready(),
      running.exited.then((code) => {
        throw new Error(`npm start exited with ${code} before connecting:\n${running.output().stderr}`);
      }),
    ]);

    const answer = await (await standIn.slash('ask', { question: 'Who is Tommy Robinson?' })).reply();
    expect(answer.message.embeds[0].fields[0]).toEqual({
      name: '¶13 · 2025-01-03',
      value: '> Stephen Yaxley-Lennon, the founder of the far-right English Defence League, who is better known as Tommy Robinson',
    });

    const refused = await (await standIn.slash('reload', {}, { ...MEMBER, permissions: PERMISSIONS.none })).reply();
    expect(refused).toMatchObject({ ephemeral: true, message: { content: MESSAGES.notAdmin } });

    expect(standIn.state.requests[0]).toMatchObject({ method: 'GET', route: '/gateway/bot', authorization: 'Bot x' });
    expect(standIn.state.rejections).toEqual([]);
    expect(await bot.stop('SIGTERM')).toBe(0);
    expect(bot.output().stdout).toBe('');
  });

  it.each([
    [{ DISCORD_APPLICATION_ID: '' }, 'DISCORD_APPLICATION_ID: is required when DISCORD_TOKEN is set'],
    [{ DISCORD_APPLICATION_ID: 'my-app' }, 'DISCORD_APPLICATION_ID: must be a Discord id (digits only)'],
    [{ DISCORD_APPLICATION_ID: '1', DISCORD_GUILD_ID: 'my-server' }, 'DISCORD_GUILD_ID: must be a Discord id (digits only)'],
    [{ DISCORD_APPLICATION_ID: '1', DISCORD_API_URL: 'ftp://127.0.0.1/api' }, 'DISCORD_API_URL: must be an http:// or https:// URL'],
  ])('refuses to start with %j, naming the variable and never the token', async (settings, problem) => {
    const run = await runTs('src/index.ts', [], { env: { DISCORD_TOKEN: 'secret-token-value', DISCORD_GUILD_ID: '', DISCORD_API_URL: '', SLACK_BOT_TOKEN: '', ...settings } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(problem);
    expect(run.stdout + run.stderr).not.toContain('secret-token-value');
  });

  it('refuses to start when Discord rejects the token, saying so without printing it', async () => {
    standIn = await startDiscordStandIn({ token: 'x', applicationId: '1' });
    const run = await runTs('src/index.ts', [], { env: { DISCORD_TOKEN: 'wrong-secret-token', DISCORD_APPLICATION_ID: '1', DISCORD_API_URL: standIn.apiUrl, DISCORD_GUILD_ID: '', SLACK_BOT_TOKEN: '', LOG_LEVEL: 'trace' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('rejected DISCORD_TOKEN');
    expect(run.stdout + run.stderr).not.toContain('wrong-secret-token');
  });
});
