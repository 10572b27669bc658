import type { SeriesViewRow } from './buildSeriesView';
import { computeYDomain } from './computeYDomain';
import type { DrawnRun } from './drawRuns';
import { visibleRuns } from './drawRuns';
import type { YScale } from './types';
import type { XRange } from './visibleRange';
import { sampleRange } from './visibleRange';

/**
 * What {@link chartYDomain} fits.
 *
 * @example
 * ```ts
 * const options: ChartYDomainOptions = { zoom: null, yScale: 'linear', ignoreOutliers: false };
 * ```
 */
export interface ChartYDomainOptions {
  zoom: XRange | null;
  yScale: YScale;
  ignoreOutliers: boolean;
}

/**
 * The y range of the visible runs: of the drawn rows (raw and smoothed), or, when ignoring outliers,
 * the 5th-95th percentile of a sample of every point in range (the drawn rows keep spikes on purpose).
 * A zoom into a stretch where every value is NaN keeps the runs' whole range, so the axes and the NaN
 * band still show instead of an empty plot.
 *
 * @param drawn - output of `drawRuns`
 * @param views - drawn rows per run id
 * @param options - zoom, scale, outliers
 * @returns `[min, max]`, or null when no finite value can be shown
 *
 * @example
 * ```ts
 * chartYDomain(drawn, views, { zoom: null, yScale: 'log', ignoreOutliers: false });
 * ```
 */
export function chartYDomain(
  drawn: readonly DrawnRun[],
  views: ReadonlyMap<string, readonly SeriesViewRow[]>,
  options: ChartYDomainOptions,
): [number, number] | null {
  const { zoom, yScale: scale, ignoreOutliers } = options;
  const columns: ArrayLike<number>[] = [];
  for (const { run, model } of visibleRuns(drawn)) {
    if (ignoreOutliers) {
      columns.push(sampleRange(model, zoom));
      continue;
    }
    const rows = views.get(run.id) ?? [];
    columns.push(rows.map((row) => row.y ?? Number.NaN));
    if (model.smoothed) columns.push(rows.map((row) => row.s ?? Number.NaN));
  }
  const domain = computeYDomain(columns, { scale, ignoreOutliers });
  if (domain || !zoom) return domain;
  const whole = visibleRuns(drawn).map(({ model }) => sampleRange(model, null));
  return computeYDomain(whole, { scale, ignoreOutliers });
}
