import type { DrawnRun } from './drawRuns';
import { visibleRuns } from './drawRuns';
import { seriesToCsv } from './seriesToCsv';
import type { XRange } from './visibleRange';
import { visibleRange } from './visibleRange';

/**
 * The CSV of what the chart shows: every recorded point (not the downsampled ones) of the visible
 * runs inside the zoom.
 *
 * @param metric - the selected metric
 * @param drawn - output of `drawRuns`
 * @param zoom - the zoom, or null
 * @returns `metric,run,step,value` lines
 *
 * @example
 * ```ts
 * chartCsv('loss', drawn, null); // 'metric,run,step,value\nloss,sft-7,10,2.31\n...'
 * ```
 */
export function chartCsv(metric: string, drawn: readonly DrawnRun[], zoom: XRange | null): string {
  return seriesToCsv(
    visibleRuns(drawn).map(({ label, model }) => {
      const [i0, i1] = visibleRange(model, zoom);
      return {
        metric,
        run: label,
        steps: model.steps.slice(i0, i1),
        values: model.values.slice(i0, i1),
      };
    }),
  );
}

/**
 * A file name from a metric name: characters that file systems reject or mangle become `_`.
 *
 * @param metric - metric name such as `rewards/chosen`
 * @returns the name without extension
 *
 * @example
 * ```ts
 * exportFileName('rewards/chosen'); // 'rewards_chosen'
 * ```
 */
export function exportFileName(metric: string): string {
  return metric.replace(/[^\w.-]+/g, '_');
}
