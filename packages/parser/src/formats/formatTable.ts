import { FORMATS, type FormatId } from './registry';

/** What the registry says of one format id (several descriptors may share an id). */
export interface LogFormatInfo {
  id: FormatId;
  /** The trainers that print it. */
  name: string;
  /** Real lines of the format. */
  examples: string[];
}

/**
 * The formats of the registry, one entry per id, in registry order: the list behind
 * `trainviz-parse --format`, the docs' table of formats, and a format picker in a UI.
 *
 * @returns One entry per format id.
 * @example
 * ```ts
 * logFormats().map((f) => f.id); // ['axolotl', 'hf-trainer', 'llamafactory-jsonl', ...]
 * ```
 */
export function logFormats(): LogFormatInfo[] {
  const byId = new Map<FormatId, LogFormatInfo>();
  for (const format of FORMATS) {
    const known = byId.get(format.id);
    if (known) {
      known.name = `${known.name}; ${format.name}`;
      known.examples.push(format.example);
    } else byId.set(format.id, { id: format.id, name: format.name, examples: [format.example] });
  }
  return [...byId.values()];
}

/**
 * The Markdown table of formats that docs/parser.md shows between its `formats:start` and
 * `formats:end` markers (a test keeps the two equal; `npm run docs:formats` rewrites the docs).
 *
 * @returns The table, header included.
 * @example
 * ```ts
 * formatTableMarkdown().split('\n')[0]; // '| `format` | Producers | Example line |'
 * ```
 */
export function formatTableMarkdown(): string {
  const rows = logFormats().map((format) => {
    const examples = format.examples.map((example) => `\`${escapeCell(example)}\``).join(' · ');
    return `| \`${format.id}\` | ${escapeCell(format.name)} | ${examples} |`;
  });
  return [
    '| `format` | Producers | Example line |',
    '| --- | --- | --- |',
    ...rows,
    '| `unknown` | no record found | |',
  ].join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
