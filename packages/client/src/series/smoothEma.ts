/** Largest smoothing weight accepted; TensorBoard's slider stops at 0.999 too. */
const MAX_WEIGHT = 0.999;

/**
 * Smooths a curve the way TensorBoard's scalar dashboard does: a debiased exponential moving average
 * (the first points are not dragged towards zero, as a plain EMA started at 0 would be).
 *
 * `smoothed[i] = ema[i] / (1 - weight^k)` where `ema[i] = ema[i-1] * weight + (1 - weight) * values[i]`,
 * `ema` starts at 0 and `k` counts the finite values seen so far.
 *
 * - `weight` is clamped to `0..0.999`; a `NaN` weight counts as 0. Weight 0 returns the values unchanged.
 * - Non-finite points (`NaN`, `±Infinity`) are left as they are in the output and do not enter the
 *   average, so one diverged step does not turn the rest of the curve into `NaN`.
 * - A constant series is returned unchanged (no floating-point wobble), as TensorBoard does.
 *
 * @param values - The raw values, in step order.
 * @param weight - Smoothing weight, TensorBoard's slider value (0.6 is its default position).
 * @returns A new array, same length as `values`.
 *
 * @example
 * ```ts
 * const { values } = result.series.loss;
 * const smoothed = smoothEma(values, 0.6); // TensorBoard's default slider position
 * smoothEma([1, 2, 3], 0.5); // [1, 1.6666666666666667, 2.4285714285714284]
 * ```
 */
export function smoothEma(values: ArrayLike<number>, weight: number): number[] {
  const n = values.length;
  const out = new Array<number>(n);
  let constant = true;
  const first = n > 0 ? (values[0] as number) : 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    out[i] = v;
    // Object.is would tell -0 from 0; TensorBoard compares with ==, NaN never equal.
    if (v !== first) constant = false;
  }
  const smoother = createEmaSmoother(weight);
  if (smoother.weight === 0 || constant) return out;
  for (let i = 0; i < n; i++) out[i] = smoother.push(out[i] as number);
  return out;
}

/**
 * The running state of {@link smoothEma}'s average, for a series that grows: a live chart smooths
 * each poll's new points from where the last poll stopped instead of the whole series again.
 *
 * @example
 * ```ts
 * const smoother = createEmaSmoother(0.6);
 * const smoothed = newValues.map((v) => smoother.push(v));
 * ```
 */
export interface EmaSmoother {
  /** The next point's smoothed value; a non-finite value is returned as it is and not averaged. */
  push(value: number): number;
  /** The weight in use, clamped as {@link smoothEma} clamps it. */
  readonly weight: number;
}

/**
 * A debiased EMA fed one point at a time: pushing every value of a series gives
 * `smoothEma(values, weight)`, except that a constant series is not special-cased (the caller that
 * needs TensorBoard's constant rule checks it, as `smoothEma` does).
 *
 * @param weight - smoothing weight, clamped to `0..0.999`; `NaN` counts as 0
 * @returns a smoother with no points seen
 *
 * @example
 * ```ts
 * const smoother = createEmaSmoother(0.5);
 * [1, 2, 3].map((v) => smoother.push(v)); // [1, 1.6666666666666667, 2.4285714285714284]
 * ```
 */
export function createEmaSmoother(weight: number): EmaSmoother {
  const w = Number.isNaN(weight) ? 0 : Math.min(MAX_WEIGHT, Math.max(0, weight));
  let last = 0;
  let count = 0;
  return {
    weight: w,
    push(v) {
      if (w === 0 || !Number.isFinite(v)) return v;
      last = last * w + (1 - w) * v;
      count++;
      return last / (1 - w ** count);
    },
  };
}
