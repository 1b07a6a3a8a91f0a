import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the run folder', () => {
  it('is where temporary folders go, so teardown can remove them', () => {
    expect(path.basename(tmpdir())).toMatch(/^storybot-test-run-/);
    expect(existsSync(tmpdir())).toBe(true);
  });
});
