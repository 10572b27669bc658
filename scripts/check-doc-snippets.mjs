#!/usr/bin/env node
// Type-checks every TypeScript snippet of the docs as a user would paste it: each ```ts / ```tsx
// block of README.md, docs/*.md and packages/*/README.md becomes its own module, compiled with the
// repository's strict settings against the built packages. Names a snippet uses without defining
// (`getToken`, `child`, `text`, ...) are declared in doc-snippets/prelude.d.ts; add one there when a
// new snippet needs a placeholder, never an `any` in the snippet itself.
//
// Usage: node scripts/check-doc-snippets.mjs [--keep] (after `npm run build` of the packages)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

/** The Markdown files whose snippets users copy. */
export function docFiles() {
  const list = (dir, filter) =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .filter(filter)
      .map((entry) => join(dir, entry.name));
  return [
    'README.md',
    ...list('docs', (e) => e.isFile() && e.name.endsWith('.md')),
    ...list('packages', (e) => e.isDirectory())
      .map((dir) => join(dir, 'README.md'))
      .filter((file) => {
        try {
          readFileSync(join(root, file));
          return true;
        } catch {
          return false;
        }
      }),
  ].sort();
}

/**
 * The TypeScript blocks of a Markdown text: language (`ts` or `tsx`), first line number and code.
 * A block fenced with ```ts no-check (or tsx) is left out: for deliberately partial code.
 */
export function extractSnippets(markdown) {
  const snippets = [];
  const lines = markdown.split(/\r?\n/);
  let open = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (open === null) {
      const match = /^(\s*)(`{3,}|~{3,})\s*(ts|tsx|typescript)\b(.*)$/.exec(line);
      if (match) {
        open = {
          indent: match[1].length,
          fence: match[2],
          lang: match[3] === 'tsx' ? 'tsx' : 'ts',
          skip: /\bno-check\b/.test(match[4]),
          line: i + 2,
          body: [],
        };
      }
      continue;
    }
    if (line.trim().startsWith(open.fence) && line.trim().replace(/[`~]/g, '') === '') {
      if (!open.skip) {
        snippets.push({ lang: open.lang, line: open.line, code: open.body.join('\n') });
      }
      open = null;
      continue;
    }
    open.body.push(line.slice(Math.min(open.indent, line.length - line.trimStart().length)));
  }
  return snippets;
}

/** Type names of other packages a signature block may mention, and where they come from. */
const foreignTypes = {
  '@tanstack/react-query': ['UseQueryResult', 'QueryClient', 'UseQueryOptions'],
  react: ['ReactNode', 'ReactElement', 'CSSProperties', 'JSX'],
  'node:child_process': ['ChildProcess'],
  'node:stream': ['Readable'],
  'node:http': ['IncomingMessage', 'ServerResponse'],
};

/**
 * The names each built @trainviz entry point exports (from the `export { ... }` of its types), each
 * marked when it is a type only, so an auto-import can say `type`.
 */
function packageExports() {
  const entries = {
    '@trainviz/parser': 'packages/parser/dist/index.d.ts',
    '@trainviz/client': 'packages/client/dist/index.d.ts',
    '@trainviz/client/series': 'packages/client/dist/series.d.ts',
    '@trainviz/server': 'packages/server/dist/index.d.ts',
    '@trainviz/react': 'packages/react/dist/index.d.ts',
    '@trainviz/react/log': 'packages/react/dist/log/index.d.ts',
  };
  const result = {};
  for (const [module, file] of Object.entries(entries)) {
    let dts = '';
    try {
      dts = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // an entry point this version of the package does not have
    }
    const list = /export \{([^}]*)\};\s*$/.exec(dts)?.[1] ?? '';
    result[module] = list
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
      .map((item) => ({ name: item.replace(/^type\s+/, ''), type: item.startsWith('type ') }));
  }
  for (const [module, names] of Object.entries(foreignTypes)) {
    result[module] = names.map((name) => ({ name, type: true }));
  }
  return result;
}

/**
 * Makes a snippet a module tsc can check. A reference signature (`useRunMetrics(experimentId:
 * string, ...): UseQueryResult<RunMetrics>`) becomes a `declare function` with its types imported,
 * so the documented types must exist; a block of bare JSX elements is wrapped in a fragment.
 */
