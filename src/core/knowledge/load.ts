// Loads the knowledge folder: sources (story text + metadata), curated entries and story
// aliases. Every problem in every file is collected, so a curator sees the whole list at
// once rather than fixing one error per run.
import path from 'node:path';
import { checkEntries, type Unusable } from './checks.js';
import { CALIBRATION_FILE, readAliases, readCalibration, readStatements } from './optional-files.js';
import { splitStory } from './paragraphs.js';
import { hasErrors, type Problem } from './problems.js';
import { KnowledgeReadError, listFiles, loadBudget, ReadBudget, realRoot, type Refusal } from './files.js';
import { idOf, readBounded, readParsed, reason } from './read-file.js';
import { entrySchema, sourceMetaSchema } from './schema.js';
import { checkStatements } from './statement-checks.js';
import { checkAnswerQuotes } from './answer-quotes.js';
import { typesetQuotes } from '../wording/typeset.js';
import type { Entry, Knowledge, Source } from './types.js';
import { validateFields } from './validate-fields.js';
import { MAX_FILE_BYTES } from './yaml-file.js';

export { CALIBRATION_FILE };

export type LoadResult =
  | { ok: true; knowledge: Knowledge; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

const YAML_FILE = /\.ya?ml$/i;

export interface LoadOptions {
  /** Skip knowledge/calibration/model.json: `npm run calibrate` is about to write it anew. */
  withoutCalibration?: boolean;
  /** Abandons the load at its next file, for a reload whose deadline has passed. */
  signal?: AbortSignal;
}

/** Every file of one load is read within one budget (see files.ts), found here by each reader. */
export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const root = await realRoot(dir);
  return loadBudget.run(new ReadBudget(root, options.signal), () => loadFrom(root, options));
}

async function loadFrom(root: string, options: LoadOptions): Promise<LoadResult> {
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
  const statements = await readStatements(path.join(root, 'quotations.yaml'), display, problems);
  const calibration = options.withoutCalibration ? undefined : await readCalibration(path.join(root, 'calibration', CALIBRATION_FILE), display, problems);
  problems.push(
    ...checkEntries(entries, sources, unusable),
    ...checkStatements(statements, sources, aliases, entries, unusable.sources),
    ...checkAnswerQuotes(entries, sources, aliases, statements),
  );

  if (hasErrors(problems)) return { ok: false, problems };
  return { ok: true, knowledge: { sources, entries, aliases, statements, ...(calibration ? { calibration } : {}) }, warnings: problems };
}

async function listYaml(dir: string, problems: Problem[], display: (f: string) => string): Promise<string[]> {
  const refusals: Refusal[] = [];
  try {
    return await listFiles(dir, (name) => YAML_FILE.test(name), refusals);
  } catch (error) {
    if (error instanceof KnowledgeReadError) throw error;
    problems.push({ code: 'unreadable', severity: 'error', file: display(dir), message: `cannot be read: ${reason(error)}` });
    return [];
  } finally {
    problems.push(...refusals.map((r) => ({ code: 'unreadable' as const, severity: r.severity, file: display(r.file), message: r.message })));
  }
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
    const why = error instanceof KnowledgeReadError ? error.message : `cannot be read: ${reason(error)}`;
    problems.push({ code: 'unreadable', severity: 'error', file: shown, line: parsed.lineOf(['text']), field: 'text', message: `names a story file that ${why}` });
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
  // The entries of a file that is not valid YAML are reported with it, once: what other
  // files relate to them is not reported again as naming no entry.
  const parsed = await readParsed(file, shown, problems, (ids) => ids.forEach((id) => unusable.entries.add(id)));
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
    return [{ ...entry, answer: typesetQuotes(entry.answer), origin: { file: shown, line: parsed.lineOf([index]), lineOf } }];
  });
}

