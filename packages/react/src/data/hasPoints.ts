import type { ChartRun } from './types';

/**
 * Whether any run has at least one point of any metric; without, the chart shows its empty state.
 *
 * @param runs - runs to draw
 * @returns true when there is something to draw
 *
 * @example
 * ```ts
 * hasPoints([{ id: 'a', metrics: {} }]); // false
 * ```
 */
export function hasPoints(runs: readonly ChartRun[]): boolean {
  return runs.some((run) => Object.values(run.metrics).some((series) => series.steps.length > 0));
}
