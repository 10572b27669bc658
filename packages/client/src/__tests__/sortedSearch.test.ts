import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerBound, nearestIndex, upperBound } from '../series/sortedSearch';

const ascending = fc
  .array(fc.integer({ min: -50, max: 50 }), { maxLength: 40 })
  .map((xs) => xs.sort((a, b) => a - b));

describe('lowerBound / upperBound / nearestIndex', () => {
  it('bound the indexes of the values in a closed range, duplicates included', () => {
    const steps = [10, 20, 20, 30];
    expect(lowerBound(steps, 20)).toBe(1);
    expect(upperBound(steps, 20)).toBe(3);
    expect(lowerBound(steps, 5)).toBe(0);
    expect(upperBound(steps, 5)).toBe(0);
    expect(lowerBound(steps, 31)).toBe(4);
    expect(upperBound(steps, 30)).toBe(4);
    expect(lowerBound([], 1)).toBe(0);
    expect(upperBound([], 1)).toBe(0);
  });

  it('search only the used part of a column with spare capacity', () => {
    // A column of 3 used steps followed by stale or unused slots, as the parser's column store keeps.
    const column = [10, 20, 30, 5, 7];
    expect(lowerBound(column, 25, 3)).toBe(2);
    expect(lowerBound(column, 40, 3)).toBe(3);
    expect(upperBound(column, 30, 3)).toBe(3);
    expect(lowerBound(column, 15, 0)).toBe(0);
  });

  it('agree with a linear scan on any ascending column and any end (property)', () => {
    fc.assert(
      fc.property(ascending, fc.integer({ min: -60, max: 60 }), fc.nat(), (sorted, target, cut) => {
        const end = sorted.length === 0 ? 0 : cut % (sorted.length + 1);
        const used = sorted.slice(0, end);
        const lower = used.findIndex((x) => x >= target);
        const upper = used.findIndex((x) => x > target);
        expect(lowerBound(sorted, target, end)).toBe(lower === -1 ? end : lower);
        expect(upperBound(sorted, target, end)).toBe(upper === -1 ? end : upper);
      }),
      { numRuns: 300 },
    );
  });

  it('nearestIndex picks the closest value, the earlier one on a tie', () => {
    expect(nearestIndex([10, 20, 30], 24)).toBe(1);
    expect(nearestIndex([10, 20, 30], 25)).toBe(1);
    expect(nearestIndex([10, 20, 30], 26)).toBe(2);
    expect(nearestIndex([10, 20, 30], -100)).toBe(0);
    expect(nearestIndex([10, 20, 30], 1e9)).toBe(2);
    expect(nearestIndex([], 3)).toBe(-1);
  });

  it('take logarithmic reads on a million points', () => {
    let reads = 0;
    const steps = new Proxy(
      { length: 1_000_000 },
      {
        get(target, key) {
          if (key === 'length') return target.length;
          reads++;
          return Number(key) * 10;
        },
      },
    ) as unknown as ArrayLike<number>;
    expect(lowerBound(steps, 4_567_890)).toBe(456_789);
    expect(reads).toBeLessThanOrEqual(21);
  });
});
