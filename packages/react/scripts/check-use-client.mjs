// Fails when a built file carries 'use client' without needing it, or lacks it when it does: hooks
// and components must start with the directive (after "use strict" in CommonJS), everything else
// (index, query keys, query options, data shaping, export helpers) must stay server-safe.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
// In log/, hooks (`useX`) and components (capitalised) need it; the parser wrapper does not.
const needsDirective = (path) => /^(hooks|components)\/|^log\/(use[A-Z]|[A-Z])/.test(path);
const directive =
  /^(?:\s*(?:\/\/[^\n]*\n|"use strict";\s*|'use strict';\s*))*\s*["']use client["'];?/;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.(c?js)$/.test(entry.name)) yield path;
  }
}

const problems = [];
let checked = 0;
for (const file of walk(dist)) {
  const path = relative(dist, file).split('\\').join('/');
  const text = readFileSync(file, 'utf8');
  const has = directive.test(text);
  const anywhere = /["']use client["']/.test(text);
  checked += 1;
  if (needsDirective(path) && !has) problems.push(`${path}: missing 'use client' at the top`);
  if (!needsDirective(path) && anywhere) problems.push(`${path}: must not contain 'use client'`);
}

if (checked === 0) problems.push('dist/ has no built files: run `npm run build` first');
if (problems.length > 0) {
  console.error(`check-use-client: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`check-use-client: ${checked} built files, directives where needed and only there`);
