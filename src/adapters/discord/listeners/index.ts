// Every Discord listener, registered in one place. Each is a plain named function, so a
// test can call it; a handler that throws is caught here, once: the person still gets an
// ephemeral "something went wrong" and the log gets one line.
import { Events, InteractionType, type Client, type Interaction } from 'discord.js';
import { MESSAGES } from '../../../core/wording/messages.js';
import { loggableError } from '../../../logger.js';
import { notice } from '../render.js';
import { reply, replySomethingWentWrong } from '../reply.js';
import { onAutocomplete, onChatInputCommand } from './slash-command.js';
import { onButton, onSelectMenu } from './component.js';
import type { DiscordDeps } from './deps.js';

export function registerListeners(client: Client, deps: DiscordDeps, track: (work: Promise<void>) => void): void {
  client.on(Events.InteractionCreate, (interaction) => track(onInteractionCreate(interaction, deps)));
  client.on(Events.Error, (error) => deps.logger.error({ err: loggableError(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => deps.logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => deps.logger.warn({ shardId, code: event.code }, 'discord gateway closed for good'));
  client.on(Events.ShardReconnecting, (shardId) => deps.logger.info({ shardId }, 'discord gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => deps.logger.info({ shardId, replayed }, 'discord gateway resumed'));
}

export async function onInteractionCreate(interaction: Interaction, deps: DiscordDeps): Promise<void> {
  try {
    await route(interaction, deps);
  } catch (error) {
    let replyFailed: string | undefined;
    try {
      await replySomethingWentWrong(interaction);
    } catch (secondError) {
      replyFailed = String(secondError);
    }
    deps.logger.error({ err: loggableError(error), interaction: describe(interaction), replyFailed }, 'discord interaction failed');
  }
}

async function route(interaction: Interaction, deps: DiscordDeps): Promise<void> {
  if (interaction.isAutocomplete()) return onAutocomplete(interaction, deps);
  if (interaction.isChatInputCommand()) return onChatInputCommand(interaction, deps);
  if (interaction.isButton()) return onButton(interaction, deps);
  if (interaction.isStringSelectMenu()) return onSelectMenu(interaction, deps);
  deps.logger.debug({ interaction: describe(interaction) }, 'discord interaction of a kind this bot does not use');
  if (interaction.isRepliable()) await reply(interaction, notice(MESSAGES.unknownAction));
}

/** What identifies an interaction in a log line: never its token, nor what the person typed. */
function describe(interaction: Interaction): Record<string, string | undefined> {
  return {
    id: interaction.id,
    type: InteractionType[interaction.type],
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
    guildId: interaction.guildId ?? undefined,
  };
}
