import type { DrawnRun } from './drawRuns';
import { visibleRuns } from './drawRuns';
import { niceTicks } from './niceTicks';

/**
 * The x range of the visible runs. Steps that start just above a round value (10 after a step 0 that
 * was not logged) extend down to it, so the axis begins at 0 like TensorBoard's rather than at 10.
 *
 * @param drawn - output of `drawRuns`
 * @returns `[min, max]`, or null when nothing is visible
 *
 * @example
 * ```ts
 * computeXDomain(drawn); // [0, 4830] for steps 10..4830
 * ```
 */
export function computeXDomain(drawn: readonly DrawnRun[]): [number, number] | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const { model } of visibleRuns(drawn)) {
    // xs ascend, so the ends are the extent: a poll on a 1M-point series must not scan it.
    const xs = model.xs;
    if (xs.length === 0) continue;
    const first = xs[0] as number;
    const last = xs[xs.length - 1] as number;
    if (first < min) min = first;
    if (last > max) max = last;
  }
  if (!(min <= max)) return null;
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return [min - pad, max + pad];
  }
  const [first, second] = niceTicks(min, max, 5);
  if (first !== undefined && second !== undefined) {
    const below = first - (second - first);
    // Within 5% of the range: extending costs little room and gives the axis a round start.
    if (min - below <= (max - min) * 0.05) return [below, max];
  }
  return [min, max];
}
