// Every interaction, whichever transport delivered it, is read and routed here. Each
// handler is a plain named function; a handler that throws is caught here, once: the person
// still gets an ephemeral "something went wrong" and the log gets one line.
import type { REST } from 'discord.js';
import { MESSAGES } from '../../../core/wording/messages.js';
import { loggableError } from '../../../logger.js';
import { ReceivedInteraction } from '../interaction.js';
import { notice } from '../render.js';
import { replySomethingWentWrong, Responder, type FirstResponse } from '../reply.js';
import { onAutocomplete, onChatInputCommand } from './slash-command.js';
import { onButton, onModalSubmit, onSelectMenu } from './component.js';
import type { DiscordDeps } from './deps.js';

/** `arrivedAt` is performance.now() when the transport received it; deadlines count from then. */
export async function onInteraction(payload: unknown, first: FirstResponse, rest: REST, deps: DiscordDeps, arrivedAt?: number): Promise<void> {
  const interaction = ReceivedInteraction.read(payload);
  if (!interaction) {
    // Without an id, a token and a sender there is no one to answer, nor a way to.
    const type = (payload as { type?: unknown } | null)?.type;
    deps.logger.warn({ type: typeof type === 'number' ? type : undefined }, 'discord interaction without an id, a token or a sender: not answered');
    return;
  }
  // A signed interaction replayed within its signature window (or the same one delivered
  // twice) carries the first one's id: it would answer again and spend the person's limit.
  // Left unanswered, the HTTP endpoint refuses it; the first delivery has had its answer.
  if (deps.ctx.deliveries && !(await deps.ctx.deliveries.first('discord', interaction.id))) {
    deps.logger.warn({ interaction: interaction.describe() }, 'discord interaction delivered again: already taken, not answered twice');
    return;
  }
  const responder = new Responder(interaction, first, rest, arrivedAt);
  try {
    await route(interaction, responder, deps);
  } catch (error) {
    let replyFailed: string | undefined;
    try {
      await replySomethingWentWrong(interaction, responder);
    } catch (secondError) {
      replyFailed = String(secondError);
    }
    deps.logger.error({ err: loggableError(error), interaction: interaction.describe(), replyFailed }, 'discord interaction failed');
  }
}

async function route(interaction: ReceivedInteraction, responder: Responder, deps: DiscordDeps): Promise<void> {
  switch (interaction.kind) {
    case 'autocomplete':
      return onAutocomplete(interaction, responder, deps);
    case 'command':
      return onChatInputCommand(interaction, responder, deps);
    case 'button':
      return onButton(interaction, responder, deps);
    case 'select':
      return onSelectMenu(interaction, responder, deps);
    case 'modal':
      return onModalSubmit(interaction, responder, deps);
    case 'other':
      deps.logger.debug({ interaction: interaction.describe() }, 'discord interaction of a kind this bot does not use');
      if (interaction.repliable) await responder.reply(notice(MESSAGES.unknownAction));
  }
}
