import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The parser is published with zero dependencies, yet part of its code (smoothEma, downsampleM4,
// lowerBound, the CSV cell escaper) is written once in @trainviz/client and built into it. These
// tests read the built package as npm would publish it (`npm run build` first; turbo does) and check
// that nothing in it still needs another package.

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<
  string,
  unknown
>;
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** Every module specifier a built JS or declaration file imports, re-exports or requires. */
function importedSpecifiers(code: string): string[] {
  const patterns = [
    /\bimport\s*(?:type\s*)?(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+)["']/g,
    /\bexport\s*(?:type\s*)?[\w*${}\s,]*?\s*from\s*["']([^"']+)["']/g,
    /\b(?:require|import)\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\/\/\/\s*<reference\s+(?:types|path)\s*=\s*["']([^"']+)["']/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1] as string));
}

/** The files `npm publish` would put in the tarball, as paths relative to the package. */
function publishedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  const [pack] = JSON.parse(out) as [{ files: { path: string }[] }];
  return pack.files.map((file) => file.path);
}

let files: string[] = [];
let installed = '';

beforeAll(() => {
  if (!existsSync(join(packageDir, 'dist', 'index.js'))) {
    throw new Error(
      'packages/parser/dist is missing: run `npm run build -w @trainviz/parser` first',
    );
  }
  files = publishedFiles();
  // A copy of the tarball's files in a directory with no node_modules above it: there, an import
  // of any other package fails as it would for a user who installed the parser alone.
  installed = join(mkdtempSync(join(tmpdir(), 'trainviz-parser-alone-')), 'parser');
  for (const file of files) {
    mkdirSync(dirname(join(installed, file)), { recursive: true });
    copyFileSync(join(packageDir, file), join(installed, file));
  }
}, 60_000);

afterAll(() => {
  if (installed !== '') rmSync(dirname(installed), { recursive: true, force: true });
});

describe('the published parser has zero dependencies', () => {
  it('declares no dependency of any kind that an install would pull', () => {
    for (const field of [
      'dependencies',
      'peerDependencies',
      'optionalDependencies',
      'bundleDependencies',
    ]) {
      expect(manifest[field], field).toBeUndefined();
    }
  });

  it('ships JS and declarations that import no package (the CLI only Node built-ins)', () => {
    const built = files.filter((file) => /\.(?:c?js|d\.c?ts)$/.test(file));
    expect(built).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/index.cjs',
        'dist/index.d.ts',
        'dist/index.d.cts',
        'dist/cli.js',
      ]),
    );
    for (const file of built) {
      const imports = importedSpecifiers(readFileSync(join(packageDir, file), 'utf8'));
      const foreign = imports.filter((spec) =>
        file === 'dist/cli.js' ? !builtins.has(spec) : !spec.startsWith('./'),
      );
      expect(foreign, file).toEqual([]);
    }
  });

  it('finds the import scan working: it sees the imports a file does have', () => {
    expect(
      importedSpecifiers(
        [
          "import { smoothEma } from '@trainviz/client/series';",
          'export { x } from "@trainviz/client";',
          'import type { MetricSeries } from "@trainviz/client/series";',
          'const a = require("@trainviz/client");',
          'const b = await import("some-package");',
          'import "side-effect";',
          '/// <reference types="node" />',
        ].join('\n'),
      ).sort(),
    ).toEqual([
      '@trainviz/client',
      '@trainviz/client',
      '@trainviz/client/series',
      '@trainviz/client/series',
      'node',
      'side-effect',
      'some-package',
    ]);
  });

  it('loads and parses from a directory where no other package can be found', async () => {
    // Precondition: the client really is out of reach there.
    expect(() =>
      createRequire(join(installed, 'package.json')).resolve('@trainviz/client'),
    ).toThrow();

    const log = '{"step": 1, "loss": 2.5}\n{"step": 2, "loss": 2.0}\n{"step": 3, "loss": 1.5}\n';
    const esm = await import(pathToFileURL(join(installed, 'dist', 'index.js')).href);
    const cjs = createRequire(join(installed, 'package.json'))('./dist/index.cjs');
    for (const parser of [esm, cjs]) {
      const { series } = parser.parseTrainingLog(log);
      expect(series.loss.steps).toEqual([1, 2, 3]);
      // The code built in from @trainviz/client/series works in the copy.
      // TensorBoard's debiased EMA at weight 0.5: 1, (0.25 + 1) / 0.75, (0.625 + 1.5) / 0.875.
      const smoothed: number[] = parser.smoothEma([1, 2, 3], 0.5);
      expect(smoothed).toHaveLength(3);
      for (const [i, value] of [1, 5 / 3, 17 / 7].entries()) {
        expect(smoothed[i]).toBeCloseTo(value, 12);
      }
      // One M4 bucket: first (0), max (1), min (2), last (5, a NaN, kept anyway).
      expect(parser.downsampleM4([1, 2, 3, 4, 5, 6], [3, 9, 1, 2, 2, Number.NaN], 4)).toEqual([
        0, 1, 2, 5,
      ]);
      expect(parser.csvCell('=1+1')).toBe("'=1+1");
    }
  });

  it('runs its CLI from that directory', () => {
    const run = spawnSync(process.execPath, [join(installed, 'dist', 'cli.js'), '--csv', '-'], {
      input: '{"step": 1, "=cmd": 2.5}\n{"step": 2, "=cmd": 2.0}\n',
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("'=cmd,2,2");
  });
});
