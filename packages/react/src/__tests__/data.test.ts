import { nearestIndex as findNearestIndex } from '@trainviz/client/series';
import { smoothEma } from '@trainviz/parser';
import { describe, expect, it } from 'vitest';
import type { SeriesViewRow } from '../data/buildSeriesView';
import { buildSeriesView } from '../data/buildSeriesView';
import { computeYDomain } from '../data/computeYDomain';
import { createSeriesModelCache } from '../data/createSeriesModelCache';
import { createSeriesViewCache } from '../data/createSeriesViewCache';
import { findNonFinite } from '../data/findNonFinite';
import { formatNumber } from '../data/formatNumber';
import { percentile } from '../data/percentile';
import { runColors } from '../data/runColors';
import { seriesToCsv } from '../data/seriesToCsv';
import { summarizeRun } from '../data/summarizeRun';

describe('formatNumber', () => {
  it('writes tiny learning rates in short scientific notation', () => {
    expect(formatNumber(0.000012)).toBe('1.2e-5');
    expect(formatNumber(2e-5)).toBe('2e-5');
  });
  it('abbreviates large step counts', () => {
    expect(formatNumber(12000)).toBe('12k');
    expect(formatNumber(1_500_000)).toBe('1.5M');
    expect(formatNumber(999_999)).toBe('1M');
  });
  it('keeps three significant digits for ordinary values', () => {
    expect(formatNumber(0.03124)).toBe('0.0312');
    expect(formatNumber(2.3456)).toBe('2.35');
    expect(formatNumber(812)).toBe('812');
    expect(formatNumber(-1.5)).toBe('-1.5');
    expect(formatNumber(0)).toBe('0');
  });
  it('names non-finite values', () => {
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });
});

describe('percentile', () => {
  it('interpolates between ranks like NumPy', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0)).toBe(10);
    expect(percentile([10, 20, 30, 40, 50], 100)).toBe(50);
    expect(percentile([0, 100], 5)).toBe(5);
  });
  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('computeYDomain', () => {
  it('pads the finite range by 5% and ignores NaN and infinities', () => {
    expect(computeYDomain([[2, Number.NaN, 4, Number.POSITIVE_INFINITY]])).toEqual([1.9, 4.1]);
  });
  it('covers every run', () => {
    expect(
      computeYDomain([
        [1, 2],
        [3, 11],
      ]),
    ).toEqual([0.5, 11.5]);
  });
  it('clips to the 5th-95th percentile when ignoring outliers', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    values[50] = 10_000;
    const [low, high] = computeYDomain([values], { ignoreOutliers: true }) ?? [0, 0];
    // 5th percentile 5, 95th percentile 96, then the usual 5% padding of that range.
    expect(low).toBeCloseTo(5 - 4.55, 9);
    expect(high).toBeCloseTo(96 + 4.55, 9);
  });
  it('leaves zero and negative values out on a log scale', () => {
    expect(computeYDomain([[0, -1, 0.1, 10]], { scale: 'log' })).toEqual([0.1, 10]);
  });
  it('returns null when nothing can be drawn', () => {
    expect(computeYDomain([[Number.NaN]])).toBeNull();
    expect(computeYDomain([[0, -2]], { scale: 'log' })).toBeNull();
  });
  it('opens a flat series around its value', () => {
    expect(computeYDomain([[2, 2]])).toEqual([1.8, 2.2]);
  });
});

describe('seriesToCsv', () => {
  it('writes one row per point with a header, non-finite values as strings', () => {
    const csv = seriesToCsv([
      { metric: 'loss', run: 'a', steps: [1, 2], values: [2.5, Number.NaN] },
      { metric: 'loss', run: 'b,2', steps: [1], values: [Number.POSITIVE_INFINITY] },
    ]);
    expect(csv).toBe('metric,run,step,value\nloss,a,1,2.5\nloss,a,2,NaN\nloss,"b,2",1,Infinity\n');
  });
});

