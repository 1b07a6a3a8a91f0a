// npm run eval -- FILE.jsonl [--verbose] [--threshold=0.9] [--follow-up-of=QUESTION] [--baseline=bm25|none]
// Scores a question file ({"q": ..., "expect": [paragraphs] | "none", "kind": ...} per line)
// and prints a table per kind: the curators' batch test after editing the knowledge base.
// With --threshold it fails (exit 1) when too few answerable questions are answered right,
// so a CI job can guard the knowledge base. Under the table, how often the right place was
// found at all, beside a plain BM25 over the story's sentences (--baseline=none leaves it out).
import { readFile } from 'node:fs/promises';
import { evalQuestionSchema, evaluate, placeTally, quotesShown, tally, type EvalQuestion, type EvalRow, type KindTally, type PlaceTally } from '../core/curation/evaluate.js';
import { PlainBm25 } from '../core/curation/bm25-baseline.js';
import { paragraphLabel } from '../core/wording/format.js';
import { whyLines } from '../core/wording/why-words.js';
import type { AnswerResult } from '../core/answering/answer.js';
import type { Explanation } from '../core/answering/why.js';
import { turnOf } from '../core/conversation/conversations.js';
import type { Turn } from '../core/conversation/turns.js';
import type { KnowledgeStore } from '../core/knowledge/store.js';
import { parseCli, usageError } from './args.js';
import { openStore } from './open-store.js';
import { progress } from './progress.js';

const CLI = {
  usage: 'usage: npm run eval -- FILE.jsonl [--verbose] [--threshold=0.9] [--follow-up-of=QUESTION] [--baseline=bm25|none]',
  about: [
    'Scores a question file, one {"q": ..., "expect": [paragraphs] | "none", "kind": ...} per line,',
    'and prints a table per kind. An answer is right when its first quote is from an expected',
    'paragraph; "passage" counts the story\'s own passage from an expected paragraph where no',
    'curated answer was given; a question expecting "none" is right without a curated answer,',
    'and an off-topic one only when nothing of the story is quoted at all. Then, for the answerable',
    'questions, how often the first quote shown (and one of the first three) is from an expected',
    'paragraph, beside a plain BM25 over the story\'s sentences, which has no curation at all.',
  ],
  options: { verbose: { type: 'boolean' }, threshold: { type: 'string' }, 'follow-up-of': { type: 'string' }, baseline: { type: 'string' } },
  help: {
    verbose: 'also list every question not handled right, with why it got the reply it did',
    'follow-up-of': 'ask every question in the conversation of this one, as a follow-up could be (to check questions that are not follow-ups read the same)',
    threshold: 'exit 1 when the accuracy on answerable questions is below this (0 to 1)',
    baseline: 'what to measure the engine against: bm25 (the default), a plain BM25 over the story\'s sentences, or none',
  },
  positionals: { min: 1, max: 1, name: 'question file' },
} as const;

/** Files this long show their progress on stderr while they are scored. */
const PROGRESS_FROM = 500;

async function main(): Promise<number> {
  const { values, positionals } = parseCli(CLI);
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) usageError(CLI, `--threshold must be a number from 0 to 1, such as 0.9, not "${values.threshold}".`);
  const baseline = values.baseline ?? 'bm25';
  if (baseline !== 'bm25' && baseline !== 'none') usageError(CLI, `--baseline must be bm25 or none, not "${baseline}".`);
  const file = positionals[0]!;
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
  const previous = values['follow-up-of'] === undefined ? undefined : firstTurn(store, values['follow-up-of']);
  const shown = questions.length >= PROGRESS_FROM ? progress('questions scored', questions.length) : undefined;
  const rows = evaluate(questions, (q) => store.ask(q, previous), shown && ((done) => shown.update(done)));
  shown?.finish();
  if (values.verbose) printMisses(rows, (result) => store.explain(result));
  const tallies = tally(rows);
  printTable(tallies);
  printPlaces(questions, rows, baseline === 'bm25' ? PlainBm25.of(store.current().knowledge.sources.values()) : undefined);
  if (threshold === undefined) return 0;
  return checkThreshold(tallies, threshold);
}

