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
  help: { json: 'print one JSON object instead of text', jsonl: 'read one question per stdin line; print one JSON object per line' },
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
      const result = store.ask(line);
      process.stdout.write(`${JSON.stringify(answerToJson(result, store.explain(result)))}\n`);
    }
    return 0;
  }
  const result = store.ask(positionals.join(' '));
  process.stdout.write(values.json ? `${JSON.stringify(answerToJson(result, store.explain(result)))}\n` : `${renderAnswer(result)}\n`);
  return 0;
}

endQuietlyWhenPipeCloses();
process.exitCode = await main();
