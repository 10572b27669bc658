import type { GroupBand } from './aggregateRunGroup';
import type { ChartThemeName } from './chartTheme';
import type { MetricPreset } from './metricPresets';
import type { XAxisMode, YScale } from './types';

/**
 * The settings of a drawn chart, shared by `MetricsChartView` and `TrainingMetricsChart`. Every
 * setting is controllable (`xAxis` + `onXAxisChange`) or left to the chart (`defaultXAxis`).
 *
 * @example
 * ```tsx
 * const settings: ChartViewSettings = { defaultSmoothing: 0.6, height: 240, theme: 'dark' };
 * ```
 */
export interface ChartViewSettings {
  /** Selected metric (controlled). @defaultValue undefined */
  metric?: string;
  /** Initially selected metric, when it exists (else the first one offered). @defaultValue 'loss' */
  defaultMetric?: string;
  /** Called when the user selects another metric. @defaultValue undefined */
  onMetricChange?: (metric: string) => void;
  /**
   * Draw several metrics as small multiples instead of one: a preset (`'sft'`: loss, eval_loss,
   * learning_rate, grad_norm; `'dpo'`: loss and the rewards) or a list of names. The panels share
   * the hover step (the tooltip follows the same step in every panel), the zoom, the x range and
   * the toolbar; metrics no run records are left out.
   * @defaultValue undefined (one metric, with a selector)
   */
  metrics?: MetricPreset | readonly string[];
  /**
   * Colour of each run, by run id, so a run keeps its colour in every view of the host (see
   * `assignRunColors`). Runs not listed get a colour that no other run of the experiment has yet.
   * @defaultValue undefined (stable colours from the provider's registry)
   */
  runColorMap?: Readonly<Record<string, string>>;
  /**
   * Group of each run, by run id (seed replicas of one config): a group is drawn as one line, the
   * mean of its members, with a band; the tooltip lists every member. Runs without a group are
   * drawn on their own.
   * @defaultValue undefined (no groups)
   */
  runGroups?: Readonly<Record<string, string>>;
  /** Band around a group's mean (controlled): `minmax` or `std` (± one standard deviation). @defaultValue undefined */
  groupBand?: GroupBand;
  /** Initial group band. @defaultValue 'minmax' */
  defaultGroupBand?: GroupBand;
  /** Called when the user picks another group band. @defaultValue undefined */
  onGroupBandChange?: (band: GroupBand) => void;
  /** x axis (controlled). @defaultValue undefined */
  xAxis?: XAxisMode;
  /** Initial x axis. @defaultValue 'step' */
  defaultXAxis?: XAxisMode;
  /** Called when the user changes the x axis. @defaultValue undefined */
  onXAxisChange?: (mode: XAxisMode) => void;
  /** y scale (controlled). @defaultValue undefined */
  yScale?: YScale;
  /** Initial y scale. @defaultValue 'linear' */
  defaultYScale?: YScale;
  /** Called when the user toggles the log scale. @defaultValue undefined */
  onYScaleChange?: (scale: YScale) => void;
  /** EMA smoothing weight 0..0.999 (controlled); the raw line is drawn faintly behind. @defaultValue undefined */
  smoothing?: number;
  /** Initial smoothing weight. @defaultValue 0 */
  defaultSmoothing?: number;
  /** Called when the user moves the smoothing slider. @defaultValue undefined */
  onSmoothingChange?: (smoothing: number) => void;
  /** Clip the y range to the 5th-95th percentile (controlled). @defaultValue undefined */
  ignoreOutliers?: boolean;
  /** Initial outlier setting. @defaultValue false */
  defaultIgnoreOutliers?: boolean;
  /** Called when the user toggles "Ignore outliers". @defaultValue undefined */
  onIgnoreOutliersChange?: (ignore: boolean) => void;
  /** Ids of runs not drawn (controlled). @defaultValue undefined */
  hiddenRunIds?: readonly string[];
  /** Called when the legend hides or shows a run. @defaultValue undefined */
  onHiddenRunIdsChange?: (ids: readonly string[]) => void;
  /** Height of the plot in pixels. @defaultValue 320 */
  height?: number;
  /** Fixed width in pixels instead of the measured container width. @defaultValue the container's */
  width?: number;
  /** Colour scheme; colours can also be set with `--trainviz-*` CSS variables. @defaultValue 'auto' */
  theme?: ChartThemeName;
  /** Class name added to the root element. @defaultValue undefined */
  className?: string;
  /** Show the metric selector, toolbar and legend. @defaultValue true */
  controls?: boolean;
}

/**
 * The defaults of {@link ChartViewSettings}, declared once: the view, the container and the state
 * placeholders (skeleton, error, empty) all read them here.
 *
 * @example
 * ```ts
 * const height = props.height ?? chartDefaults.height;
 * ```
 */
export const chartDefaults = {
  defaultMetric: 'loss',
  defaultXAxis: 'step',
  defaultYScale: 'linear',
  defaultSmoothing: 0,
  defaultIgnoreOutliers: false,
  defaultGroupBand: 'minmax',
  height: 320,
  theme: 'auto',
  controls: true,
} as const satisfies Partial<ChartViewSettings>;
