// npm run deploy:discord
// Registers the slash commands with Discord: in DISCORD_GUILD_ID when set (they appear at
// once, for development), otherwise globally. Run it again whenever commands/ changes.
import { DiscordAPIError, REST } from 'discord.js';
import { commands } from '../../commands/index.js';
import { restOptions } from '../adapters/discord/rest.js';
import { deployCommands } from '../adapters/discord/register.js';
import { parseCli } from './args.js';
import { readConfig } from './open-store.js';

parseCli({
  usage: 'usage: npm run deploy:discord',
  about: [
    'Registers the slash commands with Discord, using DISCORD_TOKEN and DISCORD_APPLICATION_ID:',
    'in the server DISCORD_GUILD_ID when it is set (they appear at once), otherwise globally.',
  ],
  options: {},
  help: {},
});
const { discord } = readConfig();
// HTTP interactions need no bot token to answer, but registering commands does.
if (!discord?.token) {
  process.stderr.write('DISCORD_TOKEN: must be set (in .env or the environment) to register the commands, with DISCORD_APPLICATION_ID.\n');
  process.exit(2);
}

const rest = new REST(restOptions(discord.apiUrl)).setToken(discord.token);
try {
  const { scope, names } = await deployCommands(rest, discord.applicationId, commands, discord.guildId);
  const where = scope === 'global' ? 'globally (Discord may take up to an hour to show them everywhere)' : `in server ${scope.guildId}`;
  console.log(`Registered ${names.length} commands ${where}: ${names.map((n) => `/${n}`).join(', ')}.`);
} catch (error) {
  process.stderr.write(`Could not register the commands: ${explain(error)}\n`);
  process.exit(1);
}

function explain(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) return 'Discord rejected DISCORD_TOKEN (401). Copy a new one from the Developer Portal (Bot, Reset Token).';
    if (error.status === 403 || error.status === 404) {
      return `Discord refused (${error.status}: ${error.message}). Check DISCORD_APPLICATION_ID, and that the bot was invited to DISCORD_GUILD_ID with the applications.commands scope.`;
    }
    return `Discord answered ${error.status}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
