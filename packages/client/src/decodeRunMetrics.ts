import type { RunMetricSeries, RunMetrics, RunMetricsWire } from './types';
import { decodeWireValue } from './wireValue';

/**
 * Converts a validated wire body (snake_case, non-finite values as strings) into {@link RunMetrics}
 * (camelCase, plain JS numbers). Columns are copied, so the result shares no arrays with `wire`.
 *
 * @example
 * ```ts
 * const metrics = decodeRunMetrics(validateRunMetricsWire(JSON.parse(text)));
 * metrics.metrics.loss?.values; // [2.31, NaN]
 * ```
 */
export function decodeRunMetrics(wire: RunMetricsWire): RunMetrics {
  // Null-prototype: a metric named `__proto__` or `constructor` is an ordinary key.
  const metrics: Record<string, RunMetricSeries> = Object.create(null);
  for (const [name, series] of Object.entries(wire.metrics)) {
    const decoded: RunMetricSeries = {
      steps: series.steps.slice(),
      values: series.values.map(decodeWireValue),
    };
    if (series.times !== undefined) decoded.times = series.times.slice();
    metrics[name] = decoded;
  }
  const result: RunMetrics = {
    experimentId: wire.experiment_id,
    runId: wire.run_id,
    status: wire.status,
    lastStep: wire.last_step,
    updatedAt: wire.updated_at,
    startedAt: wire.started_at,
    stepSource: wire.step_source,
    restarts: wire.restarts.map((restart) => ({ step: restart.step })),
    metrics,
  };
  if (wire.total_points !== undefined)
    result.totalPoints = Object.assign(Object.create(null), wire.total_points);
  return result;
}
