// Getting a reply to Discord in time. Discord drops an interaction not answered within
// three seconds, so work that is not done soon is acknowledged first (deferred) and the
// reply edited in when ready. The first response goes however the transport delivers it
// (inline in the HTTP answer, or to the callback route); edits and follow-ups go to the
// interaction's webhook, the same for both. No message the bot sends may ping anyone.
import { InteractionResponseType, MessageFlags, Routes, type APIInteractionResponse, type APIModalInteractionResponseCallbackData, type REST } from 'discord.js';
import { MESSAGES } from '../../core/wording/messages.js';
import type { ReceivedInteraction } from './interaction.js';
import type { Rendered } from './render.js';

/** Sends an interaction's first response, as its transport does. */
export type FirstResponse = (response: APIInteractionResponse) => Promise<void>;

function body(rendered: Rendered) {
  return { content: rendered.content, embeds: rendered.embeds, components: rendered.components, allowed_mentions: { parse: [] } };
}

function flags(ephemeral: boolean): { flags?: MessageFlags.Ephemeral } {
  return ephemeral ? { flags: MessageFlags.Ephemeral } : {};
}

/**
 * Every way of answering one interaction, and how far it has got. A state changes only once
 * Discord has taken the response, so a refused reply can still be followed by another.
 */
export class Responder {
  /** The first response was the "thinking…" of a deferral. */
  deferred = false;
  /** A message (or choices) is in place: the reply itself, or the edit of a deferral. */
  replied = false;
  /** The visibility of the first response. */
  ephemeral = false;

  constructor(
    private readonly interaction: ReceivedInteraction,
    private readonly first: FirstResponse,
    private readonly rest: REST,
    /** performance.now() when the interaction reached the bot: Discord's 3 seconds run from then. */
    readonly arrivedAt: number = performance.now(),
  ) {}

  async reply(rendered: Rendered): Promise<void> {
    await this.first({ type: InteractionResponseType.ChannelMessageWithSource, data: { ...body(rendered), ...flags(rendered.ephemeral) } });
    this.replied = true;
    this.ephemeral = rendered.ephemeral;
  }

  async defer(ephemeral: boolean): Promise<void> {
    await this.first({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: flags(ephemeral) });
    this.deferred = true;
    this.ephemeral = ephemeral;
  }

  /** A form for the person to fill in; Discord sends what they type as a new interaction. */
  async modal(data: APIModalInteractionResponseCallbackData): Promise<void> {
    await this.first({ type: InteractionResponseType.Modal, data });
    this.replied = true;
    this.ephemeral = true;
  }

  async choices(choices: { name: string; value: string }[]): Promise<void> {
    await this.first({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
    this.replied = true;
  }

  async edit(rendered: Rendered): Promise<void> {
    await this.rest.patch(this.original(), { body: body(rendered), auth: false });
    this.replied = true;
  }

  async deleteOriginal(): Promise<void> {
    await this.rest.delete(this.original(), { auth: false });
  }

  async followUp(rendered: Rendered): Promise<void> {
    const query = new URLSearchParams({ wait: 'true' });
    await this.rest.post(Routes.webhook(this.interaction.applicationId, this.interaction.token), { body: { ...body(rendered), ...flags(rendered.ephemeral) }, query, auth: false });
  }

  private original(): `/${string}` {
    return Routes.webhookMessage(this.interaction.applicationId, this.interaction.token, '@original');
  }
}

export interface DeferPolicy {
  /**
   * Reply directly when the work is done this soon after the interaction arrived; otherwise
   * defer first. 0 always defers.
   */
  deferAfterMs: number;
  /** The visibility to defer with, before the reply (and so its visibility) is known. */
  ephemeral: boolean;
}

export async function replyInTime(responder: Responder, work: Promise<Rendered>, policy: DeferPolicy): Promise<void> {
  // Settled from the start, so that work failing while the deferral is on its way is
  // handled here rather than reported as an unhandled rejection.
  const settled = work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  // Counted from arrival: under load a request may wait to be read and verified long enough
  // that only a deferral at once is still in time.
  const left = responder.arrivedAt + policy.deferAfterMs - performance.now();
  const early = policy.deferAfterMs > 0 && left > 0 ? await within(settled, left) : undefined;
  if (early) return responder.reply(unwrap(early));
  await responder.defer(policy.ephemeral);
  await finishDeferred(responder, unwrap(await settled));
}

function unwrap<T>(outcome: { value: T } | { error: unknown }): T {
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

async function finishDeferred(responder: Responder, rendered: Rendered): Promise<void> {
  if (responder.ephemeral === rendered.ephemeral) return responder.edit(rendered);
  // A deferred reply keeps the visibility it was deferred with; replace it instead.
  await responder.deleteOriginal();
  await responder.followUp(rendered);
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
export async function replySomethingWentWrong(interaction: ReceivedInteraction, responder: Responder): Promise<void> {
  if (interaction.kind === 'autocomplete') {
    if (!responder.replied) await responder.choices([]);
    return;
  }
  if (!interaction.repliable) return;
  const failed: Rendered = { ephemeral: true, content: MESSAGES.somethingWentWrong };
  if (!responder.deferred && !responder.replied) return responder.reply(failed);
  if (responder.deferred && !responder.replied) return finishDeferred(responder, failed);
  await responder.followUp(failed);
}
