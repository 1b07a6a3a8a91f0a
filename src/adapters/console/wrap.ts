// Words wrap at the terminal's width: left to the terminal, a line breaks wherever the
// column runs out, mid-word ("Tomm / y"). An indented line (a quote, a list item) carries
// on two columns further in, so each stays visibly one item.

/** The width to wrap at: the terminal's own, else COLUMNS; none when neither is known. */
export function terminalWidth(output: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (output.isTTY && output.columns) return output.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

/** Each line of `text` broken between words so that none is longer than `width`. */
export function wrapText(text: string, width: number | undefined): string {
  if (!width || width < 20) return text;
  return text.split('\n').map((line) => wrapLine(line, width)).join('\n');
}

function wrapLine(line: string, width: number): string {
  const indent = /^\s*/.exec(line)![0];
  if (line.length <= width || indent.length > width / 2) return line;
  const hanging = indent ? `${indent}  ` : '';
  const lines: string[] = [];
  let prefix = indent;
  let current = indent;
  for (const word of line.slice(indent.length).split(/ +/)) {
    if (current.length > prefix.length && current.length + 1 + word.length > width) {
      lines.push(current);
      prefix = current = hanging;
    }
    current = current.length > prefix.length ? `${current} ${word}` : `${current}${word}`;
    // A word longer than a whole line (an address) is cut where the line ends.
    while (current.length > width) {
      lines.push(current.slice(0, width));
      prefix = hanging;
      current = hanging + current.slice(width);
    }
  }
  lines.push(current);
  return lines.join('\n');
}
