import { upperBound } from '@trainviz/client/series';
import { epochModule } from './lazyFeatures';
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
    // The logged epoch is rounded (ten points share 0.42): each point gets its fractional epoch,
    // interpolated from its step, so the line is not drawn as a comb. The view waits for the
    // interpolator's module; until it is loaded, each point takes the last epoch logged.
    const loaded = epochModule.current;
    if (!loaded) {
      return (i) =>
        epoch.values[Math.max(0, upperBound(epoch.steps, series.steps[i] as number) - 1)] as number;
    }
    const epochAt = loaded.createEpochInterpolator(epoch);
    return (i) => epochAt(series.steps[i] as number);
  }
  return undefined;
}
