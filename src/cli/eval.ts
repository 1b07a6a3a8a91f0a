// npm run eval -- FILE.jsonl [--verbose]
// Scores a question file ({"q": ..., "expect": [paragraphs] | "none", "kind": ...} per line)
// and prints a table per kind: the curators' batch test after editing the knowledge base.
import { readFile } from 'node:fs/promises';
import { evalQuestionSchema, evaluate, tally, type EvalRow } from '../core/curation/evaluate.js';
import { openStore } from './open-store.js';

async function main(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: npm run eval -- FILE.jsonl [--verbose]\n');
    return 2;
  }
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
  const questions = [];
  for (const [i, line] of lines.entries()) {
    const parsed = evalQuestionSchema.safeParse(safeJson(line));
    if (!parsed.success) {
      process.stderr.write(`${file}:${i + 1}: not a question line: ${parsed.error.issues[0]?.message ?? 'invalid JSON'}\n`);
      return 2;
    }
    questions.push(parsed.data);
  }
  const store = await openStore();
  const rows = evaluate(questions, (q) => store.ask(q));
  if (args.includes('--verbose')) printMisses(rows);
  printTable(rows);
  return 0;
}

function printTable(rows: EvalRow[]): void {
  const tallies = tally(rows);
  const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
  const header = ['kind', 'questions', 'correct', 'wrong', 'declined', 'accuracy'];
  const body = tallies.map((t) => [t.kind, t.total, t.correct, t.wrong, t.declined, pct(t.correct, t.total)].map(String));
  const all = tallies.reduce((s, t) => ({ total: s.total + t.total, correct: s.correct + t.correct, wrong: s.wrong + t.wrong, declined: s.declined + t.declined }), { total: 0, correct: 0, wrong: 0, declined: 0 });
  body.push(['all', all.total, all.correct, all.wrong, all.declined, pct(all.correct, all.total)].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n'));
}

function printMisses(rows: EvalRow[]): void {
  for (const row of rows) {
    if (row.verdict === 'correct') continue;
    const got = row.result.answered ? `¶${row.result.citations[0]?.paragraph} ${row.result.entry.id}` : 'declined';
    const want = row.question.expect === 'none' ? 'decline' : `¶${row.question.expect.join('/')}`;
    console.log(`${row.verdict.padEnd(8)} ${row.question.q}  -> ${got} (${row.result.confidence.toFixed(2)}), want ${want}`);
  }
  console.log();
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

process.exitCode = await main(process.argv.slice(2));
