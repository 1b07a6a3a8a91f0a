// Loads the knowledge folder: sources (story text + metadata), curated entries and story
// aliases. Every problem in every file is collected, so a curator sees the whole list at
// once rather than fixing one error per run.
import path from 'node:path';
import type { z } from 'zod';
import { checkEntries } from './checks.js';
import { exists, KnowledgeReadError, listFiles, readKnowledgeFile, ReadBudget, realRoot, type Refusal } from './files.js';
import { splitStory } from './paragraphs.js';
import { formatPath, hasErrors, type Problem } from './problems.js';
import { aliasesFileSchema, entrySchema, sourceMetaSchema } from './schema.js';
import type { AliasGroup, Entry, Knowledge, Source } from './types.js';
import { MAX_FILE_BYTES, parseYaml, tooLargeMessage, type ParsedYaml } from './yaml-file.js';

export type LoadResult =
  | { ok: true; knowledge: Knowledge; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

const YAML_FILE = /\.ya?ml$/i;

/** `signal` abandons the load at its next file, for a reload whose deadline has passed. */
export async function loadKnowledge(dir: string, signal?: AbortSignal): Promise<LoadResult> {
  const root = await realRoot(dir);
  const display = (file: string) => path.join(path.basename(root), path.relative(root, file));
  const problems: Problem[] = [];
  const budget = new ReadBudget(root, signal);
  const reader: Reader = { budget, problems, display };

  const sources = new Map<string, Source>();
  for (const file of await listYaml(path.join(root, 'sources'), reader)) {
    const source = await readSource(file, display(file), reader);
    if (source) sources.set(source.id, source);
  }
  if (sources.size === 0 && !hasErrors(problems)) {
    problems.push({ code: 'no-entries', severity: 'error', file: display(path.join(root, 'sources')), message: 'holds no source: add the story text and its metadata' });
  }

  const entries: Entry[] = [];
  for (const file of await listYaml(path.join(root, 'entries'), reader)) {
    entries.push(...(await readEntries(file, display(file), reader)));
  }
  if (!entries.some((entry) => entry.status === 'published') && !hasErrors(problems)) {
    problems.push({ code: 'no-entries', severity: 'error', file: display(path.join(root, 'entries')), message: 'holds no published entry' });
  }

  const aliases = await readAliases(path.join(root, 'aliases.yaml'), reader);
  problems.push(...checkEntries(entries, sources));

  if (hasErrors(problems)) return { ok: false, problems };
  return { ok: true, knowledge: { sources, entries, aliases }, warnings: problems };
}

/** What every file of one load shares: its budget, its list of problems, how files are named. */
interface Reader {
  budget: ReadBudget;
  problems: Problem[];
  display: (file: string) => string;
}

async function listYaml(dir: string, { budget, problems, display }: Reader): Promise<string[]> {
  const refusals: Refusal[] = [];
  try {
    return await listFiles(dir, (name) => YAML_FILE.test(name), budget, refusals);
  } catch (error) {
    if (error instanceof KnowledgeReadError) throw error;
    problems.push({ code: 'unreadable', severity: 'error', file: display(dir), message: `cannot be read: ${reason(error)}` });
    return [];
  } finally {
    problems.push(...refusals.map((r) => ({ code: 'unreadable' as const, severity: r.severity, file: display(r.file), message: r.message })));
  }
}

/** The file's text, or undefined with the reason among the problems. */
async function readText(file: string, reader: Reader): Promise<{ text: string } | { error: string }> {
  try {
    return { text: await readKnowledgeFile(file, reader.budget) };
  } catch (error) {
    // An abandoned load stops here; the caller has given up on it already.
    if (error instanceof KnowledgeReadError && reader.budget.aborted) throw error;
    return { error: error instanceof KnowledgeReadError ? error.message : `cannot be read: ${reason(error)}` };
  }
}

async function readParsed(file: string, shown: string, reader: Reader): Promise<ParsedYaml | undefined> {
  const { problems } = reader;
  const read = await readText(file, reader);
  if ('error' in read) {
    const code = read.error === tooLargeMessage() ? 'yaml-syntax' : 'unreadable';
    problems.push({ code, severity: 'error', file: shown, message: read.error });
    return undefined;
  }
  const parsed = parseYaml(shown, read.text);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  return parsed.value;
}

async function readSource(file: string, shown: string, reader: Reader): Promise<Source | undefined> {
  const { problems } = reader;
  const parsed = await readParsed(file, shown, reader);
  if (!parsed) return undefined;
  const meta = validate(sourceMetaSchema, parsed.data, [], shown, parsed, problems);
  if (!meta) return undefined;
  const textFile = path.resolve(path.dirname(file), meta.text);
  if (path.dirname(textFile) !== path.dirname(file)) {
    problems.push({ code: 'schema', severity: 'error', file: shown, line: parsed.lineOf(['text']), field: 'text', message: 'must name a file in the same folder' });
    return undefined;
  }
  const read = await readText(textFile, reader);
  if ('error' in read) {
    const message = read.error === tooLargeMessage() ? `names a story file larger than ${MAX_FILE_BYTES.toLocaleString('en')} bytes, far more than one story` : `names a story file that ${read.error}`;
    problems.push({ code: 'unreadable', severity: 'error', file: shown, line: parsed.lineOf(['text']), field: 'text', message });
    return undefined;
  }
  const story = splitStory(read.text);
  if (story.date && story.date !== meta.published) {
    problems.push({
      code: 'source-date-mismatch',
      severity: 'error',
      file: shown,
      line: parsed.lineOf(['published']),
      field: 'published',
      message: `is ${meta.published}, but the story text is dated ${story.date}`,
    });
  }
  const { text: _text, ...rest } = meta;
  return { ...rest, paragraphs: story.paragraphs, origin: { file: shown } };
}

async function readEntries(file: string, shown: string, reader: Reader): Promise<Entry[]> {
  const { problems } = reader;
  const parsed = await readParsed(file, shown, reader);
  if (!parsed) return [];
  if (parsed.data === null || parsed.data === undefined) return [];
  if (!Array.isArray(parsed.data)) {
    problems.push({ code: 'schema', severity: 'error', file: shown, line: 1, message: 'must be a YAML list of entries (each starting with "- id:")' });
    return [];
  }
  // Validated one by one so that one bad entry does not hide the problems of the others.
  return parsed.data.flatMap((raw, index): Entry[] => {
    const entry = validate(entrySchema, raw, [index], shown, parsed, problems, idOf(raw));
    if (!entry) return [];
    const lineOf = (path: readonly PropertyKey[]) => parsed.lineOf([index, ...path]);
    return [{ ...entry, origin: { file: shown, line: parsed.lineOf([index]), lineOf } }];
  });
}

async function readAliases(file: string, reader: Reader): Promise<AliasGroup[]> {
  const shown = reader.display(file);
  // The aliases file is optional: a knowledge base can start without any.
  if (!(await exists(file))) return [];
  const parsed = await readParsed(file, shown, reader);
  if (!parsed) return [];
  return validate(aliasesFileSchema, parsed.data ?? [], [], shown, parsed, reader.problems) ?? [];
}

function validate<T extends z.ZodType>(
  schema: T,
  data: unknown,
  base: PropertyKey[],
  file: string,
  parsed: ParsedYaml,
  problems: Problem[],
  /** Names the item in messages ("who-is-musk.answer") instead of its position ("[3].answer"). */
  label?: string,
): z.output<T> | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      const inner = [...issue.path, ...(key === undefined ? [] : [key])];
      const fieldPath = [...base, ...inner];
      const shownPath = label ? [label, ...inner] : fieldPath;
      problems.push({
        code: 'schema',
        severity: 'error',
        file,
        line: parsed.lineOf(fieldPath),
        field: formatPath(shownPath) || undefined,
        message: key === undefined ? issue.message : `is not a known field (check its spelling)`,
      });
    }
  }
  return undefined;
}

function idOf(raw: unknown): string | undefined {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string') return raw.id;
  return undefined;
}

function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT') return 'no such file or folder';
  return error instanceof Error ? error.message : String(error);
}
