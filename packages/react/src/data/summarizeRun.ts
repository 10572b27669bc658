import type { RunStatus } from '@trainviz/client';
import type { ChartRun } from './types';

/**
 * Facts about one run for the comparison table. Missing facts are `null`.
 *
 * @example
 * ```ts
 * const summary: RunSummary = {
 *   id: 'a', label: 'a', status: 'completed', steps: 8120, lastLoss: 1.23, bestLoss: 1.2,
 *   bestEvalLoss: 1.31, finalLearningRate: 2e-5,
 * };
 * ```
 */
export interface RunSummary {
  id: string;
  label: string;
  status: RunStatus | null;
  /** Highest recorded step. */
  steps: number | null;
  /** Last finite `loss`. */
  lastLoss: number | null;
  /** Lowest finite `loss`. */
  bestLoss: number | null;
  /** Lowest finite `eval_loss`. */
  bestEvalLoss: number | null;
  /** Last finite `learning_rate`. */
  finalLearningRate: number | null;
}

/**
 * Summarises a run for {@link RunComparisonTable}: non-finite values never count as last or best.
 *
 * @param run - the run and its metrics
 * @returns the run's facts
 *
 * @example
 * ```ts
 * summarizeRun({ id: 'a', metrics: { loss: { steps: [1, 2], values: [2, 1.5] } } }).bestLoss; // 1.5
 * ```
 */
export function summarizeRun(run: ChartRun): RunSummary {
  let steps: number | null = run.lastStep ?? null;
  if (steps === null) {
    for (const series of Object.values(run.metrics)) {
      const last = series.steps[series.steps.length - 1];
      if (last !== undefined && (steps === null || last > steps)) steps = last;
    }
  }
  return {
    id: run.id,
    label: run.label ?? run.id,
    status: run.status ?? null,
    steps,
    lastLoss: lastFinite(run.metrics.loss?.values),
    bestLoss: minFinite(run.metrics.loss?.values),
    bestEvalLoss: minFinite(run.metrics.eval_loss?.values),
    finalLearningRate: lastFinite(run.metrics.learning_rate?.values),
  };
}

function lastFinite(values: readonly number[] | undefined): number | null {
  if (!values) return null;
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i] as number;
    if (Number.isFinite(v)) return v;
  }
  return null;
}

function minFinite(values: readonly number[] | undefined): number | null {
  if (!values) return null;
  let best: number | null = null;
  for (const v of values) if (Number.isFinite(v) && (best === null || v < best)) best = v;
  return best;
}
