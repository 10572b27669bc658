import * as series from '@trainviz/client/series';
import * as parser from '@trainviz/parser';
import { describe, expect, it } from 'vitest';

// A parsed curve and a fetched one must look the same: one series shape, one EMA, one M4.
describe('one series shape across packages', () => {
  it('smooths and downsamples with the very functions of @trainviz/client/series', () => {
    // The parser's exports are the client's, built into the parser's dist (the parser has no
    // dependency; see packages/parser/tsup.config.ts). A copy written back into the parser fails here.
    expect(parser.smoothEma).toBe(series.smoothEma);
    expect(parser.downsampleM4).toBe(series.downsampleM4);
  });

  it('draws a parsed series as is: the parser shape is the shared one', () => {
    const parsed: parser.MetricSeries = { steps: [1, 2], values: [2.5, Number.NaN] };
    const shared: series.MetricSeries = parsed;
    expect(shared.values[1]).toBeNaN();
  });
});