describe('findNonFinite', () => {
  it('lists the NaN and infinite points with their steps', () => {
    expect(findNonFinite([10, 20, 30, 40], [1, Number.NaN, 2, Number.NEGATIVE_INFINITY])).toEqual([
      { index: 1, step: 20, value: Number.NaN },
      { index: 3, step: 40, value: Number.NEGATIVE_INFINITY },
    ]);
  });
});

describe('findNearestIndex', () => {
  it('finds the closest recorded step', () => {
    expect(findNearestIndex([10, 20, 30], 24)).toBe(1);
    expect(findNearestIndex([10, 20, 30], 26)).toBe(2);
    expect(findNearestIndex([10, 20, 30], -5)).toBe(0);
    expect(findNearestIndex([10, 20, 30], 99)).toBe(2);
    expect(findNearestIndex([], 1)).toBe(-1);
  });
});

describe('runColors', () => {
  it('gives each of the up to 10 compared runs its own colour, none of them black', () => {
    expect(new Set(runColors).size).toBe(10);
    expect(runColors[0]).toBe('#0072B2');
    expect(runColors).not.toContain('#000000');
  });
});

describe('summarizeRun', () => {
  it('reports last and best loss, best eval loss and final learning rate, skipping NaN', () => {
    const summary = summarizeRun({
      id: 'a',
      status: 'failed',
      lastStep: 40,
      metrics: {
        loss: { steps: [10, 20, 30, 40], values: [2, 1.2, 1.5, Number.NaN] },
        eval_loss: { steps: [20, 40], values: [1.9, 1.7] },
        learning_rate: { steps: [10, 40], values: [1e-4, 5e-5] },
      },
    });
    expect(summary).toEqual({
      id: 'a',
      label: 'a',
      status: 'failed',
      steps: 40,
      lastLoss: 1.5,
      bestLoss: 1.2,
      bestEvalLoss: 1.7,
      finalLearningRate: 5e-5,
    });
  });
  it('leaves missing facts empty', () => {
    expect(summarizeRun({ id: 'b', metrics: {} })).toMatchObject({
      steps: null,
      lastLoss: null,
      bestEvalLoss: null,
      status: null,
    });
  });
});

