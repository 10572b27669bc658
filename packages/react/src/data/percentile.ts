/**
 * The `p`-th percentile (0..100) of already sorted numbers, linearly interpolated between ranks
 * (the same rule as NumPy's default). Returns `NaN` for an empty input.
 *
 * @param sorted - finite numbers in ascending order
 * @param p - percentile, 0 to 100
 * @returns the interpolated value
 *
 * @example
 * ```ts
 * percentile([1, 2, 3, 4], 50); // 2.5
 * ```
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const lower = Math.floor(rank);
  const upper = Math.min(n - 1, lower + 1);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (rank - lower);
}
