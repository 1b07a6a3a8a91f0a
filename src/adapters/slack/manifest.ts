// The Slack app manifest, generated from the shared command list so that creating the app
// is one paste and the app Slack knows can never drift from the commands the bot serves.
import type { Command } from '../../core/answering/command.js';

/**
 * What the bot needs and nothing more: slash commands, its mentions, posting answers, the
 * direct messages people write to it (im:history, for message.im), and its App Home tab
 * (app_home_opened needs no scope of its own).
 */
export const BOT_SCOPES = Object.freeze(['app_mentions:read', 'chat:write', 'commands', 'im:history']);
export const BOT_EVENTS = Object.freeze(['app_mention', 'message.im', 'app_home_opened']);

export interface ManifestOptions {
  /**
   * The public https URL of /slack/events for HTTP mode. Without it the manifest turns on
   * Socket Mode, which needs no public URL.
   */
  requestUrl?: string;
}

export function buildManifest(commands: readonly Command[], options: ManifestOptions = {}) {
  const url = options.requestUrl;
  const at = url ? { url } : {};
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'StoryBot',
      description: 'Answers questions about one news story with verbatim, cited quotes.',
      background_color: '#1d3557',
    },
    features: {
      bot_user: { display_name: 'StoryBot', always_online: true },
      // The Home tab shows how to ask; the Messages tab takes questions as DMs.
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      slash_commands: commands.map(({ data }) => ({
        command: `/${data.name}`,
        description: data.description,
        ...(data.usageHint ? { usage_hint: data.usageHint } : {}),
        // Questions arrive as typed: "@name" stays text instead of becoming "<@U…>".
        should_escape: false,
        ...at,
      })),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !url,
      token_rotation_enabled: false,
    },
  };
}

/** The committed file's exact text: two-space JSON and a final newline. */
export function manifestText(commands: readonly Command[], options: ManifestOptions = {}): string {
  return `${JSON.stringify(buildManifest(commands, options), null, 2)}\n`;
}
