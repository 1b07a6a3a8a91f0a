// The shared command definitions in Discord's registration format, and the one request that
// registers them. The bot and `npm run deploy:discord` both read commands/index.ts, so what
// is registered is what the bot answers.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  Routes,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, CommandData } from '../../core/answering/command.js';

export function toDiscordCommand(data: CommandData): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: data.name,
    description: data.description,
    options: data.options.map((option) =>
      option.type === 'boolean'
        ? { type: ApplicationCommandOptionType.Boolean, name: option.name, description: option.description, required: option.required }
        : {
            type: ApplicationCommandOptionType.String,
            name: option.name,
            description: option.description,
            required: option.required,
            ...(option.maxLength ? { max_length: option.maxLength } : {}),
            autocomplete: option.autocomplete ?? false,
          },
    ),
    // Hidden from members without Manage Server by default; the handler checks again,
    // since a server owner can override this per command.
    default_member_permissions: data.adminOnly ? PermissionFlagsBits.ManageGuild.toString() : null,
    // Admin commands make sense only inside a server, where Manage Server exists.
    contexts: data.adminOnly ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

export interface Deployment {
  scope: { guildId: string } | 'global';
  names: string[];
}

/** Replaces the application's commands (in one server, or globally) with these. */
export async function deployCommands(rest: REST, applicationId: string, commands: readonly Command[], guildId?: string): Promise<Deployment> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body: commands.map((c) => toDiscordCommand(c.data)) })) as { name: string }[];
  return { scope: guildId ? { guildId } : 'global', names: registered.map((c) => c.name) };
}
