/**
 * Maps a step to its fractional epoch, given the run's logged `epoch` series.
 *
 * @example
 * ```ts
 * const epochAt = createEpochInterpolator(run.metrics.epoch);
 * epochAt(1234); // 0.4113...
 * ```
 */
export type EpochInterpolator = (step: number) => number;

/**
 * Builds the step → epoch map of a run from its logged `epoch` values. Trainers round the epoch
 * they log (Hugging Face to 2 decimals), so ten points in a row can share one value: placed at that
 * value they draw a comb. Here each point gets the epoch it was really at: the step where the
 * logged value changes from `a` to `b` is where the true epoch crossed `(a + b) / 2` (the rounding
 * boundary), and steps between those crossings are interpolated linearly, so a run whose steps
 * per epoch change (a resume with another batch size) is still followed piece by piece. Before the
 * first and after the last crossing the run's mean slope is extended, within the rounding of the
 * first and last logged value. With fewer than two distinct
 * values there is no slope to find and the logged value at or before the step is returned. Points
 * with a non-finite epoch are ignored.
 *
 * @param epoch - the run's `epoch` series (ascending steps) or `undefined`
 * @returns a function from step to epoch; `NaN` when the run logged no epoch
 *
 * @example
 * ```ts
 * // Logged every 10 steps, 1000 steps per epoch, rounded to 2 decimals:
 * const epochAt = createEpochInterpolator({ steps: [10, 20, 30], values: [0.01, 0.02, 0.03] });
 * epochAt(25); // 0.025
 * ```
 */
export function createEpochInterpolator(
  epoch: { steps: readonly number[]; values: readonly number[] } | undefined,
): EpochInterpolator {
  const steps: number[] = [];
  const values: number[] = [];
  if (epoch) {
    for (let i = 0; i < epoch.steps.length; i++) {
      const step = epoch.steps[i] as number;
      const value = epoch.values[i] as number;
      if (Number.isFinite(step) && Number.isFinite(value)) {
        steps.push(step);
        values.push(value);
      }
    }
  }
  if (steps.length === 0) return () => Number.NaN;

  // Crossings: where the logged value changes, halfway between the two steps and the two values.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 1; i < steps.length; i++) {
    const a = values[i - 1] as number;
    const b = values[i] as number;
    if (a === b) continue;
    const x = ((steps[i - 1] as number) + (steps[i] as number)) / 2;
    const y = (a + b) / 2;
    // Two records at one step: keep the crossings strictly rising, or a piece has no width.
    if (xs.length > 0 && x <= (xs[xs.length - 1] as number)) continue;
    xs.push(x);
    ys.push(y);
  }

  if (xs.length < 2) {
    const firstStep = steps[0] as number;
    const firstValue = values[0] as number;
    // One crossing (or none) gives no slope; the first logged value is the best guess before it.
    return (step) => {
      if (step < firstStep) return firstValue;
      let lo = 0;
      let hi = steps.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((steps[mid] as number) <= step) lo = mid;
        else hi = mid - 1;
      }
      return values[lo] as number;
    };
  }

  const last = xs.length - 1;
  // Beyond the first and last crossings, the mean slope of the whole run (one piece's slope comes
  // from two estimated crossings and is noisy), kept within the rounding of the end value.
  const slope =
    ((ys[last] as number) - (ys[0] as number)) / ((xs[last] as number) - (xs[0] as number));
  const firstValue = values[0] as number;
  const lastValue = values[values.length - 1] as number;
  const firstHalfJump = Math.abs((ys[0] as number) - firstValue);
  const lastHalfJump = Math.abs(lastValue - (ys[last] as number));
  const clamp = (value: number, center: number, half: number) =>
    Math.min(center + half, Math.max(center - half, value));
  return (step) => {
    if (!Number.isFinite(step)) return Number.NaN;
    if (step <= (xs[0] as number)) {
      const value = (ys[0] as number) + (step - (xs[0] as number)) * slope;
      return Math.max(0, clamp(value, firstValue, firstHalfJump));
    }
    if (step >= (xs[last] as number)) {
      const value = (ys[last] as number) + (step - (xs[last] as number)) * slope;
      return clamp(value, lastValue, lastHalfJump);
    }
    // The piece [xs[i], xs[i + 1]] holding the step.
    let lo = 0;
    let hi = last - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((xs[mid] as number) <= step) lo = mid;
      else hi = mid - 1;
    }
    const x0 = xs[lo] as number;
    const x1 = xs[lo + 1] as number;
    const y0 = ys[lo] as number;
    const y1 = ys[lo + 1] as number;
    return y0 + ((step - x0) * (y1 - y0)) / (x1 - x0);
  };
}