export function toModule(snippet, exportsByModule) {
  const code = snippet.code.trim();
  // Names the snippet declares itself are its own, not the package's.
  const declared = new Set(
    [
      ...code.matchAll(
        /\b(?:interface|type|class|function|const|let|var|enum)\s+([A-Za-z_$][\w$]*)/g,
      ),
    ].map((m) => m[1]),
  );
  const taken = new Set();
  const importsFor = (text, except = '', typesOnly = false) =>
    Object.entries(exportsByModule)
      .map(([module, names]) => {
        const used = names.filter(
          ({ name }) =>
            name !== except &&
            !declared.has(name) &&
            !taken.has(name) &&
            new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\b`).test(text),
        );
        for (const { name } of used) taken.add(name);
        if (used.length === 0) return '';
        const specifiers = used.map(({ name, type }) =>
          type && !typesOnly ? `type ${name}` : name,
        );
        return `import ${typesOnly ? 'type ' : ''}{ ${specifiers.join(', ')} } from '${module}';`;
      })
      .filter(Boolean)
      .join(' ');
  const signature = /^([A-Za-z_$][\w$.]*)\s*(\([\s\S]*\))\s*(:\s*[\s\S]+?)?;?$/.exec(code);
  if (
    signature &&
    !/^\s*(import|export|const|let|await)\b/m.test(code) &&
    /\(\s*\w+\??\s*:|\)\s*:\s*\S/.test(code)
  ) {
    const [, name, params, returns] = signature;
    const fn = name.replace(/\./g, '_');
    return `${importsFor(code, fn, true)}declare function ${fn}${params}${returns ?? ': unknown'};\nexport {};\n`;
  }
  // A snippet without imports shows an API of these packages in use: import what it names, on the
  // first line so reported line numbers stay right.
  const imports = /^\s*import\b/m.test(code) ? '' : importsFor(code);
  if (snippet.lang === 'tsx' && code.startsWith('<')) {
    return `${imports}const snippet = (<>\n${snippet.code}\n</>);\nexport {};\n`;
  }
  // `export {}` makes each snippet a module: two snippets may both declare `client`.
  return `${imports}${snippet.code}\nexport {};\n`;
}

function main() {
  const keep = process.argv.includes('--keep');
  // Inside the repository, so `react`, `vite`, `@types/*` and the workspace packages resolve from
  // its node_modules exactly as in a user's project.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'doc-snippets-'));
  const files = [];
  const origin = new Map();
  const exportsByModule = packageExports();
  for (const doc of docFiles()) {
    const snippets = extractSnippets(readFileSync(join(root, doc), 'utf8'));
    snippets.forEach((snippet, index) => {
      const name = `${doc.replace(/[^A-Za-z0-9]+/g, '_')}__${String(index + 1).padStart(2, '0')}.${snippet.lang}`;
      writeFileSync(join(work, name), toModule(snippet, exportsByModule));
      files.push(name);
      origin.set(name, { doc, line: snippet.line });
    });
  }
  const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        ...base.compilerOptions,
        noEmit: true,
        declaration: false,
        sourceMap: false,
        // Snippets are read, not run: a name declared for the example and not used again is fine.
        noUnusedLocals: false,
        allowImportingTsExtensions: false,
        types: ['node'],
      },
      files: [join(root, 'scripts/doc-snippets/prelude.d.ts'), ...files.map((f) => join(work, f))],
    }),
  );
  const tsc = require.resolve('typescript/bin/tsc');
  const run = spawnSync(
    process.execPath,
    [tsc, '-p', join(work, 'tsconfig.json'), '--pretty', 'false'],
    {
      encoding: 'utf8',
      cwd: work,
    },
  );
  const output = `${run.stdout}${run.stderr}`.trim();
  if (!keep) rmSync(work, { recursive: true, force: true });
  if (run.status === 0) {
    console.log(`doc snippets: ${files.length} TypeScript snippets type-check`);
    return;
  }
  // Point at the Markdown line, not the temporary file.
  const readable = output.replace(
    /^(?:.*[\\/])?([^\\/\s(]+\.(?:ts|tsx))\((\d+),(\d+)\)/gm,
    (whole, file, line, column) => {
      const from = origin.get(file);
      return from ? `${from.doc}:${from.line + Number(line) - 1}:${column}` : whole;
    },
  );
  console.error(`doc snippets: type errors\n${readable}`);
  if (keep) console.error(`(snippets kept in ${relative(process.cwd(), work)})`);
  process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
