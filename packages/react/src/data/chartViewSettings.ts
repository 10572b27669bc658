import type { ChartThemeName } from './chartTheme';
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
  height: 320,
  theme: 'auto',
  controls: true,
} as const satisfies Partial<ChartViewSettings>;
