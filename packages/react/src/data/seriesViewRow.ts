import type { SeriesViewRow } from './buildSeriesView';
import type { SeriesModel } from './createSeriesModelCache';

/**
 * The drawn row of point `i` of a series model: its x, its step, and its raw and smoothed values,
 * `null` where the line must break (a non-finite value, or a value a log axis cannot show).
 *
 * @param model - the series model
 * @param i - index of the point in the model
 * @param log - whether the y axis is logarithmic
 * @returns the row Recharts draws
 *
 * @example
 * ```ts
 * const row = seriesViewRow(model, model.length - 1, false);
 * ```
 */
export function seriesViewRow(model: SeriesModel, i: number, log: boolean): SeriesViewRow {
  const y = model.values[i] as number;
  const s = model.smoothed ? (model.smoothed[i] as number) : y;
  return {
    x: model.xs[i] as number,
    step: model.steps[i] as number,
    y: drawable(y, log),
    s: drawable(s, log),
  };
}

function drawable(value: number, log: boolean): number | null {
  if (!Number.isFinite(value) || (log && value <= 0)) return null;
  return value;
}
