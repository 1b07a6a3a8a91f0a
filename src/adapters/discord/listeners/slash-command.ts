// Slash commands and their autocomplete, for whatever commands/index.ts holds.
import { PermissionFlagsBits, type AutocompleteInteraction, type BaseInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { findCommand } from '../../../../commands/index.js';
import type { EntryRef } from '../../../core/answering/answer.js';
import { runCommand, type Invocation } from '../../../core/answering/command.js';
import { MESSAGES } from '../../../core/wording/messages.js';
import { DISCORD_LIMITS as L, fit } from '../limits.js';
import { notice, renderReply } from '../render.js';
import { reply, replyInTime } from '../reply.js';
import type { DiscordDeps } from './deps.js';

export async function onChatInputCommand(interaction: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  const command = findCommand(interaction.commandName);
  if (!command) return reply(interaction, notice(MESSAGES.unknownCommand(interaction.commandName)));
  const invocation: Invocation = {
    platform: 'discord',
    user: { id: interaction.user.id, isAdmin: isAdmin(interaction) },
    options: Object.fromEntries(command.data.options.map((o) => [o.name, interaction.options.getString(o.name) ?? undefined])),
  };
  const work = runCommand(command, deps.ctx, invocation).then(renderReply);
  // Admin commands report to the admin alone; the rest may answer the channel.
  await replyInTime(interaction, work, { deferAfterMs: deps.deferAfterMs, ephemeral: command.data.adminOnly });
}

/**
 * Manage Server, or Administrator, which implies it. Checked on every use, because a server
 * owner can open a command registered for Manage Server to anyone.
 */
export function isAdmin(interaction: BaseInteraction): boolean {
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

export async function onAutocomplete(interaction: AutocompleteInteraction, deps: DiscordDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const option = findCommand(interaction.commandName)?.data.options.find((o) => o.name === focused.name);
  if (!option?.autocomplete || !deps.completions.take('discord', interaction.user.id).ok) return void (await interaction.respond([]));
  await interaction.respond(toChoices(deps.ctx.store.complete(String(focused.value), L.choices)));
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
