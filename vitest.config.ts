import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // The adapter tests start local servers; forks keep their sockets and timers apart.
    pool: 'forks',
    // Most test files wait on child processes, servers and sockets rather than the CPU, so
    // more files than cores run at once; the default (one file at a time on 2 cores) left
    // the machine idle most of the run.
    maxWorkers: 4,
    globalSetup: ['test/setup/run-folder.ts', 'test/setup/compiled-entries.ts'],
  },
});
