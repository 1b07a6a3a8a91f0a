// Global setup: the project's entry points compiled once for the whole run. About two
// hundred child processes (the bot, the CLI tools) are started by the tests; through tsx
// each paid half a second or more compiling the same sources again. esbuild turns the
// sources into plain JavaScript in well under a second, in a folder inside node_modules so
// that the compiled files resolve the project's packages as dist/ does. Type checking is
// not its job: `npm test` runs tsc first.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build, stop } from 'esbuild';

export const BUILD_DIR_VARIABLE = 'STORYBOT_TEST_BUILD';

export default async function setup(): Promise<() => void> {
  const outdir = path.resolve('node_modules/.cache', `storybot-test-build-${process.pid}`);
  await build({
    entryPoints: ['src/**/*.ts', 'commands/**/*.ts'],
    outdir,
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  // esbuild keeps a service process for later builds; there are none, and teardown would
  // otherwise find it still running.
  await stop();
  process.env[BUILD_DIR_VARIABLE] = outdir;
  return () => rmSync(outdir, { recursive: true, force: true });
}
