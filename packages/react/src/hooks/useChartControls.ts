'use client';
import { useCallback, useMemo } from 'react';
import { availableMetrics, availableXAxisModes } from '../data/availableMetrics';
import type { ChartViewSettings } from '../data/chartViewSettings';
import { chartDefaults } from '../data/chartViewSettings';
import type { ChartRun, XAxisMode, YScale } from '../data/types';
import { useControllableState } from './useControllableState';

/**
 * The settings of a chart as they are now, with their setters; see {@link useChartControls}.
 *
 * @example
 * ```ts
 * const { metric, setMetric, metrics } = useChartControls(props, runs);
 * ```
 */
export interface ChartControls {
  /** Metrics the runs record, for the selector. */
  metrics: string[];
  /** The selected metric, or the first available one when the selection is not recorded. */
  metric: string;
  setMetric: (metric: string) => void;
  /** x axes the data supports. */
  xAxisModes: XAxisMode[];
  /** The x axis, `step` when the chosen one is not supported by the data. */
  xAxis: XAxisMode;
  setXAxis: (mode: XAxisMode) => void;
  yScale: YScale;
  setYScale: (scale: YScale) => void;
  smoothing: number;
  setSmoothing: (weight: number) => void;
  ignoreOutliers: boolean;
  setIgnoreOutliers: (ignore: boolean) => void;
  hiddenRunIds: readonly string[];
  /** Hides a shown run or shows a hidden one. */
  toggleRun: (id: string) => void;
}

/**
 * Every controllable setting of a chart in one place: each is the parent's when its prop is
 * defined (`metric`), the chart's own otherwise (starting at `defaultMetric`), and reports changes
 * through its `on...Change`. A metric or x axis the runs do not support falls back to one they do
 * without forgetting the choice, so it comes back when the data does.
 *
 * @param settings - the chart's props
 * @param runs - the runs drawn
 * @returns current values and setters
 *
 * @example
 * ```tsx
 * const controls = useChartControls(props, props.runs);
 * return <MetricSelector metrics={controls.metrics} value={controls.metric} onChange={controls.setMetric} />;
 * ```
 */
export function useChartControls(
  settings: ChartViewSettings,
  runs: readonly ChartRun[],
): ChartControls {
  const metrics = useMemo(() => availableMetrics(runs), [runs]);
  const [metricSetting, setMetric] = useControllableState(
    settings.metric,
    settings.defaultMetric ?? chartDefaults.defaultMetric,
    settings.onMetricChange,
  );
  const metric = metrics.includes(metricSetting) ? metricSetting : (metrics[0] ?? metricSetting);
  const xAxisModes = useMemo(() => availableXAxisModes(runs, metric), [runs, metric]);
  const [xAxisSetting, setXAxis] = useControllableState<XAxisMode>(
    settings.xAxis,
    settings.defaultXAxis ?? chartDefaults.defaultXAxis,
    settings.onXAxisChange,
  );
  const [yScale, setYScale] = useControllableState<YScale>(
    settings.yScale,
    settings.defaultYScale ?? chartDefaults.defaultYScale,
    settings.onYScaleChange,
  );
  const [smoothing, setSmoothing] = useControllableState(
    settings.smoothing,
    settings.defaultSmoothing ?? chartDefaults.defaultSmoothing,
    settings.onSmoothingChange,
  );
  const [ignoreOutliers, setIgnoreOutliers] = useControllableState<boolean>(
    settings.ignoreOutliers,
    settings.defaultIgnoreOutliers ?? chartDefaults.defaultIgnoreOutliers,
    settings.onIgnoreOutliersChange,
  );
  const [hiddenRunIds, setHiddenRunIds] = useControllableState<readonly string[]>(
    settings.hiddenRunIds,
    NO_IDS,
    settings.onHiddenRunIdsChange,
  );
  const toggleRun = useCallback(
    (id: string) =>
      setHiddenRunIds(
        hiddenRunIds.includes(id) ? hiddenRunIds.filter((x) => x !== id) : [...hiddenRunIds, id],
      ),
    [hiddenRunIds, setHiddenRunIds],
  );
  return {
    metrics,
    metric,
    setMetric,
    xAxisModes,
    xAxis: xAxisModes.includes(xAxisSetting) ? xAxisSetting : 'step',
    setXAxis,
    yScale,
    setYScale,
    smoothing,
    setSmoothing,
    ignoreOutliers,
    setIgnoreOutliers,
    hiddenRunIds,
    toggleRun,
  };
}

/** One empty list, so an uncontrolled chart's `hiddenRunIds` keeps its identity between renders. */
const NO_IDS: readonly string[] = [];
