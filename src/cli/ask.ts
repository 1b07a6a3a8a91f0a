// npm run ask -- "question"          the answer, as text
// npm run ask -- --json "question"   one JSON object
// npm run ask -- --jsonl             one question per stdin line, one JSON object per line
import { createInterface } from 'node:readline';
import { answerToJson } from '../adapters/console/json.js';
import { renderAnswer } from '../adapters/console/render.js';
import { openStore } from './open-store.js';
import { endQuietlyWhenPipeCloses } from './pipe.js';

const USAGE = 'usage: npm run --silent ask -- [--json] "question" | --jsonl < questions.txt';

async function main(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const jsonl = args.includes('--jsonl');
  const words = args.filter((a) => !a.startsWith('--'));
  if (jsonl === words.length > 0 || args.some((a) => a.startsWith('--') && a !== '--json' && a !== '--jsonl')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const store = await openStore();
  if (jsonl) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) process.stdout.write(`${JSON.stringify(answerToJson(store.ask(line)))}\n`);
    return 0;
  }
  const result = store.ask(words.join(' '));
  process.stdout.write(json ? `${JSON.stringify(answerToJson(result))}\n` : `${renderAnswer(result)}\n`);
  return 0;
}

endQuietlyWhenPipeCloses();
process.exitCode = await main(process.argv.slice(2));
