import type { BuildSeriesViewOptions, SeriesViewRow } from './buildSeriesView';
import { buildSeriesView } from './buildSeriesView';
import type { SeriesModel } from './createSeriesModelCache';
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
  length: number;
  version: number;
  signature: string;
  rows: SeriesViewRow[];
  appended: number;
}

/**
 * Creates a cache of downsampled views. When a live series only grew (same model, more points) and
 * the chart is not zoomed, the new points are appended to the previous rows instead of downsampling
 * the whole series again; a full downsample happens once the appended points reach a quarter of the
 * point budget, so the view stays within about 1.25 times the budget. Smoothing is causal, so the
 * rows already drawn stay exact.
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
      const zoomed = options.start !== undefined || options.end !== undefined;
      const signature = `${options.maxPoints}|${options.start}|${options.end}|${options.log === true}`;
      const previous = entries.get(key);
      if (previous && previous.signature === signature && previous.lineage === model.lineage) {
        if (previous.version === model.version) return previous.rows;
        const added = model.length - previous.length;
        if (!zoomed && added > 0 && previous.appended + added <= options.maxPoints / 4) {
          const rows = previous.rows.concat(
            rowsBetween(model, previous.length, model.length, options),
          );
          entries.set(key, {
            lineage: model.lineage,
            length: model.length,
            version: model.version,
            signature,
            rows,
            appended: previous.appended + added,
          });
          return rows;
        }
      }
      const rows = buildSeriesView(model, options);
      entries.set(key, {
        lineage: model.lineage,
        length: model.length,
        version: model.version,
        signature,
        rows,
        appended: 0,
      });
      return rows;
    },
    retain(keys) {
      const keep = new Set(keys);
      for (const key of entries.keys()) if (!keep.has(key)) entries.delete(key);
    },
  };
}

function rowsBetween(
  model: SeriesModel,
  from: number,
  to: number,
  options: BuildSeriesViewOptions,
): SeriesViewRow[] {
  const log = options.log === true;
  const rows: SeriesViewRow[] = [];
  for (let i = from; i < to; i++) rows.push(seriesViewRow(model, i, log));
  return rows;
}
