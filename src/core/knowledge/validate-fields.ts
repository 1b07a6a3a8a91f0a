// Schema validation that reports the real problem first. A misspelt field name is the
// commonest slip in a hand-edited file, and on its own it would also make the field it
// meant look missing, and hide every later problem of the item. So an unknown field is
// reported with the name it was probably meant to be ("did you mean `alternates`?"), and
// the item is validated again as if it were spelt right: only problems that remain are
// reported, and an item that then passes can still go through the checks across entries.
import { z } from 'zod';
import { editDistance } from '../search/edit-distance.js';
import { formatPath, type Problem } from './problems.js';
import type { ParsedYaml } from './yaml-file.js';

export interface Validated<T> {
  /** The item, when it passes as written. */
  value?: T;
  /** The item read with its misspelt field names corrected, when it passes that way. */
  repaired?: T;
  /** Maps a path in the repaired item back to the one written in the file. */
  writtenPath(path: readonly PropertyKey[]): PropertyKey[];
}

type Rename = { at: PropertyKey[]; from: string; to: string };

export function validateFields<T extends z.ZodType>(
  schema: T,
  data: unknown,
  base: PropertyKey[],
  file: string,
  parsed: ParsedYaml,
  problems: Problem[],
  /** Names the item in messages ("who-is-musk.answer") instead of its position ("[3].answer"). */
  label?: string,
): Validated<z.output<T>> {
  const first = schema.safeParse(data);
  if (first.success) return { value: first.data, writtenPath: (path) => [...path] };
  const renames: Rename[] = [];
  const unknown: { at: PropertyKey[]; key: string; suggestion?: string }[] = [];
  for (const issue of first.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const here = valueAt(data, issue.path);
    for (const key of issue.keys) {
      const suggestion = closest(key, fieldsAt(schema, issue.path).filter((field) => !(here && typeof here === 'object' && field in here)));
      unknown.push({ at: [...issue.path], key, suggestion });
      if (suggestion && !renames.some((r) => sameList(r.at, issue.path) && r.to === suggestion)) renames.push({ at: [...issue.path], from: key, to: suggestion });
    }
  }
  const writtenPath = (path: readonly PropertyKey[]) =>
    path.map((part, i) => renames.find((r) => r.to === part && sameList(r.at, path.slice(0, i)))?.from ?? part);
  const report = (path: readonly PropertyKey[], message: string) => {
    const inner = writtenPath(path);
    problems.push({ code: 'schema', severity: 'error', file, line: parsed.lineOf([...base, ...inner]), field: formatPath(label ? [label, ...inner] : [...base, ...inner]) || undefined, message });
  };
  for (const { at, key, suggestion } of unknown) {
    const known = fieldsAt(schema, at);
    report([...at, ...(suggestion ? [suggestion] : [key])], suggestion ? `is not a known field; did you mean \`${suggestion}\`?` : `is not a known field (known fields: ${known.join(', ')})`);
  }
  // Read again as meant: the misspelt fields renamed, the unknown ones without a likely meaning left out.
  const second = schema.safeParse(repair(data, unknown, renames));
  if (second.success) return { repaired: second.data, writtenPath };
  for (const issue of second.error.issues) if (issue.code !== 'unrecognized_keys') report(issue.path, issue.message);
  return { writtenPath };
}

/** The closest known field name, if close enough to be a slip of the keyboard. */
function closest(key: string, fields: readonly string[]): string | undefined {
  const max = key.length < 5 ? 1 : key.length < 8 ? 2 : 3;
  let best: { field: string; distance: number } | undefined;
  for (const field of fields) {
    const distance = editDistance(key.toLowerCase(), field, max);
    if (distance <= max && (!best || distance < best.distance)) best = { field, distance };
  }
  return best?.field;
}

/** The field names an object schema allows at a path inside it. */
function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  for (const part of path) {
    if (current instanceof z.ZodArray) current = unwrap(current.element as z.ZodType);
    else if (current instanceof z.ZodObject && typeof part === 'string' && part in current.shape) current = unwrap(current.shape[part] as z.ZodType);
    else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else return current;
  }
}

function repair(data: unknown, unknown: readonly { at: PropertyKey[]; key: string }[], renames: readonly Rename[]): unknown {
  const copy = structuredClone(data);
  for (const { at, key } of unknown) {
    const holder = valueAt(copy, at) as Record<string, unknown> | undefined;
    if (!holder || typeof holder !== 'object') continue;
    const rename = renames.find((r) => sameList(r.at, at) && r.from === key);
    if (rename) holder[rename.to] = holder[key];
    delete holder[key];
  }
  return copy;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const part of path) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function sameList(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}
