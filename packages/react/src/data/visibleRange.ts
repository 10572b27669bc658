import { lowerBound, upperBound } from '@trainviz/client/series';
import type { SeriesModel } from './createSeriesModelCache';

/**
 * An x range the user zoomed into.
 *
 * @example
 * ```ts
 * const range: XRange = { from: 1000, to: 2000 };
 * ```
 */
export interface XRange {
  from: number;
  to: number;
}

/**
 * The index range `[start, end)` of the points of `model` inside `range` (all of them without one).
 *
 * @param model - a drawn series
 * @param range - the zoom, or null
 * @returns start and end indexes
 *
 * @example
 * ```ts
 * const [i0, i1] = visibleRange(model, { from: 100, to: 200 });
 * ```
 */
export function visibleRange(model: SeriesModel, range: XRange | null): [number, number] {
  if (!range) return [0, model.length];
  return [lowerBound(model.xs, range.from), upperBound(model.xs, range.to)];
}

/** Above this many points in range, the percentiles are taken from an evenly strided sample. */
const OUTLIER_SAMPLE_SIZE = 20_000;

/**
 * The values of `model` inside `range`, strided down to about 20k: percentiles of such a sample are
 * within a fraction of a percent of the exact ones and keep the outlier toggle instant on
 * million-point series.
 *
 * @param model - a drawn series
 * @param range - the zoom, or null
 * @returns the sampled values
 *
 * @example
 * ```ts
 * computeYDomain([sampleRange(model, null)], { scale: 'linear', ignoreOutliers: true });
 * ```
 */
export function sampleRange(model: SeriesModel, range: XRange | null): number[] {
  const [i0, i1] = visibleRange(model, range);
  const stride = Math.max(1, Math.floor((i1 - i0) / OUTLIER_SAMPLE_SIZE));
  const out: number[] = [];
  for (let i = i0; i < i1; i += stride) out.push(model.values[i] as number);
  return out;
}
