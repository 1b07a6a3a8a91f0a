// The README is the first thing a newcomer runs, and docs/ holds the rest: their example
// answers must be what the bot prints now, and every file they name must be in the
// repository (or be one the tools make).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleSession } from './helpers/console-session.js';
import { DOC_FILES } from './helpers/doc-files.js';

const README = readFileSync('README.md', 'utf8');
// Where the answer forms and passages examples live since the README became a front door.
const HOW_IT_ANSWERS = 'docs/how-it-answers.md';

/** The indented block that follows `line` in `file` (the README unless given), dedented. */
function exampleAfter(line: string, file = 'README.md'): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim() === line);
  if (start < 0) throw new Error(`${file} has no line "${line}"`);
  const block: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() && !l.startsWith('    ')) break;
    block.push(l.slice(4));
  }
  return block;
}

async function consoleOutput(line: string): Promise<string> {
  const text = await consoleSession([line]);
  // Everything after the banner line.
  return text.slice(text.indexOf('\n') + 1);
}

// The README wraps long lines to fit its page; the words, marks and their order must match.
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the README and docs/', () => {
  it("shows the console's real answer to its example question", async () => {
    const example = exampleAfter('/ask Who is Tommy Robinson?');
    const printed = await consoleOutput('/ask Who is Tommy Robinson?');
    expect(words(example.join('\n'))).toBe(words(printed));
    // Its blank lines separate the same parts as the console's.
    expect(example.join('\n').trim().split(/\n\s*\n/)).toHaveLength(printed.trim().split(/\n\s*\n/).length);
  });

  it("shows the console's real passages, closest first, for its multi-passage example", async () => {
    const asked = '/ask what has musk said about british politics';
    expect(readFileSync(HOW_IT_ANSWERS, 'utf8').split('\n').some((l) => l.trim() === asked)).toBe(true);
    const example = exampleAfter('the console prints', HOW_IT_ANSWERS);
    const printed = await consoleOutput(asked);
    expect(words(example.join('\n'))).toBe(words(printed));
    // More than one passage, each its own line with its paragraph.
    expect(printed.match(/^ {2}paragraph \d+: /gm)?.length).toBeGreaterThan(1);
  });

  it('shows the real replies in its answer forms examples', async () => {
    const lines = exampleAfter("question that gives one person's act to another gets the story's correction instead:", HOW_IT_ANSWERS);
    const pairs = lines.filter((l) => l.trim()).reduce<[string, string][]>((all, l, i, list) => (i % 2 === 0 ? [...all, [l, list[i + 1]!.replace(/^→ /, '')]] : all), []);
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    for (const [question, reply] of pairs) {
      const printed = await consoleOutput(`/ask ${question}`);
      expect(printed.trim().split('\n')[0], question).toBe(reply);
    }
  });

  // Made by the tools the README describes, not kept in the repository.
  const MADE = new Set(['bench/results.json', 'knowledge/entries/drafts/drafts.yaml']);

  it('names only files the repository has or its tools make', () => {
    const text = DOC_FILES.map((file) => readFileSync(file, 'utf8')).join('\n');
    const named = new Set(text.match(/\b(?:dist\/)?(?:knowledge|examples|test|src|bench|scripts|slack|commands)\/[\w./*-]*[\w*]/g));
    // dist/ is what npm run build compiles from src/.
    const source = (file: string) => (file.startsWith('dist/') ? file.slice('dist/'.length).replace(/\.js$/, '.ts') : file);
    const missing = [...named].filter((file) => !MADE.has(file) && !file.includes('*') && file !== 'slack/events' && !existsSync(source(file)));
    expect(missing).toEqual([]);
    expect(named.size).toBeGreaterThan(10);
  });
});

describe('the quick start', () => {
  it('names what the tests need before its first command', () => {
    const start = README.indexOf('## Quick start');
    const before = README.slice(start, README.indexOf('npm ci && npm start', start));
    for (const need of ['redis-server', 'PostgreSQL', 'tmux', 'C++ toolchain', 'g++']) expect(before).toContain(need);
  });
});
