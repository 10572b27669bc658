import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmaSmoother, smoothEma } from '../series/smoothEma';

describe('smoothEma', () => {
  it('returns the values unchanged with weight 0', () => {
    const values = [3, 1, 4, 1, 5];
    const smoothed = smoothEma(values, 0);
    expect(smoothed).toEqual([3, 1, 4, 1, 5]);
    expect(smoothed).not.toBe(values);
  });

  it('computes the debiased moving average TensorBoard shows', () => {
    // weight 0.5: ema 0.5, 1.25, 2.125; debias by 1 - 0.5^k = 0.5, 0.75, 0.875.
    const smoothed = smoothEma([1, 2, 3], 0.5);
    expect(smoothed[0]).toBeCloseTo(1, 12);
    expect(smoothed[1]).toBeCloseTo(5 / 3, 12);
    expect(smoothed[2]).toBeCloseTo(17 / 7, 12);
  });

  it('does not pull the first points towards zero', () => {
    // weight 0.6: ema 4 then 2.4; debias by 0.4 then 0.64.
    const smoothed = smoothEma([10, 0], 0.6);
    expect(smoothed[0]).toBeCloseTo(10, 12);
    expect(smoothed[1]).toBeCloseTo(3.75, 12);
  });

  it('leaves non-finite points alone and keeps them out of the average', () => {
    const smoothed = smoothEma([1, Number.NaN, 3, Number.POSITIVE_INFINITY, 3], 0.5);
    expect(smoothed[0]).toBeCloseTo(1, 12);
    expect(smoothed[1]).toBeNaN();
    // Only 1 and 3 entered: ema 1.75, debiased by 0.75.
    expect(smoothed[2]).toBeCloseTo(7 / 3, 12);
    expect(smoothed[3]).toBe(Number.POSITIVE_INFINITY);
    // ema 0.875 + 1.5 = 2.375, debiased by 0.875.
    expect(smoothed[4]).toBeCloseTo(19 / 7, 12);
  });

  it('clamps the weight to 0..0.999', () => {
    // weight 0.999: ema 0 then 0.001; debias by 0.001 then 1 - 0.999^2 = 0.001999.
    expect(smoothEma([0, 1], 5)[1]).toBeCloseTo(0.001 / 0.001999, 12);
    expect(smoothEma([0, 1], 5)).toEqual(smoothEma([0, 1], 0.999));
    expect(smoothEma([0, 1], -2)).toEqual([0, 1]);
    expect(smoothEma([0, 1], Number.NaN)).toEqual([0, 1]);
  });

  it('returns a constant series exactly as it is', () => {
    expect(smoothEma([0.1, 0.1, 0.1, 0.1], 0.9)).toEqual([0.1, 0.1, 0.1, 0.1]);
  });

  it('accepts typed arrays and empty input without touching the input', () => {
    const values = new Float64Array([2, 4]);
    // weight 0.5: ema 1 then 2.5; debias by 0.5 then 0.75.
    const smoothed = smoothEma(values, 0.5);
    expect(smoothed[0]).toBeCloseTo(2, 12);
    expect(smoothed[1]).toBeCloseTo(10 / 3, 12);
    expect(Array.from(values)).toEqual([2, 4]);
    expect(smoothEma([], 0.9)).toEqual([]);
  });
});

describe('createEmaSmoother', () => {
  it('fed a series point by point in chunks, gives what smoothEma gives for the whole series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6 }), fc.constant(Number.NaN)), {
          minLength: 2,
          maxLength: 60,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 7 }),
        (values, weight, chunk) => {
          // A constant series is smoothEma's special case, not the running average's.
          fc.pre(values.some((v) => v !== values[0]));
          const smoother = createEmaSmoother(weight);
          const out: number[] = [];
          for (let i = 0; i < values.length; i += chunk)
            for (const v of values.slice(i, i + chunk)) out.push(smoother.push(v));
          const whole = smoothEma(values, weight);
          out.forEach((v, i) => {
            if (Number.isNaN(whole[i])) expect(v).toBeNaN();
            else expect(v).toBeCloseTo(whole[i] as number, 9);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('clamps the weight as smoothEma does', () => {
    expect(createEmaSmoother(5).weight).toBe(0.999);
    expect(createEmaSmoother(-1).weight).toBe(0);
    expect(createEmaSmoother(Number.NaN).weight).toBe(0);
    expect(createEmaSmoother(Number.NaN).push(3)).toBe(3);
  });
});
