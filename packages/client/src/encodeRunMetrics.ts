import type { RunMetrics, RunMetricsWire, WireMetricSeries } from './types';
import { encodeWireValue } from './wireValue';

/**
 * Converts {@link RunMetrics} into the JSON body the metrics endpoint serves (snake_case,
 * non-finite values as `"NaN"`/`"Infinity"`/`"-Infinity"`). Used by servers; the inverse of
 * {@link decodeRunMetrics}.
 *
 * @example
 * ```ts
 * return Response.json(encodeRunMetrics(runMetrics));
 * ```
 */
export function encodeRunMetrics(metrics: RunMetrics): RunMetricsWire {
  const wireMetrics: Record<string, WireMetricSeries> = Object.create(null);
  for (const [name, series] of Object.entries(metrics.metrics)) {
    const encoded: WireMetricSeries = {
      steps: series.steps.slice(),
      values: series.values.map(encodeWireValue),
    };
    if (series.times !== undefined) encoded.times = series.times.slice();
    wireMetrics[name] = encoded;
  }
  const result: RunMetricsWire = {
    experiment_id: metrics.experimentId,
    run_id: metrics.runId,
    status: metrics.status,
    last_step: metrics.lastStep,
    updated_at: metrics.updatedAt,
    started_at: metrics.startedAt,
    step_source: metrics.stepSource,
    restarts: metrics.restarts.map((restart) => ({ step: restart.step })),
    metrics: wireMetrics,
  };
  if (metrics.totalPoints !== undefined) result.total_points = { ...metrics.totalPoints };
  return result;
}
