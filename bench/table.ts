// Prints rows as an aligned table: the first column left-aligned, the rest right-aligned.

export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
