/**
 * First index whose value is not below `target` in an ascending column (`end` when every value
 * is below). Binary search: about 20 reads on a million points.
 *
 * @param sorted - ascending numbers (a series' `steps`, a chart's x column)
 * @param target - value looked for
 * @param end - search `sorted[0..end)` only: a column with spare capacity past its used length.
 *   @defaultValue `sorted.length`
 * @returns an index in `0..end`
 *
 * @example
 * ```ts
 * lowerBound([10, 20, 30], 20); // 1
 * lowerBound([10, 20, 30], 25); // 2
 * lowerBound([10, 20, 30, 0, 0], 25, 3); // 2 (the last two slots are unused capacity)
 * ```
 */
export function lowerBound(
  sorted: ArrayLike<number>,
  target: number,
  end: number = sorted.length,
): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * First index whose value is above `target` in an ascending column (`end` when none is), so
 * `[lowerBound(a, from), upperBound(a, to))` are the indexes of the values in `[from, to]`.
 *
 * @param sorted - ascending numbers
 * @param target - value looked for
 * @param end - search `sorted[0..end)` only. @defaultValue `sorted.length`
 * @returns an index in `0..end`
 *
 * @example
 * ```ts
 * upperBound([10, 20, 30], 20); // 2
 * ```
 */
export function upperBound(
  sorted: ArrayLike<number>,
  target: number,
  end: number = sorted.length,
): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Index of the value nearest to `target` in an ascending column (the earlier one on a tie), -1 when
 * the column is empty.
 *
 * @param sorted - ascending numbers
 * @param target - value looked for
 * @returns an index, or -1
 *
 * @example
 * ```ts
 * nearestIndex([10, 20, 30], 24); // 1
 * ```
 */
export function nearestIndex(sorted: ArrayLike<number>, target: number): number {
  const n = sorted.length;
  if (n === 0) return -1;
  const i = Math.min(lowerBound(sorted, target), n - 1);
  if (i > 0 && target - (sorted[i - 1] as number) <= (sorted[i] as number) - target) return i - 1;
  return i;
}
