// How every npm script runs its TypeScript entry point, in plain JavaScript so that it needs
// nothing installed to start. It runs the compiled file under dist/ when that is up to date
// with the sources (start-up about twice as fast, and no tsx: a production install has none);
// otherwise tsx runs the source, as in development, where the sources change between builds;
// and with neither, it compiles first. `--build` compiles (npm's `prepare` step, so that
// `npm ci --omit=dev` leaves a runnable dist/).
//
//   node scripts/launch.mjs src/cli/ask.ts [arguments...]
//   node scripts/launch.mjs --build
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
// What a build reads; tsconfig.build.json names the folders.
const SOURCES = ['src', 'commands', 'tsconfig.json', 'tsconfig.build.json'];
const require = createRequire(path.join(ROOT, 'package.json'));

/** The newest (or oldest) time a file under `target` was changed; a few ms for the whole tree. */
function changed(target, pick, files = (name) => true) {
  const info = statSync(target, { throwIfNoEntry: false });
  if (!info) return undefined;
  if (!info.isDirectory()) return files(target) ? info.mtimeMs : undefined;
  const times = readdirSync(target).map((name) => changed(path.join(target, name), pick, files)).filter((t) => t !== undefined);
  return times.length ? pick(...times) : undefined;
}

// Current when every compiled file is newer than every source: a build that stopped half-way
// (or `npm run build` with type errors) leaves some older, and is not run.
function builtIsCurrent() {
  const oldestBuilt = changed(DIST, Math.min, (file) => file.endsWith('.js'));
  const newestSource = Math.max(0, ...SOURCES.map((s) => changed(path.join(ROOT, s), Math.max) ?? 0));
  return oldestBuilt !== undefined && newestSource <= oldestBuilt;
}

const installed = (name) => {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
};

/** Compiles without type checking (--noCheck): `npm run build` and `npm test` check types. */
function build() {
  if (!installed('typescript/package.json')) {
    process.stderr.write('StoryBot: dist/ is missing or older than the sources, and neither tsx nor typescript is installed to run or compile them. Run `npm ci` (or `npm ci --omit=dev`) in this folder first.\n');
    process.exit(1);
  }
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  // From nothing: a compiled file whose source is gone would stay older than the rest.
  rmSync(DIST, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--noCheck'], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write('StoryBot: compiling the sources into dist/ failed (the lines above say why).\n');
    process.exit(1);
  }
}

const [entry, ...rest] = process.argv.slice(2);
if (entry === undefined) {
  process.stderr.write('usage: node scripts/launch.mjs ENTRY.ts [arguments...] | --build\n');
  process.exit(2);
}
if (entry === '--build') {
  // A copy without the sources (the Dockerfile's dependency layer) has nothing to compile.
  if (existsSync(path.join(ROOT, 'src'))) build();
  process.exit(0);
}

const source = path.resolve(ROOT, entry);
const compiled = path.join(DIST, path.relative(ROOT, source).replace(/\.ts$/, '.js'));
let target = compiled;
if (!builtIsCurrent()) {
  if (installed('tsx/package.json')) {
    const { register } = await import('tsx/esm/api');
    register();
    target = source;
  } else {
    build();
  }
}
// The entry point reads its arguments from process.argv as if node had started it directly.
process.argv = [process.argv[0], target, ...rest];
await import(pathToFileURL(target).href);
