export { appendRunMetrics } from './appendRunMetrics';
export { buildRunMetricsUrl } from './buildRunMetricsUrl';
export type { TrainvizClient } from './createTrainvizClient';
export { createTrainvizClient } from './createTrainvizClient';
export { decodeRunMetrics } from './decodeRunMetrics';
export { encodeRunMetrics } from './encodeRunMetrics';
export type { FetchLike, TrainvizClientOptions } from './getRunMetrics';
export { getRunMetrics } from './getRunMetrics';
export { hasNewRestart } from './hasNewRestart';
export { mergeRunMetrics } from './mergeRunMetrics';
export { newRestartStep } from './newRestartStep';
export type { OpenApiDocument } from './runMetricsOpenApi';
export { runMetricsOpenApi } from './runMetricsOpenApi';
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
