import type { encodeRunMetrics, MetricSeries } from '@trainviz/client';

/**
 * The JSON text of one series exactly as `JSON.stringify(encodeRunMetrics(run))` writes it under
 * `metrics`: `encode` is the client's `encodeRunMetrics`, given a run that holds only this series
 * (it encodes each series on its own, so the text does not depend on the rest of the run).
 *
 * It uses nothing but its arguments: the SQLite worker threads run it from its source text, with
 * the client module they load, so a long series is encoded off the event loop by the same code.
 *
 * @example
 * ```ts
 * wireSeriesJson(encodeRunMetrics, { steps: [1, 2], values: [0.5, Number.NaN] });
 * // '{"steps":[1,2],"values":[0.5,"NaN"]}'
 * ```
 */
export function wireSeriesJson(encode: typeof encodeRunMetrics, series: MetricSeries): string {
  const metrics: Record<string, MetricSeries> = Object.create(null);
  metrics.series = series;
  const wire = encode({
    experimentId: '',
    runId: '',
    status: 'running',
    lastStep: null,
    updatedAt: '',
    startedAt: null,
    stepSource: null,
    restarts: [],
    metrics,
  });
  return JSON.stringify(wire.metrics.series);
}
