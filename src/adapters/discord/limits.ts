// Discord rejects a whole message when any part is over its limit, so everything the bot
// sends is cut to fit first: a shortened answer is better than no answer.
import type { APIEmbed, APIEmbedField } from 'discord.js';

export const DISCORD_LIMITS = Object.freeze({
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
  placeholder: 150,
});

const ELLIPSIS = '…';

/**
 * Text cut to at most max UTF-16 units (the stricter of the ways Discord counts), ending in
 * an ellipsis when cut. A cut never splits a surrogate pair or leaves a dangling backslash
 * that would escape the ellipsis.
 */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - ELLIPSIS.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const trailingBackslashes = /\\*$/.exec(cut)?.[0].length ?? 0;
  if (trailingBackslashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/** Lines joined until the budget runs out, then a count of those left out. */
export function linesWithin(lines: readonly string[], max: number, andMore: (count: number) => string): string {
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const left = lines.length - i - 1;
    const room = max - used - (kept.length > 0 ? 1 : 0) - (left > 0 ? andMore(left).length + 1 : 0);
    if (line.length <= room || (kept.length === 0 && room > 0)) {
      // A first line too long on its own is shortened rather than replaced by a count.
      kept.push(fit(line, room));
      used += (kept.length > 1 ? 1 : 0) + kept.at(-1)!.length;
      continue;
    }
    kept.push(andMore(lines.length - i));
    break;
  }
  return fit(kept.join('\n'), max);
}

export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

/** The embed with every part within its own limit and the whole within 6,000 characters. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const L = DISCORD_LIMITS;
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = fit(out.title, L.embedTitle);
  if (out.description !== undefined) out.description = fit(out.description, L.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: fit(out.footer.text, L.footerText) };
  if (out.author) out.author = { ...out.author, name: fit(out.author.name, L.authorName) };
  let fields: APIEmbedField[] = (out.fields ?? []).slice(0, L.embedFields).map((f) => ({ ...f, name: fit(f.name, L.fieldName), value: fit(f.value, L.fieldValue) }));
  out.fields = fields;

  // Over the total: shorten the longest text first, since that loses the least of each part;
  // drop trailing fields only if names and titles alone are too long.
  let excess = embedLength(out) - L.embedTotal;
  while (excess > 0) {
    const longestField = fields.reduce<number>((best, f, i) => (best < 0 || f.value.length > fields[best]!.value.length ? i : best), -1);
    const fieldLength = longestField >= 0 ? fields[longestField]!.value.length : 0;
    const descriptionLength = out.description?.length ?? 0;
    const longest = Math.max(fieldLength, descriptionLength);
    if (longest <= ELLIPSIS.length + 1) {
      if (fields.length === 0) break;
      fields = fields.slice(0, -1);
    } else if (descriptionLength >= fieldLength) {
      out.description = fit(out.description!, Math.max(ELLIPSIS.length + 1, descriptionLength - excess));
    } else {
      fields = fields.map((f, i) => (i === longestField ? { ...f, value: fit(f.value, Math.max(ELLIPSIS.length + 1, fieldLength - excess)) } : f));
    }
    out.fields = fields;
    excess = embedLength(out) - L.embedTotal;
  }
  if (out.fields.length === 0) delete out.fields;
  return out;
}
