// `npm run eval` shows, under its table, how often the right place was found, by the engine
// and by a plain BM25 with no curation, so that the gap between them shows on every run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTs } from '../helpers/run-node.js';

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-baseline-'));
  file = path.join(dir, 'questions.jsonl');
  const lines = [
    // Only the engine's aliases (PM = Starmer, DPP) find this: no word of it is in the story.
    { q: 'what did the PM do as DPP', expect: [2] },
    // Its words are the story's own: both find it.
    { q: 'Who is Tommy Robinson?', expect: [13] },
    { q: 'What is the capital of Peru?', expect: 'none', kind: 'off-topic' },
  ];
  await writeFile(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run eval: the engine beside a plain BM25', () => {
  it('prints the share of answerable questions whose first quote, and first three, are from the right paragraph, for both', async () => {
    const { code, stdout } = await runTs('src/cli/eval.ts', [file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^right place, 2 answerable:$/m);
    expect(stdout).toMatch(/^\s+first quote\s+first three$/m);
    expect(stdout).toMatch(/^engine\s+100\.0%\s+100\.0%$/m);
    // The plain baseline has no aliases: "PM" and "DPP" are not words of the story.
    expect(stdout).toMatch(/^bm25 baseline\s+50\.0%\s+50\.0%$/m);
  });

  it('leaves the baseline out with --baseline=none, and refuses any other baseline with its usage', async () => {
    const none = await runTs('src/cli/eval.ts', [file, '--baseline=none']);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^engine\s+100\.0%/m);
    expect(none.stdout).not.toMatch(/bm25 baseline/);
    const wrong = await runTs('src/cli/eval.ts', [file, '--baseline=fuse']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--baseline must be bm25 or none, not "fuse"[\s\S]*usage: npm run eval/);
  });
});