describe('series model and view', () => {
  const million = 1_000_000;
  const steps = Array.from({ length: million }, (_, i) => i);
  const values = steps.map((i) => 3 - i / million + (i === 654_321 ? 50 : 0));

  it('draws about two points per pixel, whatever the series length, keeping the spike', () => {
    const model = createSeriesModelCache().get('a', { steps, values }, 0);
    const rows = buildSeriesView(model, { maxPoints: 2 * 720 });
    expect(rows.length).toBeLessThanOrEqual(2 * 720);
    expect(rows.length).toBeGreaterThan(720);
    expect(rows.some((row) => row.y === 50 + 3 - 654_321 / million)).toBe(true);
  });

  it('stays within the budget when the smoothed line is drawn over the raw one', () => {
    // Noisy values, so every bucket has its minimum and maximum inside it: the busiest case.
    const noisy = steps.map((i) => 2 + Math.sin(i));
    const model = createSeriesModelCache().get('a', { steps, values: noisy }, 0.9);
    const rows = buildSeriesView(model, { maxPoints: 1600 });
    expect(rows.length).toBeLessThanOrEqual(1600);
    expect(rows.length).toBeGreaterThan(1000);
  });

  it('re-downsamples only the zoomed range, at the same resolution', () => {
    const model = createSeriesModelCache().get('a', { steps, values }, 0);
    const rows = buildSeriesView(model, { maxPoints: 800, start: 1000, end: 2000 });
    expect(rows[0]?.x).toBe(1000);
    expect(rows[rows.length - 1]?.x).toBe(2000);
    expect(rows.length).toBeLessThanOrEqual(800);
  });

  it('breaks the line at NaN and at non-positive values on a log scale', () => {
    const model = createSeriesModelCache().get(
      'a',
      { steps: [1, 2, 3], values: [1, Number.NaN, -1] },
      0,
    );
    expect(buildSeriesView(model, { maxPoints: 100, log: true }).map((r) => r.y)).toEqual([
      1,
      null,
      null,
    ]);
  });

  it('smooths appended points from the carried EMA state, equal to smoothing the whole series', () => {
    const cache = createSeriesModelCache();
    const all = [2.5, 2.4, Number.NaN, 2.2, 2.6, 1.9, 2.0, 1.7, 1.8, 1.6];
    cache.get('a', { steps: [1, 2, 3, 4, 5], values: all.slice(0, 5) }, 0.6);
    const model = cache.get('a', { steps: all.map((_, i) => i + 1), values: all }, 0.6);
    const expected = smoothEma(all, 0.6);
    expect(model.smoothed?.length).toBe(10);
    model.smoothed?.forEach((value, i) => {
      if (Number.isNaN(expected[i])) expect(value).toBeNaN();
      else expect(value).toBeCloseTo(expected[i] as number, 12);
    });
    expect(model.nonFinite.map((p) => p.step)).toEqual([3]);
  });

  it('reuses the smoothed prefix when 10 points are added to a million', () => {
    const cache = createSeriesModelCache();
    const first = cache.get('a', { steps, values }, 0.9);
    const firstSmoothed = first.smoothed;
    const more = Array.from({ length: 10 }, (_, i) => million + i);
    const next = cache.get(
      'a',
      { steps: steps.concat(more), values: values.concat(more.map(() => 2)) },
      0.9,
    );
    expect(next.smoothed).toBe(firstSmoothed);
    expect(next.length).toBe(million + 10);
    expect(next.version).not.toBe(first.version);
  });

  it('rebuilds when a resume rewrote the last points', () => {
    const cache = createSeriesModelCache();
    const first = cache.get('a', { steps: [1, 2, 3], values: [3, 2, 1] }, 0.5);
    const next = cache.get('a', { steps: [1, 2, 3, 4], values: [3, 2, 1.5, 1] }, 0.5);
    expect(next.smoothed).not.toBe(first.smoothed);
    expect(next.smoothed).toEqual(smoothEma([3, 2, 1.5, 1], 0.5));
  });
});

