import { readdir, rm, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { runCommand, type CommandContext, type CommandReply } from '../../src/core/answering/command.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import type { ProblemCode } from '../../src/core/knowledge/problems.js';
import type { QuestionRecord } from '../../src/core/answering/recorder.js';
import { SOURCE_ID, copyOfRealKnowledge, entryYaml } from '../helpers/knowledge-dir.js';

const command = (name: string) => commands.find((c) => c.data.name === name)!;
const write = (file: string, text: string) => (dir: string) => writeFile(path.join(dir, file), text);
const sourceMeta = `sources/${SOURCE_ID}.yaml`;

// One way to break the knowledge base for each kind of problem the loader reports.
const breakages: [string, ProblemCode, (dir: string) => Promise<void>][] = [
  ['a deleted entries folder', 'unreadable', (dir) => rm(path.join(dir, 'entries'), { recursive: true })],
  ['a deleted story text', 'unreadable', (dir) => rm(path.join(dir, 'sources', `${SOURCE_ID}.txt`))],
  ['YAML that does not parse', 'yaml-syntax', write('entries/broken.yaml', '- id: [oops\n')],
  ['a file too large to be knowledge', 'yaml-syntax', write('entries/huge.yaml', `# ${'x'.repeat(1_100_000)}\n`)],
  ['a misspelt field', 'schema', write('entries/broken.yaml', entryYaml('typo', 'A new question?', '  alternatives: [x]'))],
  ['an id used twice', 'duplicate-id', write('entries/broken.yaml', entryYaml('who-is-tommy-robinson', 'Another question entirely?'))],
  ['an unknown source', 'unknown-source', write('entries/broken.yaml', entryYaml('src', 'A new question?').replace(`source: ${SOURCE_ID}`, 'source: the-times'))],
  ['a paragraph past the end', 'paragraph-out-of-range', write('entries/broken.yaml', entryYaml('far', 'A new question?').replace('paragraph: 13', 'paragraph: 99'))],
  ['a quote not in the story', 'quote-not-verbatim', write('entries/broken.yaml', entryYaml('quote', 'A new question?').replace('contempt of court', 'contempt of the senate'))],
  ['a related id that does not exist', 'unknown-related', write('entries/broken.yaml', entryYaml('rel', 'A new question?', '  related: [nowhere]'))],
  ['a phrasing another entry has', 'duplicate-phrasing', write('entries/broken.yaml', entryYaml('dup', 'Who is Tommy Robinson?'))],
  ['a phrasing the search cannot tell from another', 'self-test-collision', write('entries/broken.yaml', entryYaml('same', 'Tommy Robinson is who?'))],
  ['a story date that disagrees with its text', 'source-date-mismatch', async (dir) => {
    const file = path.join(dir, sourceMeta);
    await writeFile(file, (await readFile(file, 'utf8')).replace('published: 2025-01-03', 'published: 2025-01-04'));
  }],
  ['only drafts left', 'no-entries', async (dir) => {
    for (const name of await readdir(path.join(dir, 'entries'))) await rm(path.join(dir, 'entries', name), { recursive: true });
    await write('entries/drafts.yaml', '- id: staged\n  question: Staged question?\n  status: draft\n')(dir);
  }],
];

describe('reloading safely', () => {
  it.each(breakages)('keeps serving the old index after a reload with %s (%s)', async (_, code, breakIt) => {
    const dir = await copyOfRealKnowledge();
    const store = await KnowledgeStore.open(dir);
    const before = store.current();
    const answer = store.ask('Who is Tommy Robinson?');
    await breakIt(dir);

    const report = await store.reload();

    expect(report.errors.map((p) => p.code)).toContain(code);
    expect(report).toMatchObject({ ok: false, keptPrevious: true, added: [], removed: [], changed: [], entries: before.index.entries.length });
    expect(store.current()).toBe(before);
    expect(store.ask('Who is Tommy Robinson?')).toEqual(answer);
  });

  it('answers every question of a steady stream while reloads, good and bad, come and go', async () => {
    const dir = await copyOfRealKnowledge();
    const records: QuestionRecord[] = [];
    const ctx: CommandContext = { store: await KnowledgeStore.open(dir), recorder: { recordQuestion: (r) => records.push(r), recordVote: () => 'recorded' }, startedAt: new Date() };
    const questions = ['Who is Tommy Robinson?', 'What did Musk accuse Starmer of?', 'Where is Oldham?'];
    const replies: CommandReply[] = [];
    let duringReload = 0;
    let running = true;
    const stream = (async () => {
      for (let i = 0; running; i++) {
        if (ctx.store.reloading) duringReload++;
        replies.push(await runCommand(command('ask'), ctx, { platform: 'console', user: { id: `u${i % 7}`, isAdmin: false }, options: { question: questions[i % questions.length] } }));
        // Yield to the event loop as concurrent requests would, so reloads interleave.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    const outcomes: boolean[] = [];
    for (let round = 0; round < 6; round++) {
      const good = round % 2 === 0;
      await writeFile(path.join(dir, 'entries', 'extra.yaml'), good ? entryYaml(`extra-${round}`, `Extra question number ${round}?`) : '- id: [oops\n');
      outcomes.push((await ctx.store.reload()).ok);
    }
    running = false;
    await stream;

    expect(outcomes).toEqual([true, false, true, false, true, false]);
    expect(duringReload).toBeGreaterThan(0);
    expect(replies.length).toBe(records.length);
    expect(replies.every((r) => r.kind === 'answer' && r.result.answered)).toBe(true);
    expect(ctx.store.answerEntry('extra-4')).toBeDefined();
  });

  it('runs two /reload commands given at once one after the other, each with a whole report', async () => {
    const dir = await copyOfRealKnowledge();
    const ctx: CommandContext = { store: await KnowledgeStore.open(dir), recorder: { recordQuestion: () => undefined, recordVote: () => 'recorded' }, startedAt: new Date() };
    const admin = { platform: 'slack' as const, user: { id: 'U1', isAdmin: true }, options: {} };
    await writeFile(path.join(dir, 'entries', 'extra.yaml'), entryYaml('extra-one', 'Extra question one?'));
    const first = runCommand(command('reload'), ctx, admin);
    const second = runCommand(command('reload'), ctx, admin);
    const [a, b] = await Promise.all([first, second]);
    if (a.kind !== 'reload' || b.kind !== 'reload') throw new Error('expected two reload replies');
    expect(a.report).toMatchObject({ ok: true, added: ['extra-one'] });
    expect(b.report).toMatchObject({ ok: true, added: [] });
    expect(b.report.startedAt.getTime()).toBeGreaterThanOrEqual(a.report.finishedAt.getTime());
  });
});
