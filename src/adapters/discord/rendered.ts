// What every Discord renderer produces: a message and who may see it.
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { DISCORD_LIMITS as L, fit } from './limits.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface Rendered {
  ephemeral: boolean;
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
}

/** The custom id of the related-questions menu; each option's value is the action itself. */
export const RELATED_MENU_ID = 'related';

export const COLOURS = Object.freeze({ answer: 0x2b6cb0, ok: 0x2f855a, problem: 0xc05621, info: 0x4a5568 });

/** A short message only the person who acted sees. */
export function notice(text: string): Rendered {
  return { ephemeral: true, content: fit(text, L.content) };
}
