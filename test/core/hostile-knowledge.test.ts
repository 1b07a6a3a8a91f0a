// Knowledge files that are broken in every way we could think of, and in random ways we
// did not: each reload must end with a clear report, never an exception, a crash or a hang,
// and the knowledge base being served must stay exactly as it was.
import { open, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeStore, type ReloadReport } from '../../src/core/knowledge/store.js';
import { formatProblem } from '../../src/core/knowledge/problems.js';
import { MAX_NESTING } from '../../src/core/knowledge/yaml-file.js';
import { copyOfRealKnowledge, entryYaml, SOURCE_ID } from '../helpers/knowledge-dir.js';
import { isQuoteFrom } from '../helpers/story-text.js';

const QUESTION = 'Who is Tommy Robinson?';
let dir: string;
let store: KnowledgeStore;
beforeAll(async () => {
  dir = await copyOfRealKnowledge();
  store = await KnowledgeStore.open(dir);
});

/** Every error names a file of this knowledge base and says what is wrong in one line. */
function expectClearErrors(report: ReloadReport): void {
  expect(report.errors.length).toBeGreaterThan(0);
  for (const problem of report.errors) {
    const line = formatProblem(problem);
    expect(line).toMatch(new RegExp(`^error ${path.basename(dir)}/\\S+`));
    expect(problem.message.trim().length).toBeGreaterThan(5);
    expect(problem.message).not.toMatch(/\n|\[object Object\]|^could not be loaded|\bat \S+ \(.*:\d+:\d+\)/);
    expect(line.length).toBeLessThan(600);
  }
}

/** Reloads with `file` holding `content`, checks the old base is still served, and restores the file. */
async function reloadRejecting(file: string, content: string | Buffer): Promise<ReloadReport> {
  const target = path.join(dir, file);
  const original = await readFile(target).catch(() => undefined);
  const before = store.current();
  const answer = store.ask(QUESTION);
  await writeFile(target, content);
  try {
    const report = await store.reload();
    expect(report).toMatchObject({ ok: false, keptPrevious: true, entries: before.index.entries.length });
    expect(store.current()).toBe(before);
    expect(store.ask(QUESTION)).toEqual(answer);
    expectClearErrors(report);
    return report;
  } finally {
    if (original) await writeFile(target, original);
    else await rm(target);
  }
}

const entry = (fields: string) => `- id: hostile\n${fields}`;
const goodFields = entryYaml('hostile', 'A hostile question?').split('\n').slice(1).join('\n');

describe('knowledge files with the wrong types', () => {
  it.each([
    ['a map where the list of entries belongs', 'id: hostile\nquestion: A question?\n'],
    ['a bare number', '42\n'],
    ['a bare string', 'just some words\n'],
    ['a list of strings', '- one\n- two\n'],
    ['a list holding null', '- ~\n- null\n'],
    ['a number for an id', goodFields.replace(/^/, '- id: 12345\n')],
    ['a list for a question', entry(goodFields.replace('question: A hostile question?', 'question: [a, b]'))],
    ['a map for the answer', entry(goodFields.replace('answer: Some answer.', 'answer: {text: hi}'))],
    ['a string for the citations', entry(goodFields.replace(/ {2}citations:[\s\S]*$/, '  citations: paragraph thirteen'))],
    ['words for a paragraph number', entry(goodFields.replace('paragraph: 13', 'paragraph: thirteen'))],
    ['a negative paragraph', entry(goodFields.replace('paragraph: 13', 'paragraph: -3'))],
    ['a fractional paragraph', entry(goodFields.replace('paragraph: 13', 'paragraph: 2.5'))],
    ['a huge paragraph number', entry(goodFields.replace('paragraph: 13', 'paragraph: 1e308'))],
    ['a map for the alternates', entry(`${goodFields}\n  alternates: {a: b}`)],
    ['an unknown status', entry(`${goodFields}\n  status: maybe`)],
    ['lists inside the tags', entry(`${goodFields}\n  tags: [[a, [b]], {c: d}]`)],
    ['a number for a quote', entry(goodFields.replace(/quote: .*/, 'quote: 123456789012345'))],
    ['binary data for a quote', entry(goodFields.replace(/quote: .*/, 'quote: !!binary aGVsbG8gd29ybGQgaGVsbG8='))],
  ])('rejects an entries file with %s', async (_, yaml) => {
    const report = await reloadRejecting('entries/hostile.yaml', yaml);
    expect(report.errors.some((p) => p.file.endsWith('entries/hostile.yaml'))).toBe(true);
  });

  it.each([
    ['a list for the source', `- id: ${SOURCE_ID}\n`],
    ['a number for its date', `id: ${SOURCE_ID}\ntext: ${SOURCE_ID}.txt\npublished: 20250103\nheadline: null\noutlet: null\nurl: null\nauthor: null\n`],
    ['a story file outside its folder', `id: ${SOURCE_ID}\ntext: ../../etc/passwd\npublished: 2025-01-03\nheadline: null\noutlet: null\nurl: null\nauthor: null\n`],
  ])('rejects a source with %s', async (_, yaml) => {
    await reloadRejecting(`sources/${SOURCE_ID}.yaml`, yaml);
  });

  it('rejects an aliases file that is a map of maps', async () => {
    await reloadRejecting('aliases.yaml', 'pm: {starmer: keir}\n');
  });
});

