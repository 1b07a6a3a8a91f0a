// Every tool behind `npm run` reads its arguments the same way: --help, --flag=value, and a
// clear refusal of what it does not know. The list comes from package.json, so a new tool is
// held to this as soon as it is added.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTs } from '../helpers/run-node.js';

const scripts = Object.entries(JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>)
  // The tools run through scripts/launch.mjs (compiled code when current, else tsx); npm start
  // exec's it, so that signals reach it. The development tools run through tsx.
  .map(([name, command]) => [name, /^(?:tsx|(?:exec )?node scripts\/launch\.mjs) (\S+)$/.exec(command)?.[1]] as const)
  .filter((pair): pair is readonly [string, string] => pair[1] !== undefined);

describe('every npm run tool', () => {
  it('is found in package.json', () => {
    expect(scripts.map(([name]) => name)).toEqual(expect.arrayContaining(['start', 'ask', 'validate', 'eval', 'calibrate', 'gaps', 'reload', 'bench', 'healthcheck']));
  });

  it.each(scripts)('npm run %s -- --help prints its usage and exits 0', { timeout: 30_000 }, async (name, file) => {
    const { code, stdout, stderr } = await runTs(file, ['--help']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^usage: npm (run |start)/);
    expect(stdout).toContain(name === 'start' ? 'npm start' : `npm run ${name === 'ask' ? '--silent ask' : name}`);
    expect(stderr).toBe('');
  });

  it.each(scripts)('npm run %s refuses an unknown option with its usage and exit code 2', { timeout: 30_000 }, async (_name, file) => {
    const { code, stdout, stderr } = await runTs(file, ['--no-such-option=1']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Unknown option '--no-such-option'[\s\S]*\nusage: /);
  });
});
