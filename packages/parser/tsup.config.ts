import { defineConfig } from 'tsup';

// The parser has no runtime dependency. The series helpers it exports (smoothEma, downsampleM4) and
// those it uses (lowerBound, the CSV cell escaper) are defined once, in @trainviz/client/series, and
// built into the parser from there: @trainviz/client is a devDependency (so turbo builds it first),
// bundled into the JS, and its declarations are inlined into the parser's .d.ts (tsup's own `dts.resolve`
// does not read `exports` subpaths, so the path is given here). The built files import nothing:
// src/__tests__/distImportsNothing.test.ts checks the JS and the types.
const client = /^@trainviz\/client(\/|$)/;

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    noExternal: [client],
    dts: {
      compilerOptions: {
        paths: { '@trainviz/client/series': ['../client/dist/series.d.ts'] },
      },
    },
    sourcemap: true,
    clean: true,
    target: 'es2022',
  },
  {
    entry: ['src/cli.ts'],
    format: ['esm'],
    noExternal: [client],
    sourcemap: true,
    target: 'node18',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
