import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatTableMarkdown, logFormats } from '../formats/formatTable';
import { FORMAT_IDS } from '../formats/registry';
import { parseTrainingLog } from '../parseTrainingLog';

describe('the format registry', () => {
  it('is the table of formats docs/parser.md shows (run npm run docs:formats after a change)', () => {
    const docs = readFileSync(
      fileURLToPath(new URL('../../../../docs/parser.md', import.meta.url)),
      'utf8',
    );
    const from = docs.indexOf('-->', docs.indexOf('<!-- formats:start')) + 3;
    const to = docs.indexOf('<!-- formats:end -->');
    expect(docs.slice(from, to).trim()).toBe(formatTableMarkdown());
  });

  it('reads the example line of every format as that format', () => {
    for (const format of logFormats()) {
      // A notebook row, a table header, a YOLO row and a pretty-printed trainer_state entry need
      // the lines around them.
      if (['hf-notebook', 'table', 'yolo', 'trainer-state'].includes(format.id)) continue;
      const example = format.examples[0] as string;
      const result = parseTrainingLog(`${example}\n`);
      expect(result.formats, `${format.id}: ${example}`).toContain(format.id);
      expect(Object.keys(result.series).length, format.id).toBeGreaterThan(0);
    }
  });

  it('lists each format id once', () => {
    expect(new Set(FORMAT_IDS).size).toBe(FORMAT_IDS.length);
    expect(FORMAT_IDS).toContain('generic');
  });
});
