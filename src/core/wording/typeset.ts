// Quotation marks typeset one way: curly, as the story prints them and as the bot's own
// wording does. Curators type straight ones; each pair in an answer becomes “…” at load,
// so a reply never mixes “this” and "that". An unpaired mark is left for validate to report.

export function typesetQuotes(text: string): string {
  return text.replace(/"([^"\n]*)"/g, '“$1”');
}
