import * as series from '@trainviz/client/series';
import * as parser from '@trainviz/parser';
import { describe, expect, it } from 'vitest';

// The parser's smoothEma and downsampleM4 are @trainviz/client/series' own (built into the parser's
// dist, see packages/parser/tsup.config.ts), so a parsed curve and a fetched one look the same.
describe('one series shape across packages', () => {
  it('draws a parsed series as is: the parser shape is the shared one', () => {
    const parsed: parser.MetricSeries = { steps: [1, 2], values: [2.5, Number.NaN] };
    const shared: series.MetricSeries = parsed;
    expect(shared.values[1]).toBeNaN();
  });
});
