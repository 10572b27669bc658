import type { RunMetricSeries, RunMetrics } from './types';

/**
 * The run a poll describes (its status, last step, restarts) holding the given series: what
 * `mergeRunMetrics` and `appendRunMetrics` return. `totalPoints` describes one response, so it
 * is not carried over.
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
