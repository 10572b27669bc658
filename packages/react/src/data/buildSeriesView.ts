import { downsampleM4 } from '@trainviz/client/series';
import type { SeriesModel } from './createSeriesModelCache';
import { seriesViewRow } from './seriesViewRow';

/**
 * One drawn point: `y` the recorded value and `s` the smoothed one, `null` where the line breaks
 * (a non-finite value, or a non-positive value on a log axis).
 *
 * @example
 * ```ts
 * const row: SeriesViewRow = { x: 120, step: 120, y: 2.31, s: 2.4 };
 * ```
 */
export interface SeriesViewRow {
  x: number;
  step: number;
  y: number | null;
  s: number | null;
}

/**
 * Options of {@link buildSeriesView}.
 *
 * @example
 * ```ts
 * const options: BuildSeriesViewOptions = { maxPoints: 1600, start: 1000, end: 2000, log: false };
 * ```
 */
export interface BuildSeriesViewOptions {
  /** Budget of drawn points, about two per horizontal pixel. */
  maxPoints: number;
  /** Left edge of the visible x range. @defaultValue the first x */
  start?: number;
  /** Right edge of the visible x range. @defaultValue the last x */
  end?: number;
  /** Break the line at values a log axis cannot show. @defaultValue false */
  log?: boolean;
}

/**
 * The drawn view of a series: the visible range downsampled with the parser's M4 downsampler (spikes and
 * non-finite points kept) once for the raw values and once for the smoothed ones, merged. At most
 * `maxPoints` rows plus the non-finite points: the size depends on the chart width, not on the number
 * of recorded points.
 *
 * @param model - the series model
 * @param options - width budget, visible range and scale
 * @returns the rows to hand to Recharts, ascending x
 *
 * @example
 * ```ts
 * const rows = buildSeriesView(model, { maxPoints: 2 * width });
 * ```
 */
export function buildSeriesView(
  model: SeriesModel,
  options: BuildSeriesViewOptions,
): SeriesViewRow[] {
  const range: { start?: number; end?: number } = {};
  if (options.start !== undefined) range.start = options.start;
  if (options.end !== undefined) range.end = options.end;
  const budget = Math.max(4, Math.round(options.maxPoints));
  // Raw and smoothed columns share each bucket's first and last point, so their union holds at most
  // 6 of every 4 budgeted points: two thirds each keeps the union within the budget.
  const perColumn = model.smoothed ? Math.max(4, Math.floor((budget * 2) / 3)) : budget;
  const kept = downsampleM4(model.xs, model.values, perColumn, range);
  let indices = kept;
  if (model.smoothed) {
    const keptSmoothed = downsampleM4(model.xs, model.smoothed, perColumn, range);
    indices = mergeSorted(kept, keptSmoothed);
  }
  const log = options.log === true;
  const rows = new Array<SeriesViewRow>(indices.length);
  for (let k = 0; k < indices.length; k++)
    rows[k] = seriesViewRow(model, indices[k] as number, log);
  return rows;
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    const next = Math.min(x, y);
    if (x === next) i++;
    if (y === next) j++;
    if (out[out.length - 1] !== next) out.push(next);
  }
  return out;
}
