// Loads the knowledge folder: sources (story text + metadata), curated entries and story
// aliases. Every problem in every file is collected, so a curator sees the whole list at
// once rather than fixing one error per run.
import { access, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkEntries, type Unusable } from './checks.js';
import { splitStory } from './paragraphs.js';
import { hasErrors, type Problem } from './problems.js';
import { aliasesFileSchema, entrySchema, sourceMetaSchema } from './schema.js';
import type { AliasGroup, Entry, Knowledge, Source } from './types.js';
import { validateFields } from './validate-fields.js';
import { MAX_FILE_BYTES, parseYaml, tooLargeMessage, type ParsedYaml } from './yaml-file.js';

export type LoadResult =
  | { ok: true; knowledge: Knowledge; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

const YAML_FILE = /\.ya?ml$/i;

export async function loadKnowledge(dir: string): Promise<LoadResult> {
  const root = path.resolve(dir);
  const display = (file: string) => path.join(path.basename(root), path.relative(root, file));
  const problems: Problem[] = [];
  // Ids of entries and sources whose own problems are reported already: what refers to
  // them is not reported again as referring to something that does not exist.
  const unusable: Unusable = { entries: new Set(), sources: new Set() };

  const sources = new Map<string, Source>();
  for (const file of await listYaml(path.join(root, 'sources'), problems, display)) {
    const source = await readSource(file, display(file), problems, unusable);
    if (source) sources.set(source.id, source);
  }
  if (sources.size === 0 && !hasErrors(problems)) {
    problems.push({ code: 'no-entries', severity: 'error', file: display(path.join(root, 'sources')), message: 'holds no source: add the story text and its metadata' });
  }

  const entries: Entry[] = [];
  for (const file of await listYaml(path.join(root, 'entries'), problems, display)) {
    entries.push(...(await readEntries(file, display(file), problems, unusable)));
  }
  if (!entries.some((entry) => entry.status === 'published') && !hasErrors(problems)) {
    problems.push({ code: 'no-entries', severity: 'error', file: display(path.join(root, 'entries')), message: 'holds no published entry' });
  }

  const aliases = await readAliases(path.join(root, 'aliases.yaml'), display, problems);
  problems.push(...checkEntries(entries, sources, unusable));

  if (hasErrors(problems)) return { ok: false, problems };
  return { ok: true, knowledge: { sources, entries, aliases }, warnings: problems };
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

async function readSource(file: string, shown: string, problems: Problem[], unusable: Unusable): Promise<Source | undefined> {
  const parsed = await readParsed(file, shown, problems);
  if (!parsed) return undefined;
  const checked = validateFields(sourceMetaSchema, parsed.data, [], shown, parsed, problems);
  const meta = checked.value ?? checked.repaired;
  if (!meta) {
    const id = idOf(parsed.data);
    if (id) unusable.sources.add(id);
    return undefined;
  }
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

async function readEntries(file: string, shown: string, problems: Problem[], unusable: Unusable): Promise<Entry[]> {
  const parsed = await readParsed(file, shown, problems);
  if (!parsed) return [];
  if (parsed.data === null || parsed.data === undefined) return [];
  if (!Array.isArray(parsed.data)) {
    problems.push({ code: 'schema', severity: 'error', file: shown, line: 1, message: 'must be a YAML list of entries (each starting with "- id:")' });
    return [];
  }
  // Validated one by one so that one bad entry does not hide the problems of the others.
  return parsed.data.flatMap((raw, index): Entry[] => {
    const checked = validateFields(entrySchema, raw, [index], shown, parsed, problems, idOf(raw));
    // An entry read only with its misspelt fields corrected still goes through the checks
    // across entries, so that its other problems (a quote not in the story) show now too.
    const entry = checked.value ?? checked.repaired;
    if (!entry) {
      const id = idOf(raw);
      if (id) unusable.entries.add(id);
      return [];
    }
    const lineOf = (path: readonly PropertyKey[]) => parsed.lineOf([index, ...checked.writtenPath(path)]);
    return [{ ...entry, origin: { file: shown, line: parsed.lineOf([index]), lineOf } }];
  });
}

async function readAliases(file: string, display: (f: string) => string, problems: Problem[]): Promise<AliasGroup[]> {
  const shown = display(file);
  // The aliases file is optional: a knowledge base can start without any.
  if (!(await access(file).then(() => true, () => false))) return [];
  const parsed = await readParsed(file, shown, problems);
  if (!parsed) return [];
  const checked = validateFields(aliasesFileSchema, parsed.data ?? [], [], shown, parsed, problems);
  return checked.value ?? checked.repaired ?? [];
}

function idOf(raw: unknown): string | undefined {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string') return raw.id;
  return undefined;
}

function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT') return 'no such file or folder';
  return error instanceof Error ? error.message : String(error);
}
