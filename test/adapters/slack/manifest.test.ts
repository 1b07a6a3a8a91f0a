import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { buildManifest, manifestText } from '../../../src/adapters/slack/manifest.js';
import { runTs } from '../../helpers/run-node.js';

describe('the Slack app manifest', () => {
  it('committed in slack/manifest.json is the one generated from commands/ (run npm run slack:manifest)', async () => {
    expect(await readFile('slack/manifest.json', 'utf8')).toBe(manifestText(commands));
  });

  it.each(commands.map((c) => [c.data.name, c]))('declares /%s with its description and usage hint', (name, command) => {
    expect(buildManifest(commands).features.slash_commands).toContainEqual(
      expect.objectContaining({ command: `/${name}`, description: command.data.description, ...(command.data.usageHint ? { usage_hint: command.data.usageHint } : {}) }),
    );
  });

  it('asks for the scopes, the events (mentions, DMs, App Home) and the buttons the adapter uses, in Socket Mode', () => {
    const { oauth_config, settings, features } = buildManifest(commands);
    expect(oauth_config.scopes.bot).toEqual(['app_mentions:read', 'chat:write', 'commands', 'im:history']);
    expect(settings).toMatchObject({ socket_mode_enabled: true, event_subscriptions: { bot_events: ['app_mention', 'message.im', 'app_home_opened'] }, interactivity: { is_enabled: true } });
    expect(features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(JSON.stringify(settings)).not.toContain('request_url');
  });

  it('points commands, events and buttons at one URL for HTTP mode', () => {
    const url = 'https://bot.example.org/slack/events';
    const manifest = buildManifest(commands, { requestUrl: url });
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: false, event_subscriptions: { request_url: url }, interactivity: { request_url: url } });
    for (const command of manifest.features.slash_commands) expect(command).toMatchObject({ url });
  });

  it.each([
    ['an http URL', ['--request-url', 'http://bot.example.org/slack/events'], 2, /must be a full https:\/\/ URL/],
    ['an unknown option', ['--socket'], 2, /usage: npm run slack:manifest/],
  ])('refuses %s from the command line', async (_, args, code, message) => {
    const result = await runTs('src/cli/slack-manifest.ts', args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
  });

  it('prints an HTTP-mode manifest for a given https URL', async () => {
    const { code, stdout } = await runTs('src/cli/slack-manifest.ts', ['--request-url', 'https://bot.example.org/slack/events']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(buildManifest(commands, { requestUrl: 'https://bot.example.org/slack/events' }));
  });
});
