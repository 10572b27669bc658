import { lowerBound } from './sortedSearch';
import type { ChartRun, ChartSeriesData, XAxisMode } from './types';

/**
 * How to find the x coordinate of point `i` of a series on an x axis other than the step, or
 * `undefined` when x is the step itself or the run lacks what the axis needs.
 *
 * @param run - the run, for its `epoch` series
 * @param series - the drawn series
 * @param mode - the x axis
 * @returns index to x, or undefined
 *
 * @example
 * ```ts
 * xAccessor(run, run.metrics.loss, 'time')?.(0); // seconds since start of the first point
 * ```
 */
export function xAccessor(
  run: ChartRun,
  series: ChartSeriesData,
  mode: XAxisMode,
): ((index: number) => number) | undefined {
  if (mode === 'time' && series.times) {
    const times = series.times;
    return (i) => times[i] ?? Number.NaN;
  }
  const epoch = run.metrics.epoch;
  if (mode === 'epoch' && epoch && epoch.steps.length > 0) {
    // Epoch is logged less often than most metrics: take the last epoch value at or before the step.
    return (i) => {
      const step = series.steps[i] as number;
      const at = lowerBound(epoch.steps, step + 1) - 1;
      return (epoch.values[Math.max(0, at)] as number) ?? Number.NaN;
    };
  }
  return undefined;
}
