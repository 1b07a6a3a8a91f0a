// npm run ask -- "question"          the answer, as text
// npm run ask -- --json "question"   one JSON object
// npm run ask -- --jsonl             one question per stdin line, one JSON object per line
import { createInterface } from 'node:readline';
import { answerToJson } from '../adapters/console/json.js';
import { renderAnswer } from '../adapters/console/render.js';
import { parseCli, usageError } from './args.js';
import { openStore } from './open-store.js';
import { endQuietlyWhenPipeCloses } from './pipe.js';

const CLI = {
  usage: 'usage: npm run --silent ask -- [--json] "question" | --jsonl < questions.txt',
  about: ['Asks the knowledge base one question, or one per line of stdin with --jsonl, as the bot would.'],
  options: { json: { type: 'boolean' }, jsonl: { type: 'boolean' } },
  help: { json: 'print one JSON object instead of text', jsonl: 'read one question per stdin line (plain text, or a JSON object with "q"); print one JSON object per line' },
  positionals: { max: Infinity, name: 'question' },
} as const;

async function main(): Promise<number> {
  const { values, positionals } = parseCli(CLI);
  if (values.jsonl && positionals.length > 0) usageError(CLI, '--jsonl reads its questions from stdin, not the command line.');
  if (!values.jsonl && positionals.length === 0) usageError(CLI, 'Missing question.');
  const store = await openStore();
  if (values.jsonl) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const result = store.ask(questionOfLine(line));
      process.stdout.write(`${JSON.stringify(answerToJson(result, store.explain(result)))}\n`);
    }
    return 0;
  }
  const result = store.ask(positionals.join(' '));
  process.stdout.write(values.json ? `${JSON.stringify(answerToJson(result, store.explain(result)))}\n` : `${renderAnswer(result)}\n`);
  return 0;
}

/**
 * A line of plain text is the question; so is the "q" (or "question") of a line that is a
 * JSON object, so that a question file (as npm run eval reads) can be piped in as it is.
 */
function questionOfLine(line: string): string {
  if (!line.trimStart().startsWith('{')) return line;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed && typeof parsed === 'object') {
      const { q, question } = parsed as { q?: unknown; question?: unknown };
      if (typeof q === 'string') return q;
      if (typeof question === 'string') return question;
    }
  } catch {
    // Not JSON after all: a question that happens to start with a brace.
  }
  return line;
}

endQuietlyWhenPipeCloses();
process.exitCode = await main();
