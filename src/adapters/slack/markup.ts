// Slack's text format. Slack reads "<…>" as a mention or a link ("<!channel>" pings a whole
// channel), so anything that echoes a question or the knowledge base is escaped first, and
// text arriving from Slack is unescaped once so the engine sees what the person typed.

/** Makes text inert in mrkdwn: "<!channel>" renders as those characters, not a ping. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack sends "&", "<" and ">" typed by a person as entities; "&amp;" goes last so "&amp;lt;" stays "&lt;". */
export function fromSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Shortens text to at most `max` characters, ending with "…". Never cuts an escape such
 * as "&amp;" or a surrogate pair in half, either of which Slack would show as garbage.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/[\uD800-\uDBFF]$/, '').replace(/&[a-z]*$/, '');
  return `${cut}…`;
}
