import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The adapter tests start local servers; forks keep their sockets and timers apart.
    pool: 'forks',
  },
});
