// Fails when the main entry reaches @trainviz/parser through static imports, or when the built files
// import each other in a cycle. Dynamic `import()` (the log chart, the export module) is allowed:
// bundlers split it into a chunk loaded on first use.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const staticImport =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|(?:^|\n)\s*import\s*["']([^"']+)["']/g;

function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(staticImport)].map((match) => match[1] ?? match[2]);
}

const problems = [];
const done = new Set();
const stack = [];
function visit(file, entry) {
  if (stack.includes(file)) {
    const cycle = [...stack.slice(stack.indexOf(file)), file].map((f) => relative(dist, f));
    problems.push(`import cycle: ${cycle.join(' -> ')}`);
    return;
  }
  if (done.has(file)) return;
  stack.push(file);
  for (const specifier of importsOf(file)) {
    if (specifier === '@trainviz/parser' && entry === 'index.js') {
      problems.push(
        `${relative(dist, file)} imports @trainviz/parser statically from the main entry`,
      );
    }
    if (specifier.startsWith('.')) visit(join(dirname(file), specifier), entry);
  }
  stack.pop();
  done.add(file);
}

visit(join(dist, 'index.js'), 'index.js');
const reached = done.size;
visit(join(dist, 'log/index.js'), 'log/index.js');
if (problems.length > 0) {
  console.error(`check-entry-graph: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(
  `check-entry-graph: main entry reaches ${reached} files, none imports the parser; no cycles`,
);
