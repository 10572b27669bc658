import type { SeriesViewRow } from './buildSeriesView';
import type { SeriesModel } from './createSeriesModelCache';
import { seriesViewRow } from './seriesViewRow';

/**
 * The drawn view of a whole (not zoomed) series, kept up to date point by point: see
 * {@link createM4Buckets}.
 *
 * @example
 * ```ts
 * const view = createM4Buckets(model, 260);
 * view?.extend(nextModel);
 * const rows = view?.rows(false);
 * ```
 */
export interface M4Buckets {
  /** Adds the points `model` has past the ones already seen; false when it cannot (x went back). */
  extend(model: SeriesModel): boolean;
  /** The kept points as rows, ascending x. */
  rows(log: boolean): SeriesViewRow[];
  /** Points seen so far. */
  readonly length: number;
}

/** One bucket: indices of its first and last point, of the raw and smoothed extremes (with their
 * values, so a point is compared without reading the columns), and of its non-finite values
 * (always drawn). -1: none. */
interface Bucket {
  first: number;
  last: number;
  min: number;
  max: number;
  smoothMin: number;
  smoothMax: number;
  minValue: number;
  maxValue: number;
  smoothMinValue: number;
  smoothMaxValue: number;
  nonFinite: number[] | null;
}

/**
 * M4 aggregation that grows with the series: equal-width x buckets anchored at the first x, each
 * keeping its first, last, smallest and largest point (of the raw and of the smoothed values) and
 * every non-finite point. A poll's new points land in the last bucket or new ones: the cost is the
 * new points, not the series. When the buckets would pass `budget`, their width doubles and
 * neighbours merge (exactly: extremes of extremes), so the view keeps between half and all of its
 * budget of buckets, about two points per pixel, as the run grows from a thousand steps to a
 * million.
 *
 * @param model - the series, x ascending
 * @param budget - most buckets drawn
 * @returns the view, or null when x is not ascending (then the caller downsamples in full)
 *
 * @example
 * ```ts
 * const view = createM4Buckets(model, Math.floor(maxPoints / 6));
 * ```
 */
export function createM4Buckets(model: SeriesModel, budget: number): M4Buckets | null {
  const limit = Math.max(1, Math.floor(budget));
  let buckets: (Bucket | undefined)[] = [];
  let origin = Number.NaN;
  let width = 0;
  let seen = 0;
  let lastX = Number.NEGATIVE_INFINITY;
  let current = model;

  // The first width: the points seen at creation spread over about three quarters of the budget.
  const startWidth = (span: number) => (span > 0 ? span / (0.75 * limit) : 1);

  const mergePairs = () => {
    const merged: (Bucket | undefined)[] = [];
    for (let i = 0; i < buckets.length; i++) {
      const bucket = buckets[i];
      if (!bucket) continue;
      const target = i >> 1;
      const into = merged[target];
      merged[target] = into ? mergeBuckets(into, bucket) : bucket;
    }
    buckets = merged;
    width *= 2;
  };

  const add = (from: number, to: number): boolean => {
    const { xs } = current;
    let i = from;
    while (i < to) {
      const start = xs[i] as number;
      if (!Number.isFinite(start)) {
        i++;
        continue;
      }
      if (start < lastX) return false;
      if (Number.isNaN(origin)) origin = start;
      let b = Math.floor((start - origin) / width);
      while (b >= limit) {
        mergePairs();
        b = Math.floor((start - origin) / width);
      }
      let bucket = buckets[b];
      if (!bucket) {
        bucket = emptyBucket(i);
        buckets[b] = bucket;
      }
      i = fillBucket(bucket, current, i, to, origin + (b + 1) * width);
      lastX = xs[i - 1] as number;
    }
    return true;
  };

  const { xs } = model;
  let firstX = Number.NaN;
  let endX = Number.NaN;
  for (let i = 0; i < model.length && Number.isNaN(firstX); i++)
    if (Number.isFinite(xs[i] as number)) firstX = xs[i] as number;
  for (let i = model.length - 1; i >= 0 && Number.isNaN(endX); i--)
    if (Number.isFinite(xs[i] as number)) endX = xs[i] as number;
  width = startWidth(endX - firstX);
  if (!add(0, model.length)) return null;
  seen = model.length;

  return {
    get length() {
      return seen;
    },
    extend(model) {
      current = model;
      if (model.length <= seen) return true;
      if (!add(seen, model.length)) return false;
      seen = model.length;
      return true;
    },
    rows(log) {
      const rows: SeriesViewRow[] = [];
      const kept: number[] = [];
      for (const bucket of buckets) {
        if (!bucket) continue;
        kept.length = 0;
        kept.push(
          bucket.first,
          bucket.min,
          bucket.max,
          bucket.smoothMin,
          bucket.smoothMax,
          bucket.last,
        );
        if (bucket.nonFinite) kept.push(...bucket.nonFinite);
        kept.sort((a, b) => a - b);
        let previous = -1;
        for (const index of kept) {
          if (index < 0 || index === previous) continue;
          previous = index;
          rows.push(seriesViewRow(current, index, log));
        }
      }
      return rows;
    },
  };
}

