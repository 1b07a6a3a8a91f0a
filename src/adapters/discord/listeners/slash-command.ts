// Slash commands and their autocomplete, for whatever commands/index.ts holds.
import { findCommand } from '../../../../commands/index.js';
import type { EntryRef } from '../../../core/answering/answer.js';
import { runCommand, type Invocation } from '../../../core/answering/command.js';
import { MESSAGES } from '../../../core/wording/messages.js';
import { OptionTypeError, type ReceivedInteraction } from '../interaction.js';
import { DISCORD_LIMITS as L, fit } from '../limits.js';
import { notice, renderReply } from '../render.js';
import { replyInTime, type Responder } from '../reply.js';
import type { DiscordDeps } from './deps.js';

export async function onChatInputCommand(interaction: ReceivedInteraction, responder: Responder, deps: DiscordDeps): Promise<void> {
  const command = findCommand(interaction.commandName);
  if (!command) return responder.reply(notice(MESSAGES.unknownCommand(interaction.commandName)));
  let options: Invocation['options'];
  try {
    options = Object.fromEntries(command.data.options.filter((o) => o.type !== 'boolean').map((o) => [o.name, interaction.stringOption(o.name)]));
  } catch (error) {
    if (!(error instanceof OptionTypeError)) throw error;
    // A client that sends a number where the question belongs is told so, not "something went wrong".
    deps.logger.warn({ interaction: interaction.describe(), problem: error.message }, 'discord command with an option of the wrong type');
    return responder.reply(notice(MESSAGES.optionNotText(error.option)));
  }
  const invocation: Invocation = {
    platform: 'discord',
    user: { id: interaction.userId, isAdmin: interaction.isAdmin },
    options,
    // A direct message with the bot is one conversation: a question there may follow up the last.
    ...(interaction.inDirectMessage && interaction.channelId ? { conversation: { key: `discord:dm:${interaction.channelId}` } } : {}),
  };
  // An answer goes where its asker chose (/ask private:), else where the server's setting says.
  const ephemeral = interaction.booleanOption('private') ?? deps.visibility === 'ephemeral';
  const work = runCommand(command, deps.ctx, invocation).then((reply) => renderReply(reply, { ephemeral }));
  // Admin commands report to the admin alone; the rest may answer the channel.
  await replyInTime(responder, work, { deferAfterMs: deps.deferAfterMs, ephemeral: command.data.adminOnly || ephemeral });
}

export async function onAutocomplete(interaction: ReceivedInteraction, responder: Responder, deps: DiscordDeps): Promise<void> {
  const focused = interaction.focused();
  const option = findCommand(interaction.commandName)?.data.options.find((o) => o.name === focused?.name);
  if (!focused || !option?.autocomplete || !deps.completions.take('discord', interaction.userId).ok) return responder.choices([]);
  await responder.choices(toChoices(deps.ctx.store.complete(focused.value, L.choices)));
}

/** Discord shows at most 25 choices of at most 100 characters, and each value must be unique. */
export function toChoices(refs: readonly EntryRef[]): { name: string; value: string }[] {
  const seen = new Set<string>();
  const choices: { name: string; value: string }[] = [];
  for (const ref of refs) {
    const value = fit(ref.question, L.choiceValue);
    if (seen.has(value)) continue;
    seen.add(value);
    choices.push({ name: fit(ref.question, L.choiceName), value });
    if (choices.length === L.choices) break;
  }
  return choices;
}
