import { describe, expect, it } from 'vitest';
import { downsampleSeries } from '../downsampleSeries';

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

describe('downsampleSeries', () => {
  it('returns the recorded points that downsampleM4 keeps', () => {
    const series = lossCurve(1_000);
    series.values[500] = 99;
    const small = downsampleSeries(series, 40);
    expect(small.steps.length).toBeLessThanOrEqual(40);
    expect(small.steps[0]).toBe(1);
    expect(small.steps[small.steps.length - 1]).toBe(1_000);
    expect(small.steps).toContain(501);
    expect(small.values[small.steps.indexOf(501)]).toBe(99);
    small.steps.forEach((step, i) => {
      expect(small.values[i]).toBe(series.values[step - 1]);
    });
  });

  it('copies a series that already fits', () => {
    const series = { steps: [10, 20], values: [2.3, Number.NaN] };
    const copy = downsampleSeries(series, 100);
    expect(copy).toEqual({ steps: [10, 20], values: [2.3, Number.NaN] });
    expect(copy.steps).not.toBe(series.steps);
  });
});
