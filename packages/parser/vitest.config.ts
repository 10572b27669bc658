import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the client's sources (where smoothEma, downsampleM4, lowerBound and the CSV
// escaper are defined), so they do not depend on a fresh build of it.
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@trainviz\/client\/series$/, replacement: source('../client/src/series/index.ts') },
    ],
  },
  test: {
    include: ['src/**/__tests__/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
