/**
 * Index of the element of an ascending column closest to `target` (binary search, O(log n)).
 * Returns -1 for an empty column.
 *
 * @param sorted - ascending numbers (steps, epochs or times)
 * @param target - the value to look for
 * @returns the index of the nearest element
 *
 * @example
 * ```ts
 * findNearestIndex([10, 20, 30], 24); // 1
 * ```
 */
export function findNearestIndex(sorted: ArrayLike<number>, target: number): number {
  const n = sorted.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && target - (sorted[lo - 1] as number) <= (sorted[lo] as number) - target) {
    return lo - 1;
  }
  return lo;
}
