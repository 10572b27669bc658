import { percentile } from './percentile';

/**
 * Options of {@link computeYDomain}.
 *
 * @example
 * ```ts
 * const options: ComputeYDomainOptions = { scale: 'log', ignoreOutliers: true };
 * ```
 */
export interface ComputeYDomainOptions {
  /**
   * `log` leaves out zero and negative values, which a log axis cannot show.
   * @defaultValue 'linear'
   */
  scale?: 'linear' | 'log';
  /**
   * Clip the range to the 5th to 95th percentile of the values, so one spike does not flatten the curve.
   * @defaultValue false
   */
  ignoreOutliers?: boolean;
}

/**
 * The y range that fits every finite value of the given series (non-finite values are ignored, they are
 * drawn as markers), padded by 5% on a linear scale. Returns `null` when no value can be shown.
 *
 * @param series - value columns, one per visible run
 * @param options - scale and outlier handling
 * @returns `[min, max]` or `null`
 *
 * @example
 * ```ts
 * computeYDomain([[2.3, 2.1, Number.NaN, 1.9]]); // [1.88, 2.32]
 * computeYDomain([[0, 0.1, 10]], { scale: 'log' }); // [0.1, 10]
 * ```
 */
export function computeYDomain(
  series: readonly ArrayLike<number>[],
  options: ComputeYDomainOptions = {},
): [number, number] | null {
  const log = options.scale === 'log';
  const kept: number[] = [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const values of series) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      if (options.ignoreOutliers) kept.push(v);
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) return null;
  if (options.ignoreOutliers && kept.length > 0) {
    const sorted = Float64Array.from(kept).sort();
    min = percentile(sorted, 5);
    max = percentile(sorted, 95);
  }
  if (log) {
    if (min === max) return [min / 2, max * 2];
    return [min, max];
  }
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return [min - pad, max + pad];
  }
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}
