// One interaction as Discord sends it, over the gateway or as an HTTP request: the raw JSON,
// checked for the fields the bot reads, and read the same way whichever transport brought it.
// discord.js's interaction classes are not used here because they can only answer through
// REST, never inside an HTTP response; reading the payload once, here, for both transports
// is what makes the gateway and HTTP interactions give the same replies.
import { ApplicationCommandOptionType, ComponentType, InteractionType, MessageFlags, PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { z } from 'zod';

const user = z.looseObject({ id: z.string().min(1) });
const envelope = z.looseObject({
  id: z.string().min(1),
  application_id: z.string().min(1),
  type: z.number().int(),
  token: z.string().min(1),
  guild_id: z.string().optional(),
  member: z.looseObject({ user, permissions: z.string().optional() }).optional(),
  user: user.optional(),
  channel_id: z.string().optional(),
  data: z.unknown().optional(),
  /** The message a button, menu or modal was opened from. */
  message: z.looseObject({ id: z.string(), flags: z.number().int().optional() }).optional(),
});
const option = z.looseObject({ name: z.string(), type: z.number().int(), value: z.unknown().optional(), focused: z.boolean().optional() });
const commandData = z.looseObject({ name: z.string(), options: z.array(option).optional() });
const componentData = z.looseObject({ custom_id: z.string(), component_type: z.number().int(), values: z.array(z.string()).optional() });
const textInput = z.looseObject({ custom_id: z.string(), value: z.string().optional() });
const modalData = z.looseObject({ custom_id: z.string(), components: z.array(z.looseObject({ components: z.array(textInput).optional(), component: textInput.optional() })) });

type Option = z.infer<typeof option>;

/** What the bot does with an interaction; "other" is anything it never asked for. */
export type InteractionKind = 'command' | 'autocomplete' | 'button' | 'select' | 'modal' | 'other';

/**
 * A text option came as something else: declared as another type (an Integer where the
 * question belongs), or declared as text with a value that is not (a number, a list).
 */
export class OptionTypeError extends Error {
  readonly code = 'option-type';
  constructor(
    readonly option: string,
    type: number,
    value: unknown,
  ) {
    const name = option;
    const declared = ApplicationCommandOptionType[type] ?? `unknown type ${type}`;
    super(
      type === ApplicationCommandOptionType.String
        ? `option "${name}" is declared as text (String) but its value is ${describeValue(value)}`
        : `option "${name}" must be text (String) but was sent as ${declared}`,
    );
    this.name = 'OptionTypeError';
  }
}

/** What kind of value it is, never the value itself: it may be anything someone typed. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

export class ReceivedInteraction {
  readonly kind: InteractionKind;
  private readonly command?: z.infer<typeof commandData>;
  private readonly component?: z.infer<typeof componentData>;
  private readonly modal?: z.infer<typeof modalData>;

  private constructor(
    private readonly raw: z.infer<typeof envelope>,
    readonly userId: string,
  ) {
    const data = raw.type === InteractionType.ApplicationCommand || raw.type === InteractionType.ApplicationCommandAutocomplete ? commandData.safeParse(raw.data) : undefined;
    const pressed = raw.type === InteractionType.MessageComponent ? componentData.safeParse(raw.data) : undefined;
    const submitted = raw.type === InteractionType.ModalSubmit ? modalData.safeParse(raw.data) : undefined;
    this.command = data?.success ? data.data : undefined;
    this.component = pressed?.success ? pressed.data : undefined;
    this.modal = submitted?.success ? submitted.data : undefined;
    this.kind = this.modal ? 'modal' : kindOf(raw.type, this.command !== undefined, this.component?.component_type);
  }

  /**
   * The interaction, or undefined when the payload lacks what any answer needs (its id, its
   * token, who sent it): such a payload cannot be answered, only logged.
   */
  static read(payload: unknown): ReceivedInteraction | undefined {
    const parsed = envelope.safeParse(payload);
    if (!parsed.success) return undefined;
    const userId = parsed.data.member?.user.id ?? parsed.data.user?.id;
    return userId ? new ReceivedInteraction(parsed.data, userId) : undefined;
  }

  get id(): string {
    return this.raw.id;
  }

  get applicationId(): string {
    return this.raw.application_id;
  }

  /** Lets anyone answer as the bot for 15 minutes: never logged. */
  get token(): string {
    return this.raw.token;
  }

  /** Whether Discord takes a message in answer (autocomplete takes choices instead). */
  get repliable(): boolean {
    return [InteractionType.ApplicationCommand, InteractionType.MessageComponent, InteractionType.ModalSubmit].includes(this.raw.type);
  }

  /**
   * Manage Server, or Administrator, which implies it. Checked on every use, because a server
   * owner can open a command registered for Manage Server to anyone. Outside a server, no one.
   */
  get isAdmin(): boolean {
    const permissions = this.raw.member?.permissions;
    if (!permissions || !/^\d+$/.test(permissions)) return false;
    return new PermissionsBitField(BigInt(permissions)).has(PermissionFlagsBits.ManageGuild);
  }

  get commandName(): string {
    return this.command?.name ?? '';
  }

  get customId(): string {
    return this.component?.custom_id ?? this.modal?.custom_id ?? '';
  }

  /** Whether the message a button or modal came from was seen by its asker alone. */
  get fromEphemeral(): boolean {
    return ((this.raw.message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  }

  /** Outside a server: a direct message with the bot. */
  get inDirectMessage(): boolean {
    return this.raw.guild_id === undefined;
  }

  get channelId(): string | undefined {
    return this.raw.channel_id;
  }

  /** What was typed into a modal's text input ("Label" components wrap it in newer payloads). */
  textInput(customId: string): string | undefined {
    for (const row of this.modal?.components ?? []) {
      for (const input of [...(row.components ?? []), ...(row.component ? [row.component] : [])]) if (input.custom_id === customId) return input.value;
    }
    return undefined;
  }

  /** A yes-or-no option; undefined when absent or of another type. */
  booleanOption(name: string): boolean | undefined {
    const found = this.options().find((o) => o.name === name);
    return found?.type === ApplicationCommandOptionType.Boolean && typeof found.value === 'boolean' ? found.value : undefined;
  }

  get values(): readonly string[] {
    return this.component?.values ?? [];
  }

  /** A string option's value; undefined when absent; an OptionTypeError when it is not a string. */
  stringOption(name: string): string | undefined {
    const found = this.options().find((o) => o.name === name);
    if (!found) return undefined;
    if (found.type !== ApplicationCommandOptionType.String || typeof found.value !== 'string') throw new OptionTypeError(name, found.type, found.value);
    return found.value;
  }

  /** The option being typed into, for autocomplete. */
  focused(): { name: string; value: string } | undefined {
    const found = this.options().find((o) => o.focused);
    return found ? { name: found.name, value: String(found.value ?? '') } : undefined;
  }

  /** What identifies the interaction in a log line: never its token, nor what the person typed. */
  describe(): Record<string, string | undefined> {
    return {
      id: this.raw.id,
      type: InteractionType[this.raw.type] ?? String(this.raw.type),
      command: this.command?.name,
      customId: this.component?.custom_id,
      guildId: this.raw.guild_id,
    };
  }

  private options(): Option[] {
    return this.command?.options ?? [];
  }
}

function kindOf(type: number, hasCommand: boolean, componentType: number | undefined): InteractionKind {
  if (type === InteractionType.ApplicationCommand && hasCommand) return 'command';
  if (type === InteractionType.ApplicationCommandAutocomplete && hasCommand) return 'autocomplete';
  if (componentType === ComponentType.Button) return 'button';
  if (componentType === ComponentType.StringSelect) return 'select';
  return 'other';
}
