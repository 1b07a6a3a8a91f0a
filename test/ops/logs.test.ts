// The log format as npm start writes it: JSON lines, or human-readable with LOG_PRETTY.
import { describe, expect, it } from 'vitest';
import { runTs } from '../helpers/run-node.js';

const ask = (env: NodeJS.ProcessEnv) => runTs('src/index.ts', [], { env: { LOG_LEVEL: 'info', ...env }, input: 'Who is Tommy Robinson?\n' });

describe('the log', () => {
  it('is one JSON object per line, with each answered question at info', async () => {
    const { code, stderr } = await ask({ LOG_PRETTY: 'false' });
    expect(code).toBe(0);
    const lines = stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: 'question answered', platform: 'console', entry: 'who-is-tommy-robinson' }));
  });

  it('is human-readable with LOG_PRETTY=true', async () => {
    const { code, stderr } = await ask({ LOG_PRETTY: 'true' });
    expect(code).toBe(0);
    expect(stderr).toMatch(/INFO.*question answered/);
    expect(stderr).toMatch(/entry.*"who-is-tommy-robinson"/);
    expect(stderr).not.toContain('{"level"');
  });
});
