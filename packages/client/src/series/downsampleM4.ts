import { lowerBound, upperBound } from './sortedSearch';

/**
 * Options of {@link downsampleM4}.
 *
 * @example
 * ```ts
 * // Only the visible part of a zoomed chart.
 * downsampleM4(steps, values, 1000, { start: 2000, end: 4000 });
 * ```
 */
export interface DownsampleM4Options {
  /**
   * First step of the range to keep (a zoomed chart's left edge); points before it are left out.
   * @defaultValue the first step
   */
  start?: number;
  /**
   * Last step of the range to keep (a zoomed chart's right edge); points after it are left out.
   * @defaultValue the last step
   */
  end?: number;
}

/**
 * Picks which points of a long series to draw so that the chart looks the same as with every point
 * (M4 aggregation): the step range is split into `floor(maxPoints / 4)` equal-width buckets and the
 * first, last, smallest and largest value of each bucket are kept. Spikes therefore always survive.
 *
 * Returns the kept *indices*, ascending, so the chart shows real recorded values, never averages.
 *
 * - The first and last point of the range are always kept.
 * - Non-finite values (`NaN`, `±Infinity`) are always kept, on top of the budget: a loss that became
 *   `NaN` is the most important point of a chart. The result has at most
 *   `maxPoints + (number of non-finite values)` indices.
 * - When the range holds `maxPoints` points or fewer, all of them are returned.
 * - Points whose step is not finite are left out.
 * - Linear time and no allocation per point: a million points take a few milliseconds.
 *
 * @param steps - Steps, ascending (as in `MetricSeries`).
 * @param values - `values[i]` is the value at `steps[i]`.
 * @param maxPoints - Budget of points to draw, about 4 per horizontal pixel-bucket; at least 4 for M4
 *   to apply (with 2 or 3 only the first and last point are kept, with 1 the first one).
 * @param options - Restrict to a step range. @defaultValue `{}` (the whole series)
 * @returns Kept indices into `steps` / `values`, ascending, no duplicates.
 *
 * @example
 * ```ts
 * const { steps, values } = result.series.loss;
 * const kept = downsampleM4(steps, values, 4 * chartWidthInPixels);
 * const data = kept.map((i) => ({ step: steps[i], loss: values[i] }));
 * ```
 */
export function downsampleM4(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  maxPoints: number,
  options: DownsampleM4Options = {},
): number[] {
  const length = Math.min(steps.length, values.length);
  if (length === 0) return [];
  const firstStep = steps[0] as number;
  const lastStep = steps[length - 1] as number;
  const start = options.start ?? firstStep;
  const end = options.end ?? lastStep;
  if (!(start <= end)) return [];

  // A NaN step sorts nowhere; skip a leading/trailing run of them so the bounds stay meaningful.
  let i0 = options.start === undefined ? 0 : lowerBound(steps, start);
  let i1 = options.end === undefined ? length : Math.min(length, upperBound(steps, end));
  while (i0 < i1 && !Number.isFinite(steps[i0] as number)) i0++;
  while (i1 > i0 && !Number.isFinite(steps[i1 - 1] as number)) i1--;
  if (i0 >= i1) return [];

  const budget = Number.isFinite(maxPoints) ? Math.floor(maxPoints) : 0;
  const out: number[] = [];
  if (i1 - i0 <= budget) {
    for (let i = i0; i < i1; i++) if (Number.isFinite(steps[i] as number)) out.push(i);
    return out;
  }

  const buckets = Math.floor(budget / 4);
  if (buckets === 0) {
    for (let i = i0; i < i1; i++) {
      const keep =
        (i === i0 && budget >= 1) ||
        (i === i1 - 1 && budget >= 2) ||
        (!Number.isFinite(values[i] as number) && Number.isFinite(steps[i] as number));
      if (keep) out.push(i);
    }
    return out;
  }

  // Buckets split the requested range, not the points found in it, so a zoomed chart keeps stable
  // bucket edges while the user pans.
  const rangeStart = Number.isFinite(start) ? start : (steps[i0] as number);
  const rangeEnd = Number.isFinite(end) ? end : (steps[i1 - 1] as number);
  const span = rangeEnd - rangeStart;
  const scale = span > 0 ? buckets / span : 0;

  // The loop state lives in plain locals (no closure captures them), so V8 keeps it in registers.
  const nonFinite: number[] = [];
  let bucket = -1;
  let first = -1;
  let last = -1;
  let minIdx = -1;
  let maxIdx = -1;
  let minVal = 0;
  let maxVal = 0;

  for (let i = i0; i < i1; i++) {
    const step = steps[i] as number;
    if (!Number.isFinite(step)) continue;
    let b = Math.floor((step - rangeStart) * scale);
    if (b >= buckets) b = buckets - 1;
    if (b !== bucket) {
      if (bucket !== -1) emitBucket(out, first, minIdx, maxIdx, last, nonFinite);
      bucket = b;
      first = i;
      minIdx = -1;
      maxIdx = -1;
    }
    last = i;
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      nonFinite.push(i);
      continue;
    }
    if (minIdx === -1 || v < minVal) {
      minIdx = i;
      minVal = v;
    }
    if (maxIdx === -1 || v > maxVal) {
      maxIdx = i;
      maxVal = v;
    }
  }
  if (bucket !== -1) emitBucket(out, first, minIdx, maxIdx, last, nonFinite);
  return out;
}

/**
 * Appends one bucket's kept indices to `out`, ascending and without duplicates: first, min, max and
 * last (min/max are -1 in a bucket without finite values) merged with the bucket's non-finite
 * indices, which it then clears.
 */
function emitBucket(
  out: number[],
  first: number,
  minIdx: number,
  maxIdx: number,
  last: number,
  nonFinite: number[],
): void {
  const kept = [first, Math.min(minIdx, maxIdx), Math.max(minIdx, maxIdx), last];
  let k = 0;
  let prev = -1;
  for (const idx of kept) {
    if (idx < 0) continue;
    while (k < nonFinite.length && (nonFinite[k] as number) <= idx) {
      const nf = nonFinite[k++] as number;
      if (nf !== prev) out.push(nf);
      prev = nf;
    }
    if (idx !== prev) out.push(idx);
    prev = idx;
  }
  while (k < nonFinite.length) {
    const nf = nonFinite[k++] as number;
    if (nf !== prev) out.push(nf);
    prev = nf;
  }
  nonFinite.length = 0;
}
