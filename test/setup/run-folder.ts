// Global setup for the whole suite: every temporary folder the tests make, and every server
// they start, lives under one folder of this run. Tests and the programs they spawn find it
// through TMPDIR (os.tmpdir() reads it on each call), so teardown can stop whatever is
// still running from the run and remove everything it made, even after a failed or
// interrupted test.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const MARK = 'STORYBOT_TEST_RUN';

export default function setup(): () => Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'storybot-test-run-'));
  // PostgreSQL runs as the postgres user under root, and must be able to reach its folder.
  chmodSync(root, 0o755);
  process.env.TMPDIR = root;
  process.env[MARK] = root;
  return async () => {
    await stopLeftovers(root);
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}

/**
 * Processes started from this run: their environment carries the run's mark, or they work
 * in one of its folders (redis-server rewrites its title over its environment, but runs in
 * the folder the test gave it).
 */
function leftovers(root: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      // vitest's own workers carry the mark too; they are the runner's to end, not leftovers.
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('node_modules/vitest/')) continue;
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (environ.split('\0').includes(`${MARK}=${root}`) || cwd.startsWith(`${root}/`)) found.push(pid);
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return found;
}

async function stopLeftovers(root: string): Promise<void> {
  const first = leftovers(root);
  if (first.length === 0) return;
  const named = first.map(describe);
  // SIGKILL, not SIGTERM: a bot asked to stop shuts down gracefully, and may make its
  // DATA_DIR again (mkdir -p) after the folder is gone. Killed, nothing writes afterwards.
  for (let round = 0; round < 10; round++) {
    const left = leftovers(root);
    if (left.length === 0) break;
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already ended.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.warn(`test teardown: stopped ${first.length} process(es) a test left running: ${named.join('; ')}`);
}

function describe(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').slice(0, 120) || String(pid);
  } catch {
    return String(pid);
  }
}
