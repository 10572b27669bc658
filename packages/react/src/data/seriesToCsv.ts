import { escapeCsvCell } from '@trainviz/client';

/**
 * One series to export with {@link seriesToCsv}.
 *
 * @example
 * ```ts
 * const item: CsvSeries = { metric: 'loss', run: 'sft-7', steps: [10, 20], values: [2.3, 2.1] };
 * ```
 */
export interface CsvSeries {
  metric: string;
  run: string;
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
}

/**
 * Serialises series as CSV with the header `metric,run,step,value`, one row per recorded point.
 * Non-finite values are written `NaN`, `Infinity`, `-Infinity`; names go through `escapeCsvCell`
 * (a name such as `=1+1` is written as text, never as a spreadsheet formula).
 *
 * @param series - the series to write, in order
 * @returns the CSV text, ending with a newline
 *
 * @example
 * ```ts
 * seriesToCsv([{ metric: 'loss', run: 'a', steps: [1], values: [2.5] }]);
 * // 'metric,run,step,value\nloss,a,1,2.5\n'
 * ```
 */
export function seriesToCsv(series: readonly CsvSeries[]): string {
  const lines = ['metric,run,step,value'];
  for (const item of series) {
    const prefix = `${escapeCsvCell(item.metric)},${escapeCsvCell(item.run)},`;
    const n = Math.min(item.steps.length, item.values.length);
    for (let i = 0; i < n; i++) {
      lines.push(`${prefix}${item.steps[i]},${String(item.values[i])}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
