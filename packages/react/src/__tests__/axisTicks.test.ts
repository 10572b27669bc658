import { describe, expect, it } from 'vitest';
import { findNonFinite } from '../data/findNonFinite';
import { formatDuration } from '../data/formatDuration';
import { formatTicks } from '../data/formatTicks';
import { groupNonFinite } from '../data/groupNonFinite';
import { niceTicks } from '../data/niceTicks';
import { niceTimeTicks } from '../data/niceTimeTicks';

describe('niceTicks', () => {
  it('puts step ticks on round thousands, not on the first and last step', () => {
    expect(niceTicks(10, 4830, 5)).toEqual([1000, 2000, 3000, 4000]);
    expect(niceTicks(0, 4830, 5)).toEqual([0, 1000, 2000, 3000, 4000]);
  });
  it('puts loss ticks on round tenths', () => {
    expect(niceTicks(1.01, 2.62, 6)).toEqual([1.2, 1.4, 1.6, 1.8, 2, 2.2, 2.4, 2.6]);
    expect(niceTicks(1.01, 2.62, 3)).toEqual([1.5, 2, 2.5]);
  });
  it('gives clean decimals without binary noise', () => {
    expect(niceTicks(0.1, 0.7, 6)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(niceTicks(1.0101, 1.0249, 3)).toEqual([1.015, 1.02]);
  });
  it('handles negative ranges and ranges crossing zero', () => {
    expect(niceTicks(-3.2, 3.2, 4)).toEqual([-2, 0, 2]);
    expect(niceTicks(-0.05, -0.01, 4)).toEqual([-0.05, -0.04, -0.03, -0.02, -0.01]);
  });
  it('keeps step ticks whole', () => {
    expect(niceTicks(1, 3, 8, { integer: true })).toEqual([1, 2, 3]);
    expect(niceTicks(1, 11, 8, { integer: true })).toEqual([2, 4, 6, 8, 10]);
  });
  it('puts log ticks at powers of ten over many decades, thinned to the count', () => {
    expect(niceTicks(2e-7, 3e-2, 6, { scale: 'log' })).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 1e-2]);
    expect(niceTicks(1e-9, 1, 5, { scale: 'log' })).toEqual([1e-8, 1e-6, 1e-4, 1e-2, 1]);
  });
  it('adds 2 and 5 multiples on a log axis spanning less than two decades', () => {
    expect(niceTicks(0.15, 12, 5, { scale: 'log' })).toEqual([0.2, 0.5, 1, 2, 5, 10]);
  });
  it('falls back to round linear ticks on a log axis within one decade', () => {
    expect(niceTicks(1.01, 2.62, 6, { scale: 'log' })).toEqual([
      1.2, 1.4, 1.6, 1.8, 2, 2.2, 2.4, 2.6,
    ]);
  });
  it('returns no ticks for ranges it cannot show, instead of throwing', () => {
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
    expect(niceTicks(0, Number.POSITIVE_INFINITY)).toEqual([]);
    expect(niceTicks(-2, -1, 5, { scale: 'log' })).toEqual([]);
    expect(niceTicks(2, 2)).toEqual([2]);
  });
  it('accepts a reversed range', () => {
    expect(niceTicks(4830, 10, 5)).toEqual([1000, 2000, 3000, 4000]);
  });
});

describe('niceTimeTicks', () => {
  it('lands on round minutes and hours', () => {
    expect(niceTimeTicks(12, 4400, 5)).toEqual([900, 1800, 2700, 3600]);
    expect(niceTimeTicks(0, 5 * 3600, 5)).toEqual([0, 3600, 7200, 10_800, 14_400, 18_000]);
    expect(niceTimeTicks(3, 58, 3)).toEqual([15, 30, 45]);
    expect(niceTimeTicks(3, 58, 5)).toEqual([10, 20, 30, 40, 50]);
  });
  it('counts in days for runs of weeks', () => {
    const ticks = niceTimeTicks(0, 20 * 86_400, 5);
    expect(ticks.every((t) => t % 86_400 === 0)).toBe(true);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
  });
});