function checkThreshold(tallies: KindTally[], threshold: number): number {
  const answerable = tallies.find((t) => t.kind === 'answerable');
  if (!answerable) {
    process.stderr.write('--threshold: the file has no answerable questions to measure.\n');
    return 1;
  }
  const accuracy = answerable.correct / answerable.total;
  const verdict = `answerable accuracy ${percent(accuracy)} against the threshold of ${percent(threshold)}`;
  if (accuracy >= threshold) {
    console.log(`\nPassed: ${verdict}.`);
    return 0;
  }
  process.stderr.write(`\nFailed: ${verdict}.\n`);
  return 1;
}

const percent = (n: number) => `${(n * 100).toFixed(1)}%`;

function printTable(tallies: KindTally[]): void {
  const pct = (n: number, d: number) => (d === 0 ? '-' : percent(n / d));
  const header = ['kind', 'questions', 'correct', 'passage', 'wrong', 'declined', 'accuracy', 'with passage'];
  const row = (t: Omit<KindTally, 'kind'>, kind: string) => [kind, t.total, t.correct, t.passage, t.wrong, t.declined, pct(t.correct, t.total), pct(t.correct + t.passage, t.total)].map(String);
  const body = tallies.map((t) => row(t, t.kind));
  const all = tallies.reduce((s, t) => ({ total: s.total + t.total, correct: s.correct + t.correct, passage: s.passage + t.passage, wrong: s.wrong + t.wrong, declined: s.declined + t.declined }), { total: 0, correct: 0, passage: 0, wrong: 0, declined: 0 });
  body.push(row(all, 'all'));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n'));
}

/** How often the right place was found, by the engine and by the plain baseline. */
function printPlaces(questions: readonly EvalQuestion[], rows: readonly EvalRow[], baseline: PlainBm25 | undefined): void {
  const engine = placeTally(questions, (_, i) => quotesShown(rows[i]!.result));
  if (engine.total === 0) return;
  const line = (name: string, t: PlaceTally) => `${name.padEnd(14)}  ${percent(t.first / t.total).padStart(11)}  ${percent(t.firstThree / t.total).padStart(12)}`;
  const lines = ['', `right place, ${engine.total} answerable:`, `${''.padEnd(14)}  first quote  first three`, line('engine', engine)];
  if (baseline) lines.push(line('bm25 baseline', placeTally(questions, (q) => baseline.rank(q.q))));
  console.log(lines.join('\n'));
}

/** The turn a first question leaves behind, for asking the rest as its follow-ups. */
function firstTurn(store: KnowledgeStore, question: string): Turn {
  const first = store.ask(question);
  if (first.kind !== 'answer') usageError(CLI, `--follow-up-of: "${question}" is not answered, so there is nothing to follow up.`);
  return turnOf(store.current().index, first, Date.now());
}

function printMisses(rows: EvalRow[], explain: (result: AnswerResult) => Explanation): void {
  for (const row of rows) {
    if (row.verdict === 'correct') continue;
    const { result } = row;
    const first = result.kind === 'answer' ? result.citations[0] : undefined;
    let got: string;
    if (result.kind === 'answer') got = `${first ? paragraphLabel(first.paragraph) : 'no quote'}, ${result.entry.id}`;
    else if (result.kind === 'passage') got = `passage from ${paragraphLabel(result.passage.paragraph)}`;
    else got = result.nearest ? `declined, nearest ${paragraphLabel(result.nearest.paragraph)}` : 'declined';
    const want = row.question.expect === 'none' ? 'decline' : paragraphLabel(row.question.expect);
    console.log(`${row.verdict.padEnd(8)} ${row.question.q}  -> ${got} (${row.result.confidence.toFixed(2)}), want ${want}`);
    for (const line of whyLines(explain(result))) console.log(`         ${line}`);
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

process.exitCode = await main();
