// /reload and /about through the real client, and registering the commands with Discord.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { toDiscordCommand } from '../../../src/adapters/discord/register.js';
import type { ReloadReport } from '../../../src/core/knowledge/store.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import { ADMIN, MEMBER, PERMISSIONS, startDiscordStandIn, type DiscordStandIn } from '../../helpers/discord-stand-in/index.js';
import { startTestBot, type TestBot } from '../../helpers/discord-bot.js';
import { copyOfRealKnowledge } from '../../helpers/knowledge-dir.js';
import { runTs } from '../../helpers/run-node.js';

let bot: TestBot | undefined;
afterEach(async () => {
  if (!bot) return;
  expect(bot.standIn.state.rejections).toEqual([]);
  await bot.stop();
  bot = undefined;
});

describe('/reload on Discord', () => {
  it.each([
    ['no permissions at all', PERMISSIONS.none],
    ['an ordinary member', PERMISSIONS.member],
  ])('is refused, only to them, for a member with %s, and reloads nothing', async (_, permissions) => {
    bot = await startTestBot();
    const reloads: ReloadReport[] = [];
    bot.ctx.store.onReload((report) => reloads.push(report));
    const reply = await (await bot.standIn.slash('reload', {}, { ...MEMBER, permissions })).reply();
    expect(reply).toMatchObject({ ephemeral: true, message: { content: MESSAGES.notAdmin, allowed_mentions: { parse: [] } } });
    expect(reloads).toEqual([]);
  });

  it.each([
    ['Manage Server', PERMISSIONS.manageServer],
    ['Administrator', PERMISSIONS.administrator],
  ])('reloads for a member with %s and reports, only to them, what was loaded', async (_, permissions) => {
    bot = await startTestBot();
    const reply = await (await bot.standIn.slash('reload', {}, { ...ADMIN, permissions })).reply();
    const entries = bot.ctx.store.current().knowledge.entries.length;
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.embeds[0].title).toBe(MESSAGES.reloadedTitle);
    expect(reply.message.embeds[0].description).toContain(`${entries} entries from 1 source`);
    expect(reply.message.embeds[0].description).toContain(MESSAGES.reloadNoChanges);
  });

  it('names what changed when an entry file changed', async () => {
    const dir = await copyOfRealKnowledge();
    bot = await startTestBot({ knowledgeDir: dir });
    await writeFile(
      path.join(dir, 'entries', 'extra.yaml'),
      ['- id: robinson-sentence-length-extra', '  question: How many months is the jail term?', '  answer: Eighteen months.', '  citations:', '    - source: musk-grooming-2025-01-03', '      paragraph: 13', '      quote: who is serving an 18-month jail term for contempt of court'].join('\n'),
    );
    const reply = await (await bot.standIn.slash('reload', {}, ADMIN)).reply();
    expect(reply.message.embeds[0].description).toContain('Added: robinson-sentence-length-extra');
  });

  it('keeps serving the old knowledge base when a file is broken, and says so with the problem', async () => {
    const dir = await copyOfRealKnowledge();
    bot = await startTestBot({ knowledgeDir: dir });
    await writeFile(path.join(dir, 'entries', 'robinson.yaml'), '- id: who-is-tommy-robinson\n  question: [unclosed\n');
    const reply = await (await bot.standIn.slash('reload', {}, ADMIN)).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.embeds[0].title).toBe(MESSAGES.reloadFailedTitle);
    expect(reply.message.embeds[0].description).toContain('robinson.yaml');

    const answer = await (await bot.standIn.slash('ask', { question: 'Who is Tommy Robinson?' })).reply();
    expect(answer.message.embeds[0].fields[0].name).toContain('paragraph 13');
  });
});

describe('/about on Discord', () => {
  it('tells only the asker the story, its date, the entry count and when it was loaded', async () => {
    bot = await startTestBot();
    const reply = await (await bot.standIn.slash('about')).reply();
    expect(reply.ephemeral).toBe(true);
    const { description } = reply.message.embeds[0];
    expect(description).toContain('dated 2025-01-03');
    expect(description).toContain(`${bot.ctx.store.current().knowledge.entries.length} curated questions`);
    // Worded as on Slack and the console, not as a Discord timestamp.
    expect(description).toContain(MESSAGES.aboutLoaded('just now', 'just now'));
  });
});

describe('registering the commands', () => {
  it('registers every shared command, admin ones for Manage Server only and inside servers', () => {
    const registered = commands.map((c) => toDiscordCommand(c.data));
    expect(registered.map((c) => c.name)).toEqual(commands.map((c) => c.data.name));
    expect(registered.find((c) => c.name === 'reload')).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    expect(registered.find((c) => c.name === 'ask')).toMatchObject({
      default_member_permissions: null,
      options: [
        { type: 3, name: 'question', required: true, max_length: 300, autocomplete: true },
        { type: 5, name: 'private', required: false },
      ],
    });
  });

  describe('npm run deploy:discord', () => {
    let standIn: DiscordStandIn;
    afterEach(async () => {
      await standIn.close();
    });

    it.each([
      ['globally without DISCORD_GUILD_ID', '', 'global', /globally/, false],
      ['in one server with DISCORD_GUILD_ID', '100000000000000009', 'guild:100000000000000009', /in server 100000000000000009/, false],
      // HTTP interactions change how they arrive, not what is registered.
      ['the same way when DISCORD_PUBLIC_KEY selects HTTP interactions', '', 'global', /globally/, true],
    ])('registers the commands %s', async (_, guildId, scope, said, http) => {
      standIn = await startDiscordStandIn();
      const run = await runTs('src/cli/deploy-discord.ts', [], {
        env: { DISCORD_TOKEN: standIn.token, DISCORD_APPLICATION_ID: standIn.applicationId, DISCORD_API_URL: standIn.apiUrl, DISCORD_GUILD_ID: guildId, DISCORD_PUBLIC_KEY: http ? standIn.publicKey : '' },
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(said);
      expect(standIn.state.commands.get(scope)?.map((c) => c.name)).toEqual(commands.map((c) => c.data.name));
      expect(standIn.state.rejections).toEqual([]);
    });

    it('asks for DISCORD_TOKEN when only DISCORD_PUBLIC_KEY is set, and registers nothing', async () => {
      standIn = await startDiscordStandIn();
      const run = await runTs('src/cli/deploy-discord.ts', [], {
        env: { DISCORD_TOKEN: '', DISCORD_PUBLIC_KEY: standIn.publicKey, DISCORD_APPLICATION_ID: standIn.applicationId, DISCORD_API_URL: standIn.apiUrl, DISCORD_GUILD_ID: '' },
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('DISCORD_TOKEN: must be set');
      expect(standIn.state.requests).toEqual([]);
    });

    it('says Discord rejected the token without printing it', async () => {
      standIn = await startDiscordStandIn();
      const run = await runTs('src/cli/deploy-discord.ts', [], {
        env: { DISCORD_TOKEN: 'wrong-secret-token', DISCORD_APPLICATION_ID: standIn.applicationId, DISCORD_API_URL: standIn.apiUrl, DISCORD_GUILD_ID: '' },
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('rejected DISCORD_TOKEN');
      expect(run.stdout + run.stderr).not.toContain('wrong-secret-token');
      expect(standIn.state.commands.size).toBe(0);
    });
  });
});
