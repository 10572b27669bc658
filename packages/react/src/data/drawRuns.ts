import type { SeriesModel, SeriesModelCache } from './createSeriesModelCache';
import { runColors } from './runColors';
import type { ChartRun, XAxisMode } from './types';
import { xAccessor } from './xAccessor';

/**
 * One run as the view draws it: its legend name and colour, and the model of the selected metric
 * (null when the run lacks the metric or the x axis).
 *
 * @example
 * ```ts
 * const visible = drawn.filter((item) => item.model && !item.hidden);
 * ```
 */
export interface DrawnRun {
  run: ChartRun;
  label: string;
  color: string;
  hidden: boolean;
  model: SeriesModel | null;
  /** The run has the metric but not the x axis (no epoch or times recorded): it is left out. */
  missingX: boolean;
}

/**
 * What {@link drawRuns} draws.
 *
 * @example
 * ```ts
 * const selection: DrawSelection = { metric: 'loss', xAxis: 'step', smoothing: 0.6, hiddenRunIds: [] };
 * ```
 */
export interface DrawSelection {
  metric: string;
  xAxis: XAxisMode;
  smoothing: number;
  hiddenRunIds: readonly string[];
}

/**
 * The runs with the model of the selected metric, taken from `models` (which extends a model when
 * its series only grew) and forgetting the models no longer drawn.
 *
 * @param runs - the runs given to the view
 * @param selection - metric, x axis, smoothing, hidden runs
 * @param models - the view's model cache
 * @returns one entry per run, in order
 *
 * @example
 * ```ts
 * const drawn = drawRuns(runs, { metric: 'loss', xAxis: 'step', smoothing: 0, hiddenRunIds: [] }, cache);
 * ```
 */
export function drawRuns(
  runs: readonly ChartRun[],
  selection: DrawSelection,
  models: SeriesModelCache,
): DrawnRun[] {
  const { metric, xAxis, smoothing, hiddenRunIds } = selection;
  const keys: string[] = [];
  const drawn = runs.map((run, index): DrawnRun => {
    const series = run.metrics[metric];
    const label = run.label ?? run.id;
    const color = run.color ?? (runColors[index % runColors.length] as string);
    const hidden = hiddenRunIds.includes(run.id);
    const empty = { run, label, color, hidden, model: null, missingX: false };
    if (!series || series.steps.length === 0) return empty;
    const xOf = xAccessor(run, series, xAxis);
    // Mixing steps with epochs or seconds on one axis would draw nonsense: leave such runs out.
    if (xAxis !== 'step' && !xOf) return { ...empty, missingX: true };
    const key = `${run.id}\u0000${metric}\u0000${xAxis}`;
    keys.push(key);
    const model = models.get(key, { ...series, xOf }, smoothing);
    return { run, label, color, hidden, model, missingX: false };
  });
  models.retain(keys);
  return drawn;
}

/**
 * The drawn runs that are shown: with a model and not hidden in the legend.
 *
 * @param drawn - output of {@link drawRuns}
 * @returns the visible runs, each with its model
 *
 * @example
 * ```ts
 * for (const { model } of visibleRuns(drawn)) total += model.length;
 * ```
 */
export function visibleRuns(drawn: readonly DrawnRun[]): (DrawnRun & { model: SeriesModel })[] {
  return drawn.filter(
    (item): item is DrawnRun & { model: SeriesModel } => item.model !== null && !item.hidden,
  );
}
