import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleM4 } from '../series/downsampleM4';

/** Steps 1..n and a gently decreasing loss with a little deterministic wiggle. */
function lossCurve(n: number): { steps: number[]; values: number[] } {
  const steps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    steps.push(i + 1);
    values.push(3 - i / n + 0.01 * Math.sin(i));
  }
  return { steps, values };
}

function isAscendingUnique(indices: number[]): boolean {
  return indices.every((v, i) => i === 0 || v > (indices[i - 1] as number));
}

describe('downsampleM4', () => {
  it('returns every index when the series fits in the budget', () => {
    const { steps, values } = lossCurve(50);
    expect(downsampleM4(steps, values, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(downsampleM4([10], [2.3], 4)).toEqual([0]);
    expect(downsampleM4([], [], 100)).toEqual([]);
  });

  it('keeps a single-step spike and a dip that averaging would erase', () => {
    const { steps, values } = lossCurve(10_000);
    values[5_000] = 40;
    values[7_321] = -5;
    const kept = downsampleM4(steps, values, 200);
    expect(kept).toContain(5_000);
    expect(kept).toContain(7_321);
    expect(kept.length).toBeLessThanOrEqual(200);
  });

  it('always keeps the first and the last point', () => {
    const { steps, values } = lossCurve(100_000);
    const kept = downsampleM4(steps, values, 400);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(99_999);
    expect(isAscendingUnique(kept)).toBe(true);
  });

  it('keeps every NaN and infinity on top of the budget', () => {
    const { steps, values } = lossCurve(10_000);
    values[123] = Number.NaN;
    values[124] = Number.NaN;
    values[9_000] = Number.POSITIVE_INFINITY;
    values[9_001] = Number.NEGATIVE_INFINITY;
    const kept = downsampleM4(steps, values, 40);
    expect(kept).toEqual(expect.arrayContaining([123, 124, 9_000, 9_001]));
    expect(kept.length).toBeLessThanOrEqual(40 + 4);
    expect(isAscendingUnique(kept)).toBe(true);
  });

  it('restricts to a step range and keeps its first and last point', () => {
    const steps = Array.from({ length: 1_000 }, (_, i) => (i + 1) * 10); // 10..10000
    const values = steps.map((s) => 1 / s);
    const kept = downsampleM4(steps, values, 20, { start: 2_005, end: 4_000 });
    // Step 2010 (index 200) is the first inside the range, step 4000 (index 399) the last.
    expect(kept[0]).toBe(200);
    expect(kept[kept.length - 1]).toBe(399);
    expect(kept.every((i) => (steps[i] as number) >= 2_005 && (steps[i] as number) <= 4_000)).toBe(
      true,
    );
    expect(kept.length).toBeLessThanOrEqual(20);
    expect(downsampleM4(steps, values, 20, { start: 20_000, end: 30_000 })).toEqual([]);
    // A small range is returned whole.
    expect(downsampleM4(steps, values, 20, { start: 100, end: 150 })).toEqual([
      9, 10, 11, 12, 13, 14,
    ]);
  });

  it('keeps only the ends when the budget is too small for buckets', () => {
    const { steps, values } = lossCurve(100);
    values[50] = Number.NaN;
    expect(downsampleM4(steps, values, 3)).toEqual([0, 50, 99]);
    expect(downsampleM4(steps, values, 2)).toEqual([0, 50, 99]);
    expect(downsampleM4(steps, values, 1)).toEqual([0, 50]);
    expect(downsampleM4(steps, values, 0)).toEqual([50]);
  });

  it('keeps the first, last, min and max of every bucket (property)', () => {
    const seriesArb = fc
      .array(
        fc.record({
          gap: fc.integer({ min: 1, max: 50 }),
          value: fc.oneof(
            { weight: 20, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
            { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity) },
          ),
        }),
        { minLength: 1, maxLength: 600 },
      )
      .map((points) => {
        let step = 0;
        return {
          steps: points.map((p) => {
            step += p.gap;
            return step;
          }),
          values: points.map((p) => p.value),
        };
      });
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 4, max: 120 }), ({ steps, values }, maxPoints) => {
        const kept = downsampleM4(steps, values, maxPoints);
        const keptSet = new Set(kept);
        const n = steps.length;
        const nonFinite = values.filter((v) => !Number.isFinite(v)).length;
        expect(isAscendingUnique(kept)).toBe(true);
        expect(kept.length).toBeLessThanOrEqual(maxPoints + nonFinite);
        expect(keptSet.has(0)).toBe(true);
        expect(keptSet.has(n - 1)).toBe(true);
        if (n <= maxPoints) {
          expect(kept.length).toBe(n);
          return;
        }
        values.forEach((v, i) => {
          if (!Number.isFinite(v)) expect(keptSet.has(i)).toBe(true);
        });
        // Equal-width buckets over the step range, as many as maxPoints / 4.
        const buckets = Math.floor(maxPoints / 4);
        const first = steps[0] as number;
        const span = (steps[n - 1] as number) - first;
        const bucketOf = (s: number) =>
          Math.min(buckets - 1, Math.floor((s - first) * (buckets / span)));
        const members = new Map<number, number[]>();
        steps.forEach((s, i) => {
          const b = bucketOf(s);
          members.set(b, [...(members.get(b) ?? []), i]);
        });
        for (const indices of members.values()) {
          expect(keptSet.has(indices[0] as number)).toBe(true);
          expect(keptSet.has(indices[indices.length - 1] as number)).toBe(true);
          const finite = indices.filter((i) => Number.isFinite(values[i]));
          if (finite.length === 0) continue;
          const vals = finite.map((i) => values[i] as number);
          const min = Math.min(...vals);
          const max = Math.max(...vals);
          const keptVals = finite.filter((i) => keptSet.has(i)).map((i) => values[i]);
          expect(keptVals).toContain(min);
          expect(keptVals).toContain(max);
        }
      }),
      { numRuns: 300 },
    );
  });
});
