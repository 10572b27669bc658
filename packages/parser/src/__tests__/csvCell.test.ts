import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../csvCell';

/** Reads one cell back as RFC 4180 and a spreadsheet's text import do (quotes undone). */
function unquote(cell: string): string {
  return cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}

describe('csvCell', () => {
  it('leaves ordinary metric names alone', () => {
    expect(csvCell('loss')).toBe('loss');
    expect(csvCell('train/loss')).toBe('train/loss');
    expect(csvCell('eval loss')).toBe('eval loss');
    expect(csvCell('')).toBe('');
  });

  it('prefixes with a quote the names a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('=HYPERLINK("http://x.test","click")')).toBe(
      '"\'=HYPERLINK(""http://x.test"",""click"")"',
    );
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe('"\'\r=1+1"');
  });

  it('keeps numbers, negative and signed ones included, as numbers', () => {
    expect(csvCell('-0.5')).toBe('-0.5');
    expect(csvCell('+1e-5')).toBe('+1e-5');
    expect(csvCell('-.25')).toBe('-.25');
    expect(csvCell('-1E+03')).toBe('-1E+03');
    expect(csvCell('-1e')).toBe("'-1e");
    expect(csvCell('-')).toBe("'-");
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('top-1, acc')).toBe('"top-1, acc"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  it('never lets a cell start with a formula character, and loses no text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '=',
            '+',
            '-',
            '@',
            '\t',
            '\r',
            '"',
            ',',
            '\n',
            'a',
            '1',
            '.',
            'e',
            ' ',
          ),
        }),
        (text) => {
          const cell = unquote(csvCell(text));
          expect(
            /^[=+\-@\t\r]/.test(cell) &&
              !/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(cell),
          ).toBe(false);
          expect(cell === text || cell === `'${text}`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
