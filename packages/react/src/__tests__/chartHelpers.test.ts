import { lowerBound, upperBound } from '@trainviz/client/series';
import { beforeAll, describe, expect, it } from 'vitest';
import { availableMetrics, availableXAxisModes } from '../data/availableMetrics';
import { formatX, xAxisTicks, yAxisTicks } from '../data/axisTicks';
import { chartCsv, exportFileName } from '../data/chartCsv';
import { chartYDomain } from '../data/chartYDomain';
import { computeXDomain } from '../data/computeXDomain';
import { createSeriesModelCache } from '../data/createSeriesModelCache';
import { chartNotes, describeChart } from '../data/describeChart';
import type { DrawSelection } from '../data/drawRuns';
import { drawRuns } from '../data/drawRuns';
import { timeAxisModule } from '../data/lazyFeatures';
import type { ChartRun } from '../data/types';
import { sampleRange, visibleRange } from '../data/visibleRange';
import { xAccessor } from '../data/xAccessor';

const selection: DrawSelection = { metric: 'loss', xAxis: 'step', smoothing: 0, hiddenRunIds: [] };

function draw(runs: ChartRun[], overrides: Partial<DrawSelection> = {}) {
  return drawRuns(runs, { ...selection, ...overrides }, createSeriesModelCache());
}

const runA: ChartRun = {
  id: 'a',
  label: 'sft-7',
  metrics: {
    loss: { steps: [10, 20, 30, 40], values: [2.5, Number.NaN, 2.0, 1.5] },
    epoch: { steps: [10, 30], values: [0, 1] },
  },
};

describe('lowerBound and upperBound', () => {
  it('bound the indexes of the values in a closed range', () => {
    expect(upperBound([10, 20, 20, 30], 20)).toBe(3);
    expect(upperBound([10, 20, 30], 30)).toBe(3);
    expect(upperBound([10, 20, 30], 5)).toBe(0);
  });
  it('finds the first index not below the target', () => {
    expect(lowerBound([10, 20, 30], 5)).toBe(0);
    expect(lowerBound([10, 20, 30], 20)).toBe(1);
    expect(lowerBound([10, 20, 30], 25)).toBe(2);
    expect(lowerBound([10, 20, 30], 31)).toBe(3);
    expect(lowerBound([], 1)).toBe(0);
  });
});

describe('availableMetrics', () => {
  it('offers the usual training metrics first, then the rest alphabetically, none empty', () => {
    const run: ChartRun = {
      id: 'a',
      metrics: {
        zeta: { steps: [1], values: [1] },
        grad_norm: { steps: [1], values: [1] },
        alpha: { steps: [1], values: [1] },
        loss: { steps: [1], values: [1] },
        empty: { steps: [], values: [] },
      },
    };
    expect(availableMetrics([run])).toEqual(['loss', 'grad_norm', 'alpha', 'zeta']);
  });
  it('offers epoch only when a run records it, time only with timestamps', () => {
    expect(availableXAxisModes([runA], 'loss')).toEqual(['step', 'epoch']);
    const timed: ChartRun = { id: 't', metrics: { loss: { steps: [1], values: [1], times: [3] } } };
    expect(availableXAxisModes([timed], 'loss')).toEqual(['step', 'time']);
  });
});

describe('xAccessor', () => {
  it('maps a step to the last epoch logged at or before it', () => {
    const series = runA.metrics.loss!;
    const x = xAccessor(runA, series, 'epoch')!;
    expect([0, 1, 2, 3].map(x)).toEqual([0, 0, 1, 1]);
  });
  it('is undefined on the step axis and without the data the axis needs', () => {
    expect(xAccessor(runA, runA.metrics.loss!, 'step')).toBeUndefined();
    expect(xAccessor(runA, runA.metrics.loss!, 'time')).toBeUndefined();
  });
});