describe('series view cache', () => {
  const n = 100_000;
  const steps = Array.from({ length: n }, (_, i) => i);
  const values = steps.map((i) => 2 + Math.sin(i / 10));

  it("draws a poll's new points at the end of the line, the NaN one as a break", () => {
    const models = createSeriesModelCache();
    const views = createSeriesViewCache();
    views.get('a', models.get('a', { steps, values }, 0.5), { maxPoints: 800 });
    const model = models.get(
      'a',
      { steps: steps.concat([n, n + 1]), values: values.concat([1.5, Number.NaN]) },
      0.5,
    );
    const next = views.get('a', model, { maxPoints: 800 });
    expect(next.slice(-2)).toEqual([
      { x: n, step: n, y: 1.5, s: model.smoothed?.[n] },
      { x: n + 1, step: n + 1, y: null, s: null },
    ]);
    expect(next[0]).toEqual({ x: 0, step: 0, y: 2, s: 2 });
  });

  it('keeps about two points per pixel, the extremes and every NaN while a run grows 100-fold', () => {
    const models = createSeriesModelCache();
    const views = createSeriesViewCache();
    const s: number[] = [];
    const v: number[] = [];
    let rows: SeriesViewRow[] = [];
    const push = (count: number) => {
      for (let i = 0; i < count; i++) {
        const k = s.length;
        s.push(k);
        // A spike at 12,345, a NaN every 40,000 points, noise everywhere else.
        v.push(k === 12_345 ? 40 : k % 40_000 === 39_999 ? Number.NaN : 2 + Math.sin(k));
      }
      rows = views.get('a', models.get('a', { steps: s, values: v }, 0.9), { maxPoints: 800 });
    };
    push(2_000);
    for (let poll = 0; poll < 99; poll++) {
      push(2_000);
      // 800 budgeted points, 6 kept per bucket of 4 budgeted (raw and smoothed extremes).
      expect(rows.length).toBeLessThanOrEqual(1200 + 5);
      expect(rows.length).toBeGreaterThanOrEqual(300);
    }
    expect(s.length).toBe(200_000);
    expect(rows.some((row) => row.y === 40)).toBe(true);
    expect(rows.filter((row) => row.y === null).map((row) => row.step)).toEqual([
      39_999, 79_999, 119_999, 159_999, 199_999,
    ]);
    expect(rows[0]?.step).toBe(0);
    expect(rows[rows.length - 1]?.step).toBe(199_999);
    for (let i = 1; i < rows.length; i++)
      expect((rows[i] as SeriesViewRow).x).toBeGreaterThan((rows[i - 1] as SeriesViewRow).x);
    // The drawn extremes are the series' own: the same as downsampling it all at once.
    const all = buildSeriesView(models.get('a', { steps: s, values: v }, 0.9), { maxPoints: 800 });
    const top = (list: SeriesViewRow[]) => Math.max(...list.map((row) => row.y ?? -1));
    const bottom = (list: SeriesViewRow[]) => Math.min(...list.map((row) => row.y ?? 99));
    expect(top(rows)).toBe(top(all));
    expect(bottom(rows)).toBe(bottom(all));
  });

  it('draws a short series whole, then buckets it once polls take it past the budget', () => {
    const models = createSeriesModelCache();
    const views = createSeriesViewCache();
    const s: number[] = [];
    const v: number[] = [];
    const sizes: number[] = [];
    let rows: SeriesViewRow[] = [];
    for (let poll = 0; poll < 60; poll++) {
      for (let i = 0; i < 100; i++) {
        const k = s.length;
        s.push(k);
        v.push(k === 4_321 ? -7 : 1 + Math.cos(k / 3));
      }
      rows = views.get('a', models.get('a', { steps: s, values: v }, 0), { maxPoints: 800 });
      sizes.push(rows.length);
    }
    // Every point while the plot has room for them (up to 800), then about the budget.
    expect(sizes.slice(0, 8)).toEqual([100, 200, 300, 400, 500, 600, 700, 800]);
    for (const size of sizes.slice(8)) {
      expect(size).toBeLessThanOrEqual(800);
      expect(size).toBeGreaterThanOrEqual(200);
    }
    expect(rows[0]?.step).toBe(0);
    expect(rows[rows.length - 1]?.step).toBe(5_999);
    expect(Math.min(...rows.map((row) => row.y ?? 99))).toBe(-7);
  });

  it('leaves out points without a finite x and keeps the extremes around them', () => {
    const models = createSeriesModelCache();
    const views = createSeriesViewCache();
    const n = 5_000;
    const steps = Array.from({ length: n }, (_, i) => i);
    // Every 7th point has no x (an epoch axis before the first logged epoch, say).
    const model = models.get(
      'a',
      {
        steps,
        values: steps.map((i) => (i === 2_500 ? 99 : i === 2_505 ? -99 : 1)),
        xOf: (i) => (i % 7 === 0 ? Number.NaN : i),
      },
      0,
    );
    const rows = views.get('a', model, { maxPoints: 400 });
    expect(rows.every((row) => Number.isFinite(row.x) && row.step % 7 !== 0)).toBe(true);
    expect(rows.map((row) => row.y)).toContain(99);
    expect(rows.map((row) => row.y)).toContain(-99);
    expect(rows[0]?.step).toBe(1);
    expect(rows[rows.length - 1]?.step).toBe(4_999);
  });

  it('draws a series whose x goes back (a clock reset on the time axis) in recorded order', () => {
    const models = createSeriesModelCache();
    const views = createSeriesViewCache();
    const xs = [0, 10, 20, 5, 15, 30];
    const model = models.get(
      'a',
      { steps: [1, 2, 3, 4, 5, 6], values: [1, 2, 3, 4, 5, 6], xOf: (i) => xs[i] as number },
      0,
    );
    const rows = views.get('a', model, { maxPoints: 800 });
    expect(rows.map((row) => row.step)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
