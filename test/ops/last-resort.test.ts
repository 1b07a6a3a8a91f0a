// The last-resort handlers in a real process: a connection's unheard 'error' and an
// unawaited rejection are logged and the process serves on; any other exception is logged
// as fatal and ends it with status 1, gracefully once a shutdown is in place. Nothing the
// error's message quoted reaches the log.
import { describe, expect, it } from 'vitest';
// What the child's errors quote, as a message could quote what someone typed (not imported: importing the child would run it).
const TYPED = 'What did the person type into the box?';
import { runTs } from '../helpers/run-node.js';

const CHILD = 'test/helpers/last-resort-child.ts';
const jsonLines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string; err: { name: string; code?: string; at: string[] } });

describe('the last-resort error handlers', () => {
  it.each([
    ['connection', 'before', 'a connection failed with nothing listening; serving on, and the next command reconnects', '57P01'],
    ['connection', 'logged', 'a connection failed with nothing listening; serving on, and the next command reconnects', '57P01'],
    ['rejection', 'logged', 'unhandled rejection', undefined],
  ])('serve on after a %s error (logger: %s)', async (mode, logged, msg, code) => {
    const { code: exit, stdout, stderr } = await runTs(CHILD, [mode, logged]);
    expect(exit).toBe(0);
    expect(stdout).toBe('still serving\n');
    const lines = jsonLines(stderr);
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg })]);
    expect(lines[0]!.err.code).toBe(code);
    expect(lines[0]!.err.at.length).toBeGreaterThan(0);
    expect(stderr).not.toContain(TYPED);
  });

  it.each([
    ['before start-up finished, exits 1 at once', 'before', ''],
    ['once running, shuts down gracefully with status 1', 'logged', 'graceful shutdown\n'],
  ])('on any other exception, %s', async (_, logged, output) => {
    const { code, stdout, stderr } = await runTs(CHILD, ['bug', logged]);
    expect(code).toBe(1);
    expect(stdout).toBe(output);
    expect(jsonLines(stderr)).toEqual([expect.objectContaining({ level: 60, msg: 'uncaught exception; shutting down', err: expect.objectContaining({ name: 'TypeError' }) })]);
    expect(stderr).not.toContain(TYPED);
  });
});
