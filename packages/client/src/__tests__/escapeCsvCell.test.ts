import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCsvCell } from '../series/escapeCsvCell';

describe('escapeCsvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['\tloss', "'\tloss"],
    ['\t=1+1', "'\t=1+1"],
    ['-1e', "'-1e"],
    ['-', "'-"],
    // Not a number to a spreadsheet: it would read a formula naming `Infinity`.
    ['-Infinity', "'-Infinity"],
    ['+Infinity', "'+Infinity"],
    ['\rloss', `"'\rloss"`],
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
  ])('makes %j text, not a formula', (text, cell) => {
    expect(escapeCsvCell(text)).toBe(cell);
  });

  it.each([
    '-0.5',
    '+3',
    '-1e-5',
    '+1e-5',
    '-.25',
    '-1E+03',
    'Infinity',
    'loss',
    'train/loss',
    'rewards/chosen',
    'eval loss',
    'a=b',
    '',
  ])('leaves %j as it is', (text) => {
    expect(escapeCsvCell(text)).toBe(text);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(escapeCsvCell('acc,top5')).toBe('"acc,top5"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('never lets a cell start a formula and always reads back to the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const cell = escapeCsvCell(text);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        const shown = unquoted.startsWith("'") && unquoted !== text ? unquoted.slice(1) : unquoted;
        expect(shown).toBe(text);
        if (/^[=+\-@\t\r]/.test(unquoted)) expect(Number.isNaN(Number(unquoted))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('never lets a cell of formula characters start a formula, and loses no text', () => {
    // Strings built from the characters that matter, so most of them start like a formula.
    const unit = fc.constantFrom(
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
    );
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        const cell = escapeCsvCell(text);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(unquoted === text || unquoted === `'${text}`).toBe(true);
        if (/^[=+\-@\t\r]/.test(unquoted)) {
          expect(unquoted).toMatch(/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('takes linear time on a 100k-character hostile name', () => {
    const text = `-${'1'.repeat(100_000)}e`;
    expect(escapeCsvCell(text)).toBe(`'${text}`);
  });
});
