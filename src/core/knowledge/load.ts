// Loads the knowledge folder: sources (story text + metadata), curated entries and story
// aliases. Every problem in every file is collected, so a curator sees the whole list at
// once rather than fixing one error per run.
import { access, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { checkEntries } from './checks.js';
import { checkStatements } from './statement-checks.js';
import { splitStory } from './paragraphs.js';
import { formatPath, hasErrors, type Problem } from './problems.js';
import type { Calibration } from '../search/config.js';
import { aliasesFileSchema, calibrationSchema, entrySchema, sourceMetaSchema, statementSchema } from './schema.js';
import type { AliasGroup, Entry, Knowledge, Source, Statement } from './types.js';
import { MAX_FILE_BYTES, parseYaml, tooLargeMessage, type ParsedYaml } from './yaml-file.js';

export type LoadResult =
  | { ok: true; knowledge: Knowledge; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

const YAML_FILE = /\.ya?ml$/i;

export interface LoadOptions {
  /** Skip knowledge/calibration/model.json: `npm run calibrate` is about to write it anew. */
  withoutCalibration?: boolean;
}

export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const root = path.resolve(dir);
  const display = (file: string) => path.join(path.basename(root), path.relative(root, file));
  const problems: Problem[] = [];

  const sources = new Map<string, Source>();
  for (const file of await listYaml(path.join(root, 'sources'), problems, display)) {
    const source = await readSource(file, display(file), problems);
    if (source) sources.set(source.id, source);
  }
  if (sources.size === 0 && !hasErrors(problems)) {
    problems.push({ code: 'no-entries', severity: 'error', file: display(path.join(root, 'sources')), message: 'holds no source: add the story text and its metadata' });
  }

  const entries: Entry[] = [];
  for (const file of await listYaml(path.join(root, 'entries'), problems, display)) {
    entries.push(...(await readEntries(file, display(file), problems)));
  }
  if (!entries.some((entry) => entry.status === 'published') && !hasErrors(problems)) {
    problems.push({ code: 'no-entries', severity: 'error', file: display(path.join(root, 'entries')), message: 'holds no published entry' });
  }

  const aliases = await readAliases(path.join(root, 'aliases.yaml'), display, problems);
  const statements = await readStatements(path.join(root, 'quotations.yaml'), display, problems);
  const calibration = options.withoutCalibration ? undefined : await readCalibration(path.join(root, 'calibration', CALIBRATION_FILE), display, problems);
  problems.push(...checkEntries(entries, sources), ...checkStatements(statements, sources, aliases, entries));

  if (hasErrors(problems)) return { ok: false, problems };
  return { ok: true, knowledge: { sources, entries, aliases, statements, ...(calibration ? { calibration } : {}) }, warnings: problems };
}

async function listYaml(dir: string, problems: Problem[], display: (f: string) => string): Promise<string[]> {
  try {
    const names = await readdir(dir, { recursive: true });
    return names.filter((name) => YAML_FILE.test(name)).sort().map((name) => path.join(dir, name));
  } catch (error) {
    problems.push({ code: 'unreadable', severity: 'error', file: display(dir), message: `cannot be read: ${reason(error)}` });
    return [];
  }
}

/**
 * The file's text, or undefined when it is too large to be knowledge: its size is checked
 * before reading, so a stray multi-gigabyte file costs a stat, not the process's memory.
 */
async function readBounded(file: string): Promise<string | undefined> {
  if ((await stat(file)).size > MAX_FILE_BYTES) return undefined;
  return readFile(file, 'utf8');
}

async function readParsed(file: string, shown: string, problems: Problem[]): Promise<ParsedYaml | undefined> {
  let text: string | undefined;
  try {
    text = await readBounded(file);
  } catch (error) {
    problems.push({ code: 'unreadable', severity: 'error', file: shown, message: `cannot be read: ${reason(error)}` });
    return undefined;
  }
  if (text === undefined) {
    problems.push({ code: 'yaml-syntax', severity: 'error', file: shown, message: tooLargeMessage() });
    return undefined;
  }
  const parsed = parseYaml(shown, text);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  return parsed.value;
}

async function readSource(file: string, shown: string, problems: Problem[]): Promise<Source | undefined> {
  const parsed = await readParsed(file, shown, problems);
  if (!parsed) return undefined;
  const meta = validate(sourceMetaSchema, parsed.data, [], shown, parsed, problems);
  if (!meta) return undefined;
  const textFile = path.resolve(path.dirname(file), meta.text);
  if (path.dirname(textFile) !== path.dirname(file)) {
    problems.push({ code: 'schema', severity: 'error', file: shown, line: parsed.lineOf(['text']), field: 'text', message: 'must name a file in the same folder' });
    return undefined;
  }
  let text: string | undefined;
  try {
    text = await readBounded(textFile);
  } catch (error) {
    problems.push({ code: 'unreadable', severity: 'error', file: shown, line: parsed.lineOf(['text']), field: 'text', message: `names a story file that cannot be read: ${reason(error)}` });
    return undefined;
  }
  if (text === undefined) {
    problems.push({ code: 'unreadable', severity: 'error', file: shown, line: parsed.lineOf(['text']), field: 'text', message: `names a story file larger than ${MAX_FILE_BYTES.toLocaleString('en')} bytes, far more than one story` });
    return undefined;
  }
  const story = splitStory(text);
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

async function readEntries(file: string, shown: string, problems: Problem[]): Promise<Entry[]> {
  const parsed = await readParsed(file, shown, problems);
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

async function readAliases(file: string, display: (f: string) => string, problems: Problem[]): Promise<AliasGroup[]> {
  const shown = display(file);
  // The aliases file is optional: a knowledge base can start without any.
  if (!(await access(file).then(() => true, () => false))) return [];
  const parsed = await readParsed(file, shown, problems);
  if (!parsed) return [];
  return validate(aliasesFileSchema, parsed.data ?? [], [], shown, parsed, problems) ?? [];
}

async function readStatements(file: string, display: (f: string) => string, problems: Problem[]): Promise<Statement[]> {
  const shown = display(file);
  // Optional too: without it, quote checks still find phrases but name no speakers.
  if (!(await access(file).then(() => true, () => false))) return [];
  const parsed = await readParsed(file, shown, problems);
  if (!parsed) return [];
  if (parsed.data === null || parsed.data === undefined) return [];
  if (!Array.isArray(parsed.data)) {
    problems.push({ code: 'schema', severity: 'error', file: shown, line: 1, message: 'must be a YAML list of statements (each starting with "- id:")' });
    return [];
  }
  return parsed.data.flatMap((raw, index): Statement[] => {
    const statement = validate(statementSchema, raw, [index], shown, parsed, problems, idOf(raw));
    return statement ? [{ ...statement, origin: { file: shown, line: parsed.lineOf([index]) } }] : [];
  });
}

/** Written by `npm run calibrate`; absent, the engine uses its built-in defaults. */
export const CALIBRATION_FILE = 'model.json';

async function readCalibration(file: string, display: (f: string) => string, problems: Problem[]): Promise<Calibration | undefined> {
  const shown = display(file);
  if (!(await access(file).then(() => true, () => false))) return undefined;
  let data: unknown;
  try {
    data = JSON.parse((await readBounded(file)) ?? 'null');
  } catch (error) {
    problems.push({ code: 'unreadable', severity: 'error', file: shown, message: `is not valid JSON (${reason(error)}); run npm run calibrate to write it again` });
    return undefined;
  }
  const parsed = calibrationSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  // An engine upgrade can change the features the models weigh: fitting them again fixes it.
  for (const issue of parsed.error.issues) {
    problems.push({ code: 'schema', severity: 'error', file: shown, field: formatPath(issue.path) || undefined, message: `${issue.message}; run npm run calibrate to fit the models again` });
  }
  return undefined;
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
