import * as series from '@trainviz/client/series';
import * as parser from '@trainviz/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The chart smooths and downsamples with @trainviz/client/series; the parser keeps its own copies
// (it has no dependency). A curve must look the same whichever package drew it.
const values = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity) },
  ),
  { maxLength: 300 },
);

describe('one EMA and one M4 across packages', () => {
  it('smooths exactly as the parser does', () => {
    fc.assert(
      fc.property(values, fc.double({ min: -1, max: 2 }), (vs, weight) => {
        expect(series.smoothEma(vs, weight)).toEqual(parser.smoothEma(vs, weight));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the same points as the parser', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 0, max: 64 }), (vs, budget) => {
        const steps = vs.map((_, i) => 10 * i);
        expect(series.downsampleM4(steps, vs, budget)).toEqual(
          parser.downsampleM4(steps, vs, budget),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('draws a parsed series as is: the parser shape is the shared one', () => {
    const parsed: parser.MetricSeries = { steps: [1, 2], values: [2.5, Number.NaN] };
    const shared: series.MetricSeries = parsed;
    expect(shared.values[1]).toBeNaN();
  });
});
