// How a test starts one of the project's entry points in a child process: compiled once per
// run by the global setup (test/setup/compiled-entries.ts) when it is there, else through
// tsx as npm does in development. Both run the same sources.
import path from 'node:path';

export function entryArgs(script: string): string[] {
  const built = process.env.STORYBOT_TEST_BUILD;
  if (built && /^(src|commands)\/.+\.ts$/.test(script)) return [path.join(built, script.replace(/\.ts$/, '.js'))];
  return ['--import', 'tsx', script];
}
