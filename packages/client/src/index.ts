export { appendRunMetrics } from './appendRunMetrics';
export { buildRunMetricsUrl } from './buildRunMetricsUrl';
export type { TrainvizClient } from './createTrainvizClient';
export { createTrainvizClient } from './createTrainvizClient';
export { decodeRunMetrics } from './decodeRunMetrics';
export { encodeRunMetrics } from './encodeRunMetrics';
export type { FetchLike, TrainvizClientOptions } from './getRunMetrics';
export { getRunMetrics } from './getRunMetrics';
export { hasNewRestart } from './hasNewRestart';
export type { ListRunsOptions, RunSummary } from './listRuns';
export { listRuns } from './listRuns';
export { mergeRunMetrics } from './mergeRunMetrics';
export { newRestartStep } from './newRestartStep';
export type { OpenApiDocument } from './runMetricsOpenApi';
export { runMetricsOpenApi } from './runMetricsOpenApi';
export { escapeCsvCell } from './series/escapeCsvCell';
export type { MetricSeries, ReadonlyMetricSeries } from './series/MetricSeries';
export type { TrainvizErrorKind, TrainvizErrorOptions } from './TrainvizError';
export { isTrainvizError, TrainvizError } from './TrainvizError';
export type {
  GetRunMetricsOptions,
  RunMetricSeries,
  RunMetrics,
  RunMetricsWire,
  RunStatus,
  WireMetricSeries,
  WireValue,
} from './types';
export { validateRunMetricsWire } from './validateRunMetricsWire';
export { decodeWireValue, encodeWireValue } from './wireValue';
