import type { BuildSeriesViewOptions, SeriesViewRow } from './buildSeriesView';
import type { M4Buckets } from './createM4Buckets';
import { createM4Buckets } from './createM4Buckets';
import type { SeriesModel } from './createSeriesModelCache';
import { zoomViewModule } from './lazyFeatures';
import { seriesViewRow } from './seriesViewRow';

/**
 * Keeps the drawn rows of each series between renders. See {@link createSeriesViewCache}.
 *
 * @example
 * ```ts
 * const rows = viewCache.get('run-a', model, { maxPoints: 1600 });
 * ```
 */
export interface SeriesViewCache {
  /** The rows of `model` drawn with `options`, reusing the previous rows when possible. */
  get(key: string, model: SeriesModel, options: BuildSeriesViewOptions): SeriesViewRow[];
  /** Forgets every key not listed. */
  retain(keys: Iterable<string>): void;
}

interface Entry {
  lineage: object;
  version: number;
  signature: string;
  rows: SeriesViewRow[];
  /** The growing view of an unzoomed chart, or null (zoomed, or x not ascending). */
  buckets: M4Buckets | null;
}

/**
 * Creates a cache of downsampled views. An unzoomed view is kept as growing M4 buckets
 * ({@link createM4Buckets}): a poll that appended points to a live series costs those points and
 * the drawn rows, whatever the series' length, and the view stays at about two points per pixel
 * however long the run gets. A zoomed view is downsampled over the zoomed range
 * ({@link buildSeriesView}), again only when the series or the range changed. Smoothing is causal,
 * so the points already aggregated stay exact when points are appended.
 *
 * @returns an empty cache
 *
 * @example
 * ```ts
 * const views = createSeriesViewCache();
 * const rows = views.get('run-a', model, { maxPoints: 2 * plotWidth });
 * ```
 */
export function createSeriesViewCache(): SeriesViewCache {
  const entries = new Map<string, Entry>();
  return {
    get(key, model, options) {
      // A zoomed view, or x that does not ascend (buckets need it), is built by the zoom module,
      // which the view loads before zooming or drawing another x axis. Without it (its chunk
      // failed to load): the whole series' buckets, clipped by the plot, or every point.
      const build = zoomViewModule.current?.buildSeriesView;
      const zoomed = (options.start !== undefined || options.end !== undefined) && !!build;
      const log = options.log === true;
      const signature = `${options.maxPoints}|${options.start}|${options.end}|${log}|${zoomed}`;
      const previous = entries.get(key);
      if (previous && previous.signature === signature && previous.lineage === model.lineage) {
        if (previous.version === model.version) return previous.rows;
        if (previous.buckets?.extend(model)) {
          const rows = previous.buckets.rows(log);
          entries.set(key, { ...previous, version: model.version, rows });
          return rows;
        }
      }
      // A series the plot has room for is drawn whole: no buckets to build or extend. It gets them
      // once a poll takes it past the budget, and from then on polls extend them.
      const whole = !zoomed && model.length <= options.maxPoints;
      const buckets = zoomed || whole ? null : createM4Buckets(model, options.maxPoints / 4);
      const rows = buckets
        ? buckets.rows(log)
        : build && !whole
          ? build(model, options)
          : Array.from({ length: model.length }, (_, i) => seriesViewRow(model, i, log));
      entries.set(key, {
        lineage: model.lineage,
        version: model.version,
        signature,
        rows,
        buckets,
      });
      return rows;
    },
    retain(keys) {
      const keep = new Set(keys);
      for (const key of entries.keys()) if (!keep.has(key)) entries.delete(key);
    },
  };
}
