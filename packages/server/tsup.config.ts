import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // createSqliteMetricStore loads better-sqlite3 with createRequire(import.meta.url): shim it in CJS.
  shims: true,
});
