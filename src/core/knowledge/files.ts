// Finding and reading the knowledge files without trusting the folder. Only regular files
// inside KNOWLEDGE_DIR are read: a link out of it (`ln -s / entries/archive`) is never
// followed, a FIFO or device is never opened in a way that can block, and one load reads a
// bounded number of files and bytes, so a stray tree or dump costs a clear message rather
// than the heap or a stuck thread. Node's own readdir({ recursive: true }) follows links
// and has no bound, and readFile on a FIFO waits for a writer for ever.
import { AsyncLocalStorage } from 'node:async_hooks';
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_FILE_BYTES, tooLargeMessage } from './yaml-file.js';

export const KNOWLEDGE_LIMITS = Object.freeze({
  /** Files read in one load: a large curated base is tens of files. */
  maxFiles: 2_000,
  /** Bytes read in one load, all files together: a 10,000-entry base is about 10 MB. */
  maxTotalBytes: 50_000_000,
  /** Files and folders looked at while listing, so a huge tree is given up on early. */
  maxListed: 20_000,
  /** Folders inside entries/ or sources/, nested. */
  maxDepth: 8,
});

/** A file or folder that will not be read, and why; `severity` follows the loader's problems. */
export interface Refusal {
  file: string;
  severity: 'error' | 'warning';
  message: string;
}

export class KnowledgeReadError extends Error {}

/** What one load may still read, shared by every file of it. */
export class ReadBudget {
  private files = 0;
  private bytes = 0;

  constructor(
    readonly root: string,
    private readonly signal?: AbortSignal,
    private readonly limits = KNOWLEDGE_LIMITS,
  ) {}

  get aborted(): boolean {
    return this.signal?.aborted ?? false;
  }

  /** Throws once the load was abandoned (its deadline passed), so it stops at the next file. */
  checkAborted(): void {
    if (this.aborted) throw new KnowledgeReadError('the load was abandoned');
  }

  take(bytes: number): string | undefined {
    this.files += 1;
    this.bytes += bytes;
    if (this.files > this.limits.maxFiles) return `is one file more than the ${this.limits.maxFiles.toLocaleString('en')} a knowledge base may have`;
    if (this.bytes > this.limits.maxTotalBytes) return `takes the knowledge base past ${this.limits.maxTotalBytes.toLocaleString('en')} bytes in all`;
    return undefined;
  }
}

/**
 * The budget of the load under way, set once by loadKnowledge around the whole load rather
 * than handed down through every reader of every kind of file.
 */
export const loadBudget = new AsyncLocalStorage<ReadBudget>();

/** The load's budget; a file read outside any load gets one of its own, with no folder to keep to. */
export function currentBudget(): ReadBudget {
  return loadBudget.getStore() ?? new ReadBudget(path.parse(process.cwd()).root);
}

export async function realRoot(dir: string): Promise<string> {
  return realpath(path.resolve(dir)).catch(() => path.resolve(dir));
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function kindOf(entry: { isFIFO(): boolean; isSocket(): boolean; isBlockDevice(): boolean; isCharacterDevice(): boolean }): string {
  if (entry.isFIFO()) return 'a FIFO (named pipe)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'a device';
  return 'not a regular file';
}

const notRegular = (kind: string) => `is ${kind}, not a regular file; only regular files are read`;
const linkOut = (target: string) => `is a link to ${target}, outside the knowledge folder; only files inside it are read`;

/**
 * The files under `dir` whose names match, sorted, walking folders one level at a time and
 * never through a link. A link to a file inside the knowledge folder is read like the file.
 */
export async function listFiles(dir: string, matches: (name: string) => boolean, refusals: Refusal[], limits = KNOWLEDGE_LIMITS): Promise<string[]> {
  const budget = currentBudget();
  const found: string[] = [];
  const pending: [string, number][] = [[dir, 0]];
  let listed = 0;
  for (let next = pending.shift(); next; next = pending.shift()) {
    const [folder, depth] = next;
    budget.checkAborted();
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (++listed > limits.maxListed) {
        refusals.push({ file: dir, severity: 'error', message: `holds more than ${limits.maxListed.toLocaleString('en')} files and folders; a knowledge base needs far fewer` });
        return found.sort();
      }
      if (entry.isDirectory()) {
        if (depth + 1 > limits.maxDepth) refusals.push({ file: full, severity: 'error', message: `is nested more than ${limits.maxDepth} folders deep` });
        else pending.push([full, depth + 1]);
      } else if (entry.isSymbolicLink()) {
        const refusal = await linkRefusal(full, budget.root, matches(entry.name));
        if (refusal) refusals.push(refusal);
        else if (matches(entry.name)) found.push(full);
      } else if (matches(entry.name)) {
        if (entry.isFile()) found.push(full);
        else refusals.push({ file: full, severity: 'error', message: notRegular(kindOf(entry)) });
      }
    }
  }
  return found.sort();
}

/** Why a link found while listing is not read, or undefined for a link to a file inside. */
async function linkRefusal(link: string, root: string, wanted: boolean): Promise<Refusal | undefined> {
  const target = await realpath(link).catch(() => undefined);
  if (target === undefined) return wanted ? { file: link, severity: 'error', message: 'is a link to nothing that exists' } : undefined;
  if (!isInside(root, target)) return { file: link, severity: 'error', message: linkOut(target) };
  const info = await stat(target);
  if (info.isDirectory()) return { file: link, severity: 'warning', message: 'is a link to a folder, which is not followed; move the files themselves here' };
  if (wanted && !info.isFile()) return { file: link, severity: 'error', message: notRegular(kindOf(info)) };
  return undefined;
}

/**
 * The text of one file, or a KnowledgeReadError saying why not. The file is opened without
 * blocking and without following a final link, and checked on the open handle, so what is
 * read is the regular file that was checked, not whatever replaced it meanwhile.
 */
export async function readKnowledgeFile(file: string, budget: ReadBudget): Promise<string> {
  budget.checkAborted();
  let target = file;
  if ((await lstat(file)).isSymbolicLink()) {
    target = await realpath(file);
    if (!isInside(budget.root, target)) throw new KnowledgeReadError(linkOut(target));
  }
  const handle = await open(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new KnowledgeReadError(notRegular(kindOf(info)));
    if (info.size > MAX_FILE_BYTES) throw new KnowledgeReadError(tooLargeMessage());
    const over = budget.take(info.size);
    if (over) throw new KnowledgeReadError(over);
    // One byte more than allowed: a file that grew since the check is still caught.
    const buffer = Buffer.alloc(Math.min(info.size, MAX_FILE_BYTES) + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      ({ bytesRead: read } = await handle.read(buffer, length, buffer.length - length, length));
    }
    if (length > MAX_FILE_BYTES) throw new KnowledgeReadError(tooLargeMessage());
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}