describe('knowledge files built to exhaust the parser', () => {
  const nesting = {
    'flow lists': (n: number) => `${'['.repeat(n)}${']'.repeat(n)}\n`,
    'flow maps': (n: number) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`,
    'block maps': (n: number) => `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`,
    'block lists on one line': (n: number) => `${'- '.repeat(n)}1\n`,
    'an entry whose tags nest': (n: number) => entry(`${goodFields}\n  tags: ${'['.repeat(n)}x${']'.repeat(n)}`),
  };
  // A few thousand levels used to exhaust the stack inside the YAML library, which could
  // abort the whole process rather than throw.
  const depths = (form: keyof typeof nesting) => (form === 'block maps' ? [MAX_NESTING + 1, 600] : [MAX_NESTING + 1, 600, 5_000, 20_000]);
  it.each((Object.keys(nesting) as (keyof typeof nesting)[]).flatMap((form) => depths(form).map((depth) => [form, depth] as const)))(
    'rejects %s nested %i deep, saying how deep a file may nest',
    async (form, depth) => {
      const report = await reloadRejecting('entries/hostile.yaml', nesting[form](depth));
      expect(report.errors.map((p) => p.message)).toContainEqual(expect.stringContaining(`more than ${MAX_NESTING} levels deep`));
    },
  );

  it.each([
    ['a billion laughs', ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n')],
    ['aliases multiplying inside an entry', entry(`${goodFields}\n  alternates: &r [x, x, x, x, x, x, x, x]\n  tags: [${Array(60).fill('*r').join(', ')}]`)],
  ])('rejects %s as a resource exhaustion attack', async (_, yaml) => {
    const report = await reloadRejecting('entries/hostile.yaml', yaml);
    expect(report.errors.map((p) => p.message)).toContainEqual(expect.stringMatching(/alias/i));
  });

  it.each([
    ['an entry list that contains itself', '&list [*list]\n'],
    ['an entry whose tags contain themselves', entry(`${goodFields}\n  tags: &t [*t]`)],
    ['an entry that is its own related entry', `- &e\n${goodFields.replace(/^ {2}/, '  ')}\n  id: hostile\n  related: *e`],
  ])('rejects %s without looping', async (_, yaml) => {
    await reloadRejecting('entries/hostile.yaml', yaml);
  });
});

describe('knowledge files too large to be knowledge', () => {
  /** A file of `bytes` that takes no disk space and is never read: only its size is. */
  async function sparse(file: string, bytes: number): Promise<void> {
    const handle = await open(path.join(dir, file), 'w');
    await handle.truncate(bytes);
    await handle.close();
  }

  it.each([
    ['just over the limit', 1_000_001],
    ['of 3 GiB, past what Node could read into one string', 3 * 2 ** 30],
  ])('rejects an entries file %s by its size alone', async (_, bytes) => {
    const before = store.current();
    await sparse('entries/huge.yaml', bytes);
    try {
      const report = await store.reload();
      expect(report).toMatchObject({ ok: false, keptPrevious: true });
      expect(store.current()).toBe(before);
      expectClearErrors(report);
      expect(report.errors).toContainEqual(expect.objectContaining({ file: expect.stringMatching(/entries\/huge\.yaml$/), message: expect.stringMatching(/^is larger than 1,000,000 bytes/) }));
    } finally {
      await rm(path.join(dir, 'entries/huge.yaml'));
    }
  });

  it('rejects a story text of 2 GiB by its size alone', async () => {
    const story = path.join(dir, 'sources', `${SOURCE_ID}.txt`);
    const original = await readFile(story);
    const before = store.current();
    await sparse(`sources/${SOURCE_ID}.txt`, 2 * 2 ** 30);
    try {
      const report = await store.reload();
      expect(report).toMatchObject({ ok: false, keptPrevious: true });
      expect(store.current()).toBe(before);
      expectClearErrors(report);
      expect(report.errors.map((p) => p.message)).toContainEqual(expect.stringMatching(/^names a story file larger than 1,000,000 bytes/));
    } finally {
      await writeFile(story, original);
    }
  });

  it('rejects a file of many small valid-looking entries that is just under the limit', async () => {
    const many = Array.from({ length: 4_000 }, (_, i) => entryYaml(`bulk-${i}`, 'Who is Tommy Robinson?')).join('\n').slice(0, 999_000);
    await reloadRejecting('entries/hostile.yaml', many);
  });
});

describe('knowledge files corrupted at random', () => {
  type Mutation =
    | { kind: 'flip'; at: number; byte: number }
    | { kind: 'truncate'; at: number }
    | { kind: 'delete'; at: number; length: number }
    | { kind: 'insert'; at: number; text: string };

  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(':', '- ', '[', '{', '&a ', '*a', '!!str ', '"', "'", '\t', '\n---\n', ' |\n', '# ', '? ', '\u0000', '\uFEFF')) }),
  );

  function corrupt(bytes: Buffer, mutations: readonly Mutation[]): Buffer {
    let out = bytes;
    for (const m of mutations) {
      const at = m.at % (out.length + 1);
      if (m.kind === 'flip' && out.length > 0) {
        out = Buffer.from(out);
        out[at % out.length] = m.byte;
      } else if (m.kind === 'truncate') out = out.subarray(0, at);
      else if (m.kind === 'delete') out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
      else if (m.kind === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.from(m.text), out.subarray(at)]);
    }
    return out;
  }

  it('never throws, never replaces the base with a broken one, and serves only real quotes when the damage was harmless', async () => {
    const files = [...(await readdir(path.join(dir, 'entries'))).filter((f) => f.endsWith('.yaml')).map((f) => `entries/${f}`), `sources/${SOURCE_ID}.yaml`, 'aliases.yaml'];
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (file, mutations) => {
        const target = path.join(dir, file);
        const original = await readFile(target);
        const before = store.current();
        const answer = store.ask(QUESTION);
        await writeFile(target, corrupt(original, mutations));
        try {
          const report = await store.reload();
          if (!report.ok) {
            rejected++;
            expect(store.current()).toBe(before);
            expect(store.ask(QUESTION)).toEqual(answer);
            expectClearErrors(report);
            return;
          }
          // The damage left a valid base (a changed letter in an answer, say): whatever is
          // served now still quotes the story verbatim.
          for (const e of store.current().knowledge.entries) for (const c of e.citations) expect(isQuoteFrom(dir, c), JSON.stringify(c)).toBe(true);
        } finally {
          await writeFile(target, original);
        }
      }),
      { seed: 7, numRuns: 40 },
    );
    expect(rejected).toBeGreaterThan(10);
    // Back to the files as they were: the real base loads again.
    expect((await store.reload()).ok).toBe(true);
  });
});
