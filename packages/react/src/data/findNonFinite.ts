/**
 * A point whose value is `NaN`, `Infinity` or `-Infinity`.
 *
 * @example
 * ```ts
 * const point: NonFinitePoint = { index: 3, step: 1234, value: Number.NaN };
 * ```
 */
export interface NonFinitePoint {
  /** Position in the series columns. */
  index: number;
  step: number;
  value: number;
}

/**
 * The points of a series whose value is not finite, in step order.
 *
 * @param steps - the step column
 * @param values - the value column, parallel to `steps`
 * @param from - first index to look at. @defaultValue 0
 * @returns the non-finite points
 *
 * @example
 * ```ts
 * findNonFinite([10, 20, 30], [2.1, Number.NaN, 1.9]); // [{ index: 1, step: 20, value: NaN }]
 * ```
 */
export function findNonFinite(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  from = 0,
): NonFinitePoint[] {
  const found: NonFinitePoint[] = [];
  const n = Math.min(steps.length, values.length);
  for (let i = from; i < n; i++) {
    const value = values[i] as number;
    if (!Number.isFinite(value)) found.push({ index: i, step: steps[i] as number, value });
  }
  return found;
}
