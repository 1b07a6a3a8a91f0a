// Reading one knowledge file: bounded in size, parsed with line numbers kept, and the
// small helpers every reader shares.
import { access, readFile, stat } from 'node:fs/promises';
import type { Problem } from './problems.js';
import { MAX_FILE_BYTES, parseYaml, tooLargeMessage, type ParsedYaml } from './yaml-file.js';

export const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);

/**
 * The file's text, or undefined when it is too large to be knowledge: its size is checked
 * before reading, so a stray multi-gigabyte file costs a stat, not the process's memory.
 */
export async function readBounded(file: string): Promise<string | undefined> {
  if ((await stat(file)).size > MAX_FILE_BYTES) return undefined;
  return readFile(file, 'utf8');
}

export async function readParsed(file: string, shown: string, problems: Problem[]): Promise<ParsedYaml | undefined> {
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

export function idOf(raw: unknown): string | undefined {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string') return raw.id;
  return undefined;
}

export function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT') return 'no such file or folder';
  return error instanceof Error ? error.message : String(error);
}
