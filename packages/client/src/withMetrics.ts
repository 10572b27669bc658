import type { RunMetricSeries, RunMetrics } from './types';

/**
 * The run a poll describes (its status, last step, restarts) holding the given series: what
 * `mergeRunMetrics` and `appendRunMetrics` return.
 *
 * @param increment - The newest response for the run.
 * @param metrics - The merged series.
 * @returns A new run.
 * @example
 * ```ts
 * withMetrics(increment, merged).status === increment.status; // true
 * ```
 */
export function withMetrics(
  increment: RunMetrics,
  metrics: Record<string, RunMetricSeries>,
): RunMetrics {
  return {
    experimentId: increment.experimentId,
    runId: increment.runId,
    status: increment.status,
    lastStep: increment.lastStep,
    updatedAt: increment.updatedAt,
    startedAt: increment.startedAt,
    stepSource: increment.stepSource,
    restarts: increment.restarts.map((restart) => ({ step: restart.step })),
    metrics,
  };
}
