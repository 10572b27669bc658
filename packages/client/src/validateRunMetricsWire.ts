import { readRunMetricsAsWire } from './readRunMetrics';
import type { RunMetricsWire } from './types';

/**
 * Checks at run time that `body` (parsed JSON) matches the metrics endpoint contract and returns it
 * typed. Throws a {@link TrainvizError} of kind `invalid-response` whose `path` and message say
 * where and what, e.g. `metrics["loss"].values[3]: expected a number or
 * "NaN"/"Infinity"/"-Infinity", got "abc"`.
 *
 * Beyond types it checks that steps are non-negative integers in strictly ascending order and that
 * `steps`, `values` and `times` have equal lengths. Lenient where backends commonly differ:
 * `times` and `total_points` may be `null` (treated as absent), `started_at` and `step_source` may
 * be missing (`null`), `restarts` may be missing (`[]`); unknown fields are dropped.
 *
 * @example
 * ```ts
 * const wire = validateRunMetricsWire(await response.json());
 * const metrics = decodeRunMetrics(wire);
 * ```
 */
export function validateRunMetricsWire(body: unknown): RunMetricsWire {
  // The checks `getRunMetrics` makes, which also decodes in the same walk; here values stay coded.
  const run = readRunMetricsAsWire(body);
  const wire: RunMetricsWire = {
    experiment_id: run.experimentId,
    run_id: run.runId,
    status: run.status,
    last_step: run.lastStep,
    updated_at: run.updatedAt,
    started_at: run.startedAt,
    step_source: run.stepSource,
    restarts: run.restarts,
    metrics: run.metrics,
  };
  if (run.totalPoints !== undefined) wire.total_points = run.totalPoints;
  return wire;
}
