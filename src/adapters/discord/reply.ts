// Getting a reply to Discord in time. Discord drops an interaction not answered within
// three seconds, so work that is not done soon is acknowledged first (deferred) and the
// reply edited in when ready. No message the bot sends may ping anyone.
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { MESSAGES } from '../../core/wording/messages.js';
import type { Rendered } from './render.js';

function body(rendered: Rendered) {
  return { content: rendered.content, embeds: rendered.embeds, components: rendered.components, allowedMentions: { parse: [] } };
}

function flags(ephemeral: boolean): MessageFlags.Ephemeral | undefined {
  return ephemeral ? MessageFlags.Ephemeral : undefined;
}

export async function reply(interaction: RepliableInteraction, rendered: Rendered): Promise<void> {
  await interaction.reply({ ...body(rendered), flags: flags(rendered.ephemeral) });
}

export interface DeferPolicy {
  /** Reply directly when the work is done this soon; otherwise defer first. 0 always defers. */
  deferAfterMs: number;
  /** The visibility to defer with, before the reply (and so its visibility) is known. */
  ephemeral: boolean;
}

export async function replyInTime(interaction: RepliableInteraction, work: Promise<Rendered>, policy: DeferPolicy): Promise<void> {
  // Settled from the start, so that work failing while the deferral is on its way is
  // handled here rather than reported as an unhandled rejection.
  const settled = work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const early = policy.deferAfterMs > 0 ? await within(settled, policy.deferAfterMs) : undefined;
  if (early) return reply(interaction, unwrap(early));
  await interaction.deferReply({ flags: flags(policy.ephemeral) });
  await finishDeferred(interaction, unwrap(await settled));
}

function unwrap<T>(outcome: { value: T } | { error: unknown }): T {
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

async function finishDeferred(interaction: RepliableInteraction, rendered: Rendered): Promise<void> {
  if (Boolean(interaction.ephemeral) === rendered.ephemeral) {
    await interaction.editReply(body(rendered));
    return;
  }
  // A deferred reply keeps the visibility it was deferred with; replace it instead.
  await interaction.deleteReply();
  await interaction.followUp({ ...body(rendered), flags: flags(rendered.ephemeral) });
}

/** The promise's value if it settles within ms, else undefined. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Tells the person their request failed, whatever state the interaction was left in. */
export async function replySomethingWentWrong(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  const failed: Rendered = { ephemeral: true, content: MESSAGES.somethingWentWrong };
  if (!interaction.deferred && !interaction.replied) return reply(interaction, failed);
  if (interaction.deferred && !interaction.replied) return finishDeferred(interaction, failed);
  await interaction.followUp({ ...body(failed), flags: MessageFlags.Ephemeral });
}
