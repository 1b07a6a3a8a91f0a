// Reading one knowledge file: bounded in size, parsed with line numbers kept, and the
// small helpers every reader shares.
import { access } from 'node:fs/promises';
import { currentBudget, KnowledgeReadError, readKnowledgeFile } from './files.js';
import type { Problem } from './problems.js';
import { parseYaml, tooLargeMessage, type ParsedYaml } from './yaml-file.js';

export const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);

/**
 * The file's text, or undefined when it is too large to be knowledge: its size is checked
 * before reading, so a stray multi-gigabyte file costs a stat, not the process's memory.
 * Only a regular file inside the knowledge folder is read (see files.ts); anything else
 * throws a KnowledgeReadError saying what it is.
 */
export async function readBounded(file: string): Promise<string | undefined> {
  try {
    return await readKnowledgeFile(file, currentBudget());
  } catch (error) {
    if (error instanceof KnowledgeReadError && error.message === tooLargeMessage()) return undefined;
    throw error;
  }
}

/** `unparsable` hears the ids a file that is not valid YAML appears to hold (see load.ts). */
export async function readParsed(file: string, shown: string, problems: Problem[], unparsable?: (ids: string[]) => void): Promise<ParsedYaml | undefined> {
  let text: string | undefined;
  try {
    text = await readBounded(file);
  } catch (error) {
    // A load given up on stops here: nobody is waiting for its problems.
    if (error instanceof KnowledgeReadError && currentBudget().aborted) throw error;
    problems.push({ code: 'unreadable', severity: 'error', file: shown, message: error instanceof KnowledgeReadError ? error.message : `cannot be read: ${reason(error)}` });
    return undefined;
  }
  if (text === undefined) {
    problems.push({ code: 'yaml-syntax', severity: 'error', file: shown, message: tooLargeMessage() });
    return undefined;
  }
  const parsed = parseYaml(shown, text);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    unparsable?.(parsed.ids ?? []);
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