function emptyBucket(first: number): Bucket {
  return {
    first,
    last: first,
    min: -1,
    max: -1,
    smoothMin: -1,
    smoothMax: -1,
    // Every finite value is below the first and above the second: no "none yet" test per point.
    minValue: Number.POSITIVE_INFINITY,
    maxValue: Number.NEGATIVE_INFINITY,
    smoothMinValue: Number.POSITIVE_INFINITY,
    smoothMaxValue: Number.NEGATIVE_INFINITY,
    nonFinite: null,
  };
}

/**
 * Reads points into a bucket from index `from` while x ascends and stays left of `edge` (the first
 * point always), with the bucket's state in locals, written back once: a few ns a point. Returns
 * the index of the first point not read (past the edge, going back, without a finite x, or `to`).
 */
function fillBucket(
  bucket: Bucket,
  model: SeriesModel,
  from: number,
  to: number,
  edge: number,
): number {
  const { xs, values, smoothed } = model;
  let { min, max, smoothMin, smoothMax, minValue, maxValue, smoothMinValue, smoothMaxValue } =
    bucket;
  let nonFinite = bucket.nonFinite;
  let x = xs[from] as number;
  let i = from;
  for (;;) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      if (nonFinite) nonFinite.push(i);
      else nonFinite = [i];
    } else {
      if (v < minValue) {
        min = i;
        minValue = v;
      }
      if (v > maxValue) {
        max = i;
        maxValue = v;
      }
      if (smoothed) {
        const sv = smoothed[i] as number;
        if (sv < smoothMinValue) {
          smoothMin = i;
          smoothMinValue = sv;
        }
        if (sv > smoothMaxValue) {
          smoothMax = i;
          smoothMaxValue = sv;
        }
      }
    }
    i++;
    if (i >= to) break;
    const next = xs[i] as number;
    // Past the edge, going back, or no finite x (NaN fails every comparison): the caller takes it.
    if (!(next >= x && next < edge)) break;
    x = next;
  }
  bucket.last = i - 1;
  bucket.min = min;
  bucket.max = max;
  bucket.minValue = minValue;
  bucket.maxValue = maxValue;
  bucket.smoothMin = smoothMin;
  bucket.smoothMax = smoothMax;
  bucket.smoothMinValue = smoothMinValue;
  bucket.smoothMaxValue = smoothMaxValue;
  bucket.nonFinite = nonFinite;
  return i;
}

/** Two neighbouring buckets as one: the earlier one's first point, the later one's last. */
function mergeBuckets(a: Bucket, b: Bucket): Bucket {
  const min = b.min !== -1 && (a.min === -1 || b.minValue < a.minValue) ? b : a;
  const max = b.max !== -1 && (a.max === -1 || b.maxValue > a.maxValue) ? b : a;
  const smoothMin =
    b.smoothMin !== -1 && (a.smoothMin === -1 || b.smoothMinValue < a.smoothMinValue) ? b : a;
  const smoothMax =
    b.smoothMax !== -1 && (a.smoothMax === -1 || b.smoothMaxValue > a.smoothMaxValue) ? b : a;
  return {
    first: a.first,
    last: b.last,
    min: min.min,
    minValue: min.minValue,
    max: max.max,
    maxValue: max.maxValue,
    smoothMin: smoothMin.smoothMin,
    smoothMinValue: smoothMin.smoothMinValue,
    smoothMax: smoothMax.smoothMax,
    smoothMaxValue: smoothMax.smoothMaxValue,
    nonFinite:
      a.nonFinite && b.nonFinite ? a.nonFinite.concat(b.nonFinite) : (a.nonFinite ?? b.nonFinite),
  };
}
