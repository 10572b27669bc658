import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the sibling packages' sources, so they do not depend on a fresh build of them.
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@trainviz\/client\/series$/, replacement: source('../client/src/series/index.ts') },
      { find: /^@trainviz\/client$/, replacement: source('../client/src/index.ts') },
      { find: /^@trainviz\/parser$/, replacement: source('../parser/src/index.ts') },
    ],
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
    setupFiles: ['./vitest.setup.ts'],
    // Type tests (`*.test-d.ts[x]`) run with tsc as part of `vitest run`.
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.{ts,tsx}'],
      tsconfig: './tsconfig.json',
    },
    // Recharts in jsdom is slow on a shared 2-core machine; these are not timing assertions.
    testTimeout: 20_000,
  },
});
