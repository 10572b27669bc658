import { describe, expect, it } from 'vitest';
import { decodeWireValue, encodeWireValue } from '../wireValue';

describe('encodeWireValue / decodeWireValue', () => {
  it('keeps finite numbers as numbers', () => {
    expect(encodeWireValue(2.31)).toBe(2.31);
    expect(encodeWireValue(0)).toBe(0);
    expect(decodeWireValue(-7.5)).toBe(-7.5);
  });

  it('sends NaN and the infinities as strings so JSON keeps them', () => {
    expect(JSON.stringify([Number.NaN, Infinity, -Infinity, 1].map(encodeWireValue))).toBe(
      '["NaN","Infinity","-Infinity",1]',
    );
  });

  it('decodes the strings back into the JS values', () => {
    expect(decodeWireValue('NaN')).toBeNaN();
    expect(decodeWireValue('Infinity')).toBe(Number.POSITIVE_INFINITY);
    expect(decodeWireValue('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
  });
});
