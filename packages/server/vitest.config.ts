import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/__tests__/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous: the suite starts worker threads, child processes and a PostgreSQL cluster, and
    // must pass on 2 busy cores. No test asserts a duration.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
