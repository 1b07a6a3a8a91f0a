// The REST address the bot and `npm run deploy:discord` talk to: DISCORD_API_URL, or
// discord.js's default (Discord's own).
import type { RESTOptions } from 'discord.js';

export function restOptions(apiUrl: string | undefined): Partial<RESTOptions> {
  // Only when set: an explicit undefined would replace discord.js's default address.
  return apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {};
}
