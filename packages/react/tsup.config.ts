import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

// Every source file is its own entry and imports between them stay imports, so each built file keeps
// its own 'use client' directive (or none): bundling would merge server-safe and client code.
const entries = [
  'src/**/*.ts',
  'src/**/*.tsx',
  '!src/**/__tests__/**',
  '!src/**/*.stories.tsx',
  '!src/stories/**',
  '!src/**/*.test-d.ts',
];

const keepRelativeImports: Plugin = {
  name: 'keep-relative-imports',
  setup(build) {
    const extension = build.initialOptions.format === 'cjs' ? '.cjs' : '.js';
    build.onResolve({ filter: /^\.{1,2}\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      return { path: `${args.path}${extension}`, external: true };
    });
  },
};

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
  esbuildPlugins: [keepRelativeImports],
  dts: { entry: { index: 'src/index.ts', 'log/index': 'src/log/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: false,
  bundle: true,
  external: ['react', 'react-dom', 'recharts', '@tanstack/react-query', /^@trainviz\//],
  esbuildOptions(options) {
    options.jsx = 'automatic';
  },
});
