// Rewrites the table of formats in docs/parser.md from the format registry.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatTableMarkdown } from '../src/formats/formatTable';

const docs = fileURLToPath(new URL('../../../docs/parser.md', import.meta.url));
const text = readFileSync(docs, 'utf8');
const start =
  '<!-- formats:start (generated from packages/parser/src/formats/registry.ts: npm run docs:formats -w @trainviz/parser) -->';
const end = '<!-- formats:end -->';
const from = text.indexOf(start);
const to = text.indexOf(end);
if (from < 0 || to < from) throw new Error(`docs/parser.md has no ${start} ... ${end} section`);
writeFileSync(
  docs,
  `${text.slice(0, from + start.length)}\n${formatTableMarkdown()}\n${text.slice(to)}`,
);
console.log('docs/parser.md: table of formats rewritten');
