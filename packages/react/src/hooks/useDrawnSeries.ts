'use client';
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { SeriesViewRow } from '../data/buildSeriesView';
import { createSeriesModelCache } from '../data/createSeriesModelCache';
import { createSeriesViewCache } from '../data/createSeriesViewCache';
import type { DrawnRun, DrawSelection } from '../data/drawRuns';
import { drawRuns, visibleRuns } from '../data/drawRuns';
import { nonFiniteModule } from '../data/lazyFeatures';
import type { ChartRun } from '../data/types';
import type { XRange } from '../data/visibleRange';

/**
 * What {@link useDrawnSeries} returns.
 *
 * @example
 * ```ts
 * const { drawn, views } = useDrawnSeries(runs, selection, { plotWidth: 720, zoom: null, log: false });
 * ```
 */
export interface DrawnSeries {
  /** One entry per run, with the model of the selected metric. */
  drawn: DrawnRun[];
  /** Downsampled rows of each visible run, by run id. */
  views: ReadonlyMap<string, SeriesViewRow[]>;
}

/**
 * The runs' series as the chart draws them: smoothed models kept between renders (a poll that
 * appended points extends them) and rows downsampled to about two per horizontal pixel of the
 * visible range (extended too when the series only grew).
 *
 * @param runs - the runs given to the view
 * @param selection - metric, x axis, smoothing, hidden runs
 * @param view - plot width in pixels, zoom, log scale
 * @returns the drawn runs and their rows
 *
 * @example
 * ```ts
 * const { drawn, views } = useDrawnSeries(runs, { metric, xAxis, smoothing, hiddenRunIds }, { plotWidth, zoom, log });
 * ```
 */
export function useDrawnSeries(
  runs: readonly ChartRun[],
  selection: DrawSelection,
  view: { plotWidth: number; zoom: XRange | null; log: boolean },
): DrawnSeries {
  // Caches, not state: they only memoise pure functions of their inputs, so a render React throws
  // away leaves them correct.
  const [models] = useState(createSeriesModelCache);
  const [rowsCache] = useState(createSeriesViewCache);
  const { metric, xAxis, smoothing, hiddenRunIds } = selection;
  // The non-finite markers' module loads when a plot first meets a NaN: a new `drawn` when it
  // arrives has the plot draw them (the models are cached, so this costs no smoothing).
  const markers = useSyncExternalStore(
    nonFiniteModule.subscribe,
    () => nonFiniteModule.current !== null,
    () => false,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `markers` asks for a new `drawn`
  const drawn = useMemo(
    () => drawRuns(runs, { metric, xAxis, smoothing, hiddenRunIds }, models),
    [runs, metric, xAxis, smoothing, hiddenRunIds, models, markers],
  );
  const { plotWidth, zoom, log } = view;
  const views = useMemo(() => {
    const rowsByRun = new Map<string, SeriesViewRow[]>();
    for (const { run, model } of visibleRuns(drawn)) {
      const rows = rowsCache.get(run.id, model, {
        maxPoints: 2 * plotWidth,
        log,
        ...(zoom ? { start: zoom.from, end: zoom.to } : {}),
      });
      rowsByRun.set(run.id, rows);
    }
    rowsCache.retain(rowsByRun.keys());
    return rowsByRun;
  }, [drawn, plotWidth, zoom, log, rowsCache]);
  return { drawn, views };
}
