import type { ChartRun } from './types';

/**
 * The step range the runs cover, over all their metrics, rounded out like the chart's own x axis
 * start: a sparse metric (an eval loss logged from step 400) is drawn against the whole run.
 *
 * @param runs - the runs drawn
 * @returns `[first, last]` step, or null when no run has a point
 *
 * @example
 * ```ts
 * runsXRange([{ id: 'a', metrics: { loss: { steps: [10, 4000], values: [2, 1] }, eval_loss: { steps: [400], values: [2] } } }]);
 * // [0, 4000]
 * ```
 */
export function runsXRange(runs: readonly ChartRun[]): [number, number] | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    for (const series of Object.values(run.metrics)) {
      const steps = series.steps;
      if (steps.length === 0) continue;
      // Ascending steps: the ends are the extent, no scan of a million points per poll.
      const first = steps[0] as number;
      const last = steps[steps.length - 1] as number;
      if (first < min) min = first;
      if (last > max) max = last;
    }
  }
  if (!(min <= max)) return null;
  if (min === max) return [min - 1, max + 1];
  // A run logged from step 10 (or 1) starts at 0 on the axis, as TensorBoard draws it.
  if (min > 0 && min <= (max - min) * 0.05) min = 0;
  return [min, max];
}
