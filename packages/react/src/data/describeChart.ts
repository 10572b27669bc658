import type { SeriesModel } from './createSeriesModelCache';
import type { DrawnRun } from './drawRuns';
import { visibleRuns } from './drawRuns';
import { formatNumber } from './formatNumber';
import type { XAxisMode } from './types';

function lastFiniteIndex(model: SeriesModel): number {
  for (let i = model.length - 1; i >= 0; i--) if (Number.isFinite(model.values[i])) return i;
  return -1;
}

/**
 * The chart in one sentence, for screen readers: the metric, how many runs, and each run's point
 * count and last finite value.
 *
 * @param metric - the selected metric
 * @param drawn - output of `drawRuns`
 * @returns the summary
 *
 * @example
 * ```ts
 * describeChart('loss', drawn); // 'loss for 1 run: sft-7 483 points, last 1.29 at step 4830'
 * ```
 */
export function describeChart(metric: string, drawn: readonly DrawnRun[]): string {
  const visible = visibleRuns(drawn);
  const parts = visible.map(({ label, model }) => {
    const last = lastFiniteIndex(model);
    const tail =
      last >= 0
        ? `, last ${formatNumber(model.values[last] as number)} at step ${model.steps[last]}`
        : '';
    return `${label} ${model.length} points${tail}`;
  });
  const count = `${visible.length} run${visible.length === 1 ? '' : 's'}`;
  return `${metric} for ${count}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`;
}

/**
 * One note under the chart; `danger` ones are shown in the error colour.
 *
 * @example
 * ```ts
 * const note: ChartNote = { text: 'Run failed at step 800', danger: true };
 * ```
 */
export interface ChartNote {
  text: string;
  danger: boolean;
}

/**
 * The notes under the chart: runs left out for lack of the x axis, the first non-finite value of
 * each run, failed runs, runs whose capture was lost (`interrupted`). Prefixed with the run's name when several runs are drawn.
 *
 * @param metric - the selected metric
 * @param drawn - output of `drawRuns`
 * @param xAxis - the x axis
 * @returns the notes, in run order
 *
 * @example
 * ```ts
 * chartNotes('loss', drawn, 'step'); // [{ text: 'loss became NaN at step 120', danger: true }]
 * ```
 */
export function chartNotes(
  metric: string,
  drawn: readonly DrawnRun[],
  xAxis: XAxisMode,
): ChartNote[] {
  const notes: ChartNote[] = [];
  const prefixed = drawn.length > 1;
  for (const item of drawn) {
    const prefix = prefixed ? `${item.label}: ` : '';
    if (item.missingX) {
      notes.push({
        text: `${prefix}no ${xAxis === 'time' ? 'timestamps' : 'epoch'} recorded, not drawn`,
        danger: false,
      });
    }
    const first = item.model?.nonFinite[0];
    if (item.model && first) {
      const more = item.model.nonFinite.length - 1;
      const rest = more > 0 ? ` (${more} more non-finite point${more === 1 ? '' : 's'})` : '';
      notes.push({
        text: `${prefix}${metric} became ${formatNumber(first.value)} at step ${first.step}${rest}`,
        danger: true,
      });
    }
    // A string compare: `interrupted` (the capture stopped hearing from the run) may be newer than
    // the client's RunStatus type.
    const status: string | undefined = item.run.status;
    if (status === 'failed' || status === 'interrupted') {
      const steps = item.model?.steps;
      const lastStep = item.run.lastStep ?? steps?.[steps.length - 1];
      const what = status === 'failed' ? 'Run failed' : 'Capture lost';
      notes.push({ text: `${prefix}${what} at step ${lastStep ?? 'unknown'}`, danger: true });
    }
  }
  return notes;
}