describe('drawRuns', () => {
  it('leaves out a run without the x axis and says so in the notes', () => {
    const other: ChartRun = { id: 'b', metrics: { loss: { steps: [10], values: [3] } } };
    const drawn = draw([runA, other], { xAxis: 'epoch' });
    expect(drawn.map((item) => [item.label, item.model?.length ?? null, item.missingX])).toEqual([
      ['sft-7', 4, false],
      ['b', null, true],
    ]);
    expect(chartNotes('loss', drawn, 'epoch')).toEqual([
      { text: 'sft-7: loss became NaN at step 20', danger: true },
      { text: 'b: no epoch recorded, not drawn', danger: false },
    ]);
  });
  it('colours runs by position unless given a colour', () => {
    const drawn = draw([runA, { ...runA, id: 'b', color: 'red' }]);
    expect(drawn[0]?.color).toMatch(/^#/);
    expect(drawn[1]?.color).toBe('red');
  });
});

describe('computeXDomain', () => {
  it('starts a 10..4830 step axis at 0, as TensorBoard does', () => {
    const steps = Array.from({ length: 483 }, (_, i) => 10 * (i + 1));
    const run: ChartRun = { id: 'a', metrics: { loss: { steps, values: steps.map(() => 1) } } };
    expect(computeXDomain(draw([run]))).toEqual([0, 4830]);
  });
  it('keeps a start far from a round value, and pads a single step', () => {
    const run: ChartRun = { id: 'a', metrics: { loss: { steps: [5000, 6000], values: [1, 1] } } };
    expect(computeXDomain(draw([run]))).toEqual([5000, 6000]);
    const one: ChartRun = { id: 'a', metrics: { loss: { steps: [100], values: [1] } } };
    expect(computeXDomain(draw([one]))).toEqual([90, 110]);
  });
  it('is null when every run is hidden', () => {
    expect(computeXDomain(draw([runA], { hiddenRunIds: ['a'] }))).toBeNull();
  });
});

describe('chartYDomain', () => {
  it('keeps the whole range when zoomed into a stretch of NaN only', () => {
    const drawn = draw([runA]);
    const options = {
      zoom: { from: 19, to: 21 },
      yScale: 'linear' as const,
      ignoreOutliers: false,
    };
    const views = new Map([['a', [{ x: 20, step: 20, y: null, s: null }]]]);
    const domain = chartYDomain(drawn, views, options);
    expect(domain?.[0]).toBeLessThan(1.5);
    expect(domain?.[1]).toBeGreaterThan(2.5);
  });
});

describe('visibleRange and sampleRange', () => {
  it('selects the points inside the zoom, both ends included', () => {
    const model = draw([runA])[0]!.model!;
    expect(visibleRange(model, null)).toEqual([0, 4]);
    expect(visibleRange(model, { from: 20, to: 30 })).toEqual([1, 3]);
    expect(sampleRange(model, { from: 20, to: 30 })).toEqual([Number.NaN, 2.0]);
  });
});

describe('axis ticks', () => {
  // The view loads the time axis' module before it draws one.
  beforeAll(() => timeAxisModule.load());

  it('labels steps in thousands and durations with units', () => {
    const steps = xAxisTicks([0, 4830], 'step', 5);
    expect(steps.values).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(steps.labels.get(2000)).toBe('2k');
    const time = xAxisTicks([0, 7200], 'time', 3);
    expect([...time.labels.values()].every((label) => /[hms]/.test(label))).toBe(true);
  });
  it('puts log y ticks on powers of ten', () => {
    expect(yAxisTicks([2e-7, 3e-2], 6, 'log').values).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 1e-2]);
  });
  it('formats an x value for the tooltip per axis', () => {
    expect(formatX(5400, 'time')).toBe('1h 30m');
    expect(formatX(1.2345, 'epoch')).toBe('1.23');
  });
});

describe('describeChart', () => {
  it('summarises each visible run with its last finite value', () => {
    const drawn = draw([
      runA,
      { id: 'b', metrics: { loss: { steps: [5], values: [Number.NaN] } } },
    ]);
    expect(describeChart('loss', drawn)).toBe(
      'loss for 2 runs: sft-7 4 points, last 1.5 at step 40; b 1 points',
    );
  });
});

describe('chartCsv', () => {
  it('writes the recorded points of the visible runs inside the zoom', () => {
    const drawn = draw([runA]);
    expect(chartCsv('loss', drawn, { from: 20, to: 30 })).toBe(
      'metric,run,step,value\nloss,sft-7,20,NaN\nloss,sft-7,30,2\n',
    );
  });
  it('makes a file name out of any metric name', () => {
    expect(exportFileName('rewards/chosen')).toBe('rewards_chosen');
    expect(exportFileName('../../etc')).toBe('.._.._etc');
  });
});
