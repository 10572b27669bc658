export type { ChartEmptyProps } from './components/ChartEmpty';
export { ChartEmpty } from './components/ChartEmpty';
export type { ChartErrorProps } from './components/ChartError';
export { ChartError } from './components/ChartError';
export type { ChartLegendItem, ChartLegendProps } from './components/ChartLegend';
export { ChartLegend } from './components/ChartLegend';
export type { ChartSkeletonProps } from './components/ChartSkeleton';
export { ChartSkeleton } from './components/ChartSkeleton';
export type { ChartToolbarProps } from './components/ChartToolbar';
export { ChartToolbar } from './components/ChartToolbar';
export type { MetricSelectorProps } from './components/MetricSelector';
export { MetricSelector } from './components/MetricSelector';
export type { MetricsChartViewProps } from './components/MetricsChartView';
export { MetricsChartView } from './components/MetricsChartView';
export type { RunComparisonProps } from './components/RunComparison';
export { RunComparison } from './components/RunComparison';
export type {
  RunComparisonColumn,
  RunComparisonRow,
  RunComparisonTableProps,
} from './components/RunComparisonTable';
export { RunComparisonTable } from './components/RunComparisonTable';
export { TrainingMetricsChart } from './components/TrainingMetricsChart';
export type { TrainvizProviderProps } from './components/TrainvizProvider';
export { TrainvizProvider } from './components/TrainvizProvider';
export type { GroupBand, RunGroupSeries } from './data/aggregateRunGroup';
export { aggregateRunGroup } from './data/aggregateRunGroup';
export { assignRunColors } from './data/assignRunColors';
export type { ChartThemeColors, ChartThemeName } from './data/chartTheme';
export type { ChartViewSettings } from './data/chartViewSettings';
export { chartDefaults } from './data/chartViewSettings';
export type { EpochInterpolator } from './data/createEpochInterpolator';
export { createEpochInterpolator } from './data/createEpochInterpolator';
export type { RunColorRegistry } from './data/createRunColorRegistry';
export { createRunColorRegistry } from './data/createRunColorRegistry';
export type { MetricPreset } from './data/metricPresets';
export { metricPresets } from './data/metricPresets';
export type { OrderedMetrics } from './data/orderMetrics';
export { orderMetrics } from './data/orderMetrics';
export type { RunSummary } from './data/summarizeRun';
export { summarizeRun } from './data/summarizeRun';
export type {
  ChartStateProps,
  EndpointSourceProps,
  LogSource,
  LogSourceProps,
  TrainingMetricsChartProps,
} from './data/trainingMetricsChartProps';
export type { ChartRun, ChartSeriesData, XAxisMode, YScale } from './data/types';
export type { ExportFormat } from './dom/exportChart';
export type { ChartControls } from './hooks/useChartControls';
export { useChartControls } from './hooks/useChartControls';
export type { ChartZoom } from './hooks/useChartZoom';
export { useChartZoom } from './hooks/useChartZoom';
export { useRunComparison } from './hooks/useRunComparison';
export { useRunMetrics } from './hooks/useRunMetrics';
export type { MissingProviderError } from './hooks/useTrainvizClient';
export { useTrainvizClient } from './hooks/useTrainvizClient';
export { trainvizKeys } from './queryKeys';
export type { RunMetricsQueryOptions } from './runMetricsQueryOptions';
export { runMetricsQueryOptions } from './runMetricsQueryOptions';