describe('formatDuration', () => {
  it('writes round durations with their two largest units', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(300)).toBe('5m');
    expect(formatDuration(330)).toBe('5m 30s');
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(5400)).toBe('1h 30m');
    expect(formatDuration(187_200)).toBe('2d 4h');
    expect(formatDuration(0)).toBe('0s');
  });
  it('writes the seconds when asked for three units, for ticks seconds apart an hour in', () => {
    expect(formatDuration(4490, 3)).toBe('1h 14m 50s');
    expect(formatDuration(4495, 3)).toBe('1h 14m 55s');
    expect(formatDuration(3605, 3)).toBe('1h 5s');
  });
});

describe('formatTicks', () => {
  it('keeps neighbouring labels apart on a narrow range', () => {
    expect(formatTicks([1.015, 1.02, 1.025])).toEqual(['1.015', '1.02', '1.025']);
  });
  it('stays short when three digits already tell the ticks apart', () => {
    expect(formatTicks([1.2, 1.6, 2, 2.4])).toEqual(['1.2', '1.6', '2', '2.4']);
    expect(formatTicks([0, 1000, 2000, 3000])).toEqual(['0', '1k', '2k', '3k']);
  });
  it('uses compact units and short exponents', () => {
    expect(formatTicks([12_000, 12_500, 13_000])).toEqual(['12k', '12.5k', '13k']);
    expect(formatTicks([1e6, 1.2e6])).toEqual(['1M', '1.2M']);
    expect(formatTicks([1e-5, 1e-4])).toEqual(['1e-5', '1e-4']);
  });
});

describe('groupNonFinite', () => {
  it('draws a run that stays NaN as one stretch from its first to its last step', () => {
    const steps = Array.from({ length: 483 }, (_, i) => 10 * (i + 1));
    const values = steps.map((step) => (step >= 2650 ? Number.NaN : 2 - step / 5000));
    const stretches = groupNonFinite(steps, findNonFinite(steps, values));
    expect(stretches).toHaveLength(1);
    expect(stretches[0]).toMatchObject({ fromStep: 2650, toStep: 4830, count: 219 });
  });
  it('keeps separate stretches apart and merges the ones closer than the gap', () => {
    const xs = [0, 10, 20, 30, 40, 50, 60];
    const values = [1, Number.NaN, 1, Number.POSITIVE_INFINITY, 1, 1, Number.NaN];
    const points = findNonFinite(xs, values);
    expect(groupNonFinite(xs, points).map((s) => [s.fromX, s.toX])).toEqual([
      [10, 10],
      [30, 30],
      [60, 60],
    ]);
    expect(groupNonFinite(xs, points, { mergeGap: 20 }).map((s) => [s.fromX, s.toX])).toEqual([
      [10, 30],
      [60, 60],
    ]);
  });
  it('leaves out points outside the visible range', () => {
    const xs = [0, 10, 20, 30];
    const points = findNonFinite(xs, [Number.NaN, Number.NaN, Number.NaN, 1]);
    expect(groupNonFinite(xs, points, { from: 5, to: 25 })).toMatchObject([
      { fromX: 10, toX: 20, count: 2 },
    ]);
  });
  it('never caps: a million alternating NaNs still cover the whole range', () => {
    const n = 1_000_000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const values = xs.map((i) => (i % 2 === 0 ? Number.NaN : 1));
    const stretches = groupNonFinite(xs, findNonFinite(xs, values), { mergeGap: n / 500 });
    expect(stretches.length).toBeLessThanOrEqual(10);
    expect(stretches[0]?.fromX).toBe(0);
    expect(stretches[stretches.length - 1]?.toX).toBe(n - 2);
    expect(stretches.reduce((sum, s) => sum + s.count, 0)).toBe(n / 2);
  });
});
