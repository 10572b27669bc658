import type { RunStatus } from '@trainviz/client';
import type { ReadonlyMetricSeries } from '@trainviz/client/series';

/**
 * One metric of one run as the chart reads it: the shared `ReadonlyMetricSeries` of
 * `@trainviz/client/series`.
 *
 * @example
 * ```ts
 * const loss: ChartSeriesData = { steps: [10, 20], values: [2.31, Number.NaN], times: [12, 25] };
 * ```
 */
export type ChartSeriesData = ReadonlyMetricSeries;

/**
 * One run handed to {@link MetricsChartView}: what `useRunMetrics` returns, or a parsed log.
 *
 * @example
 * ```ts
 * const run: ChartRun = {
 *   id: 'sft-7',
 *   status: 'running',
 *   metrics: { loss: { steps: [10, 20], values: [2.31, 2.12] } },
 *   restarts: [],
 * };
 * ```
 */
export interface ChartRun {
  /** Stable identifier (run id or log id). */
  id: string;
  /** Name shown in the legend, tooltip and table. @defaultValue the `id` */
  label?: string;
  /** Line colour. @defaultValue the Okabe-Ito colour of the run's position */
  color?: string;
  /** Lifecycle; `failed` adds a "Run failed at step N" note. @defaultValue undefined (unknown) */
  status?: RunStatus;
  /** Highest recorded step, used in the failure note. @defaultValue the last step of the series */
  lastStep?: number | null;
  /** Series per metric name (`loss`, `learning_rate`, `rewards/chosen`, ...). */
  metrics: Readonly<Record<string, ChartSeriesData>>;
  /** Resumes from a checkpoint, drawn as a vertical "resumed" line. @defaultValue [] */
  restarts?: readonly { step: number }[];
  /**
   * Where the steps come from: `count` (the log had none, records were numbered) labels the x axis
   * "log record #" instead of "step". @defaultValue undefined (steps)
   */
  stepSource?: 'explicit' | 'progress' | 'count' | null;
}

/**
 * What the x axis measures: the step (default), the epoch (from the run's `epoch` series), or time
 * since the run started (from the series' `times`).
 *
 * @example
 * ```ts
 * const xAxis: XAxisMode = 'epoch';
 * ```
 */
export type XAxisMode = 'step' | 'epoch' | 'time';

/**
 * Linear or logarithmic y axis.
 *
 * @example
 * ```ts
 * const yScale: YScale = 'log';
 * ```
 */
export type YScale = 'linear' | 'log';
