// What can be checked of the Docker image without a Docker engine: that every file it
// copies is in the build context, every npm script and compiled path it names exists, and
// that it has the shape it promises. `npm run check:docker` (in CI) replays its steps.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { all, dockerignore, envOf, npmScriptsNamed, parseDockerfile, workdirOf, type Stage } from '../../scripts/dockerfile.js';

const stages = parseDockerfile(readFileSync('Dockerfile', 'utf8'));
const ignored = dockerignore(readFileSync('.dockerignore', 'utf8'));
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
const [build, final] = [stages[0]!, stages.at(-1)!];
const outDir = (JSON.parse(readFileSync('tsconfig.json', 'utf8')) as { compilerOptions: { outDir: string } }).compilerOptions.outDir;

const runs = (stage: Stage) => all(stage, 'RUN').map((r) => r.words.join(' '));
const copiedFromContext = stages.flatMap((s) => all(s, 'COPY').filter((c) => !c.flags.from).flatMap((c) => c.words.slice(0, -1)));
/** A compiled file the image runs, e.g. dist/src/index.js, as the source it is built from. */
const sourceOf = (compiled: string) => path.join(path.relative(outDir, compiled)).replace(/\.js$/, '.ts');

describe('the Dockerfile', () => {
  it('builds on Node 20 slim and runs on the Debian slim release it is made from, with node taken from the build stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build.image).toMatch(/^node:20(\.\d+)*-slim(@sha256:[0-9a-f]{64})?$/);
    // node:20-slim is Debian bookworm's slim image: node needs that release's libraries.
    expect(final.image).toMatch(/^debian:bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    const copies = all(final, 'COPY').filter((c) => c.flags.from === build.name);
    const node = copies.find((c) => c.words[0] === '/usr/local/bin/node');
    expect(node?.words.at(-1)).toBe('/usr/local/bin/node');
    // The `node` user comes with the build stage's user database, before anything is handed to it.
    const users = copies.findIndex((c) => c.words.includes('/etc/passwd') && c.words.includes('/etc/group'));
    expect(users).toBeGreaterThanOrEqual(0);
    expect(final.instructions.indexOf(copies[users]!)).toBeLessThan(final.instructions.findIndex((i) => i.flags.chown !== undefined));
  });

  it('installs with npm ci, builds and drops development dependencies in the first stage, with the compilers better-sqlite3 needs', () => {
    const commands = runs(build).join('\n');
    expect(commands).toMatch(/\bnpm ci\b/);
    expect(commands).toMatch(/\bnpm run build\b/);
    expect(commands).toMatch(/\bnpm prune --omit=dev\b/);
    expect(commands.indexOf('npm prune')).toBeGreaterThan(commands.indexOf('npm run build'));
    for (const tool of ['python3', 'make', 'g++']) expect(commands).toContain(tool);
  });

  it('builds nothing in the last stage: it takes the pruned node_modules and the compiled code from the first', () => {
    expect(runs(final)).toEqual([]);
    const fromBuild = all(final, 'COPY').filter((c) => c.flags.from === build.name);
    const taken = fromBuild.flatMap((c) => c.words.slice(0, -1)).filter((p) => !p.startsWith('/') || p.startsWith(`${workdirOf(build)}/`)).map((p) => path.posix.relative(workdirOf(build), p));
    expect(taken).toEqual(expect.arrayContaining(['node_modules', outDir, 'package.json']));
    expect(final.name === undefined || final.name !== build.name).toBe(true);
  });

  it.each(copiedFromContext)('copies %s, which exists and is not left out by .dockerignore', (source) => {
    expect(existsSync(source)).toBe(true);
    expect(ignored(source)).toBe(false);
  });

  it.each(npmScriptsNamed(stages))('runs npm run %s, a script package.json defines', (script) => {
    expect(scripts[script]).toBeDefined();
  });

  it.each([
    ['CMD', all(final, 'CMD')],
    ['HEALTHCHECK', all(final, 'HEALTHCHECK')],
  ])('%s runs node on a file the build compiles from a source that exists', (_, instructions) => {
    expect(instructions).toHaveLength(1);
    const [program, file] = instructions[0]!.words;
    expect(program).toBe('node');
    expect(file?.startsWith(`${outDir}/`)).toBe(true);
    expect(existsSync(sourceOf(file!))).toBe(true);
  });

  it('checks health on /healthz', () => {
    const [, file] = all(final, 'HEALTHCHECK')[0]!.words;
    expect(readFileSync(sourceOf(file!), 'utf8')).toMatch(/OPS_PATHS\.health/);
  });

  it('runs as the non-root node user', () => {
    const users = all(final, 'USER');
    expect(users.at(-1)?.words).toEqual(['node']);
    const userAt = final.instructions.indexOf(users.at(-1)!);
    expect(final.instructions.findIndex((i) => i.keyword === 'CMD')).toBeGreaterThan(userAt);
  });

  it('makes the knowledge folder and DATA_DIR volumes, the same folders the bot is told to use', () => {
    const env = envOf(final);
    const volumes = all(final, 'VOLUME').flatMap((v) => v.words);
    const workdir = workdirOf(final);
    const knowledge = path.posix.resolve(workdir, env.KNOWLEDGE_DIR ?? 'knowledge');
    const data = path.posix.resolve(workdir, env.DATA_DIR ?? 'data');
    expect(volumes).toEqual(expect.arrayContaining([knowledge, data]));
    // DATA_DIR must be writable by node: handed over with --chown, not left to root.
    const dataCopy = all(final, 'COPY').find((c) => path.posix.resolve(workdir, c.words.at(-1)!) === data);
    expect(dataCopy?.flags.chown).toBe('node:node');
  });
});

describe('the .dockerignore', () => {
  it.each(['.env', '.env.production', 'node_modules', 'node_modules/zod/package.json', 'data/storybot.db', 'dist/src/index.js', '.git/config', 'test/config.test.ts'])('leaves out %s', (file) => {
    expect(ignored(file)).toBe(true);
  });

  it.each(['src/index.ts', 'commands/ask.ts', 'knowledge/entries/people.yaml', 'package-lock.json', '.env.example'])('keeps %s', (file) => {
    expect(ignored(file)).toBe(false);
  });
});
