// Resident memory after loading each synthetic base from disk, each in a fresh process.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface MemoryRow {
  base: string;
  entries: number;
  /** The process with its code and the dictionary loaded, before the knowledge base. */
  rssBefore: number;
  /** Settled resident size once the base is loaded and the load's garbage returned. */
  rss: number;
  heapUsed: number;
  /** The most the process held at once, during the load. */
  peakRss: number;
}

const run = promisify(execFile);

export async function measureMemory(bases: readonly { name: string; dir: string }[]): Promise<MemoryRow[]> {
  const rows: MemoryRow[] = [];
  for (const { name, dir } of bases) {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/memory-child.ts', dir], { maxBuffer: 2 ** 20 });
    rows.push({ base: name, ...(JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<MemoryRow, 'base'>) });
  }
  return rows;
}

export interface TurnsRow {
  turns: number;
  heapBytes: number;
  bytesPerTurn: number;
  putMicros: number;
  fullPutMicros: number;
}

/** The memory turn store filled to its bound, in a fresh process (bench/turns-child.ts). */
export async function measureTurns(dir: string): Promise<TurnsRow> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/turns-child.ts', dir], { maxBuffer: 2 ** 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as TurnsRow;
}
