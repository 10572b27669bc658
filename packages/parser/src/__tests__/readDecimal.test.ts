import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalValue, readDecimal } from '../readDecimal';

/** What the parser reads for the whole of `text`, or undefined when it refuses it. */
function read(text: string): number | undefined {
  const end = readDecimal(text, 0, text.length);
  if (end < 0) return undefined;
  expect(end).toBe(text.length);
  return decimalValue[0];
}

describe('readDecimal', () => {
  it('reads the spellings trainers print, exactly as Number() does', () => {
    for (const text of [
      '0',
      '-0.0',
      '2.31',
      '0.007',
      '1e-05',
      '9.150E-06',
      '1.63e+6',
      '517.',
      '-.5',
      '007',
      '4.956766880907269e-06',
      '1.5000000000000002e-05',
      '7.500000000000001e-06',
      '0.30000000000000004',
      '1.2345678901234567',
      '12345678901234567890',
      '9007199254740993',
      '9007199254740995',
      '1e400',
      '1e-400',
      '123456789012345678901234567890e-10',
      '0.000000000000000000000000000001234',
    ]) {
      expect(Object.is(read(text), Number(text)), text).toBe(true);
    }
  });

  it('refuses what is not one whole number token', () => {
    expect(read('-')).toBeUndefined();
    expect(read('.')).toBeUndefined();
    expect(read('1e')).toBeUndefined();
    expect(read('1e+')).toBeUndefined();
    expect(readDecimal('1.2.3', 0, 5)).toBe(-1);
    expect(readDecimal('1e5e', 0, 4)).toBe(-1);
    expect(readDecimal('12-3', 0, 4)).toBe(-1);
  });

  it('stops at the end it is given and at the first character after the token', () => {
    expect(readDecimal('2.5, "lr": 1', 0, 12)).toBe(3);
    expect(decimalValue[0]).toBe(2.5);
    expect(readDecimal('12345', 0, 3)).toBe(3);
    expect(decimalValue[0]).toBe(123);
  });

  it('rounds 16 to 19 significant digits correctly, halfway cases included', () => {
    // 2^53 + 1 and 2^54 + 2 are exactly halfway between two doubles (ties go to even).
    for (const text of ['9007199254740993', '18014398509481986', '18014398509481990']) {
      expect(read(text)).toBe(Number(text));
    }
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    const mantissa = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.array(digit, { minLength: 14, maxLength: 20 }))
      .map(([first, rest]) => `${first}${rest.join('')}`);
    fc.assert(
      fc.property(
        mantissa,
        fc.integer({ min: 0, max: 21 }),
        fc.integer({ min: -30, max: 30 }),
        fc.boolean(),
        (digits, dot, exponent, negative) => {
          const at = Math.min(dot, digits.length);
          let text = `${negative ? '-' : ''}${digits.slice(0, at) || '0'}.${digits.slice(at)}`;
          if (exponent !== 0) text += `e${exponent}`;
          expect(Object.is(read(text), Number(text)), text).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('reads back every double from its shortest spelling', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        // String(-0) is "0": compare with what the text says, which is the value otherwise.
        const text = String(value);
        expect(Object.is(read(text), Number(text)), text).toBe(true);
        if (!Object.is(value, -0)) expect(read(text)).toBe(value);
        const python = text.replace(/e([+-])(\d)$/, 'e$10$2');
        expect(Object.is(read(python), Number(text)), python).toBe(true);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
});
