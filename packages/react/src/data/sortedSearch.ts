/**
 * First index whose value is not below `target` in an ascending column (its length when every value
 * is below): binary search, so a lookup on a million-point series costs about 20 reads.
 *
 * @param sorted - ascending numbers
 * @param target - value looked for
 * @returns an index in `0..sorted.length`
 *
 * @example
 * ```ts
 * lowerBound([10, 20, 30], 20); // 1
 * lowerBound([10, 20, 30], 25); // 2
 * ```
 */
export function lowerBound(sorted: ArrayLike<number>, target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * First index whose value is above `target` in an ascending column (its length when none is), so
 * `[lowerBound(a, from), upperBound(a, to))` are the indexes of the values in `[from, to]`.
 *
 * @param sorted - ascending numbers
 * @param target - value looked for
 * @returns an index in `0..sorted.length`
 *
 * @example
 * ```ts
 * upperBound([10, 20, 30], 20); // 2
 * ```
 */
export function upperBound(sorted: ArrayLike<number>, target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
