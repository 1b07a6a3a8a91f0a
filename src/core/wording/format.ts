// Small pieces of wording that every platform prints the same way: how long ago something
// happened, counts, lists, paragraph references and quotations. Built on Intl where it
// has the rule (relative times, list commas), so no hand-kept tables. messages.ts builds
// its sentences from these.

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];
const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
const LIST = new Intl.ListFormat('en-GB', { type: 'conjunction' });
/** Under this many seconds, "just now" reads better than a count of seconds. */
const JUST_NOW_SECONDS = 10;

/** "just now", "3 minutes ago", "2 days ago": the largest whole unit that fits. */
export function relativeTime(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < JUST_NOW_SECONDS) return 'just now';
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) ?? UNITS[UNITS.length - 1]!;
  return RELATIVE.format(Math.trunc(seconds / size), unit);
}

/** "1 draft", "3 drafts". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : plural}`;
}

/** "headline, outlet and URL". */
export function listOf(items: readonly string[]): string {
  return LIST.format(items);
}

/**
 * The one form a paragraph reference takes everywhere ("paragraph 13"), words rather than
 * "¶13", which screen readers read out as "pilcrow". Several are alternatives: "paragraph 3 or 4".
 */
export function paragraphLabel(paragraph: number | readonly number[]): string {
  const all = typeof paragraph === 'number' ? [paragraph] : paragraph;
  return `paragraph ${all.join(' or ')}`;
}

/**
 * A quote in quotation marks, word for word. A quote that itself holds double quotation
 * marks goes in single ones, the British way of nesting, rather than in doubled marks
 * (““So if …,” he added.”); its own marks are never changed, so it stays verbatim.
 */
export function quotation(text: string): string {
  const [open, close] = quotationMarks(text);
  return `${open}${text}${close}`;
}

/** The marks `quotation` puts around this text, for a platform that marks up the words inside. */
export function quotationMarks(text: string): readonly [string, string] {
  return /[“”"]/.test(text) ? ['‘', '’'] : ['“', '”'];
}
