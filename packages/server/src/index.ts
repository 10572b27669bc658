export { createMemoryMetricStore } from './createMemoryMetricStore';
export { createMetricsHandler } from './createMetricsHandler';
export { createRunCapture } from './createRunCapture';
export type { SqliteMetricStoreOptions } from './createSqliteMetricStore';
export { createSqliteMetricStore } from './createSqliteMetricStore';
export type { MetricStoreErrorKind } from './MetricStoreError';
export { MetricStoreError } from './MetricStoreError';
export type { MetricsQuery, MetricsQueryProblem } from './parseMetricsQuery';
export { parseMetricsQuery } from './parseMetricsQuery';
export { toNodeHandler } from './toNodeHandler';
export type {
  CaptureLogger,
  MetricStore,
  MetricsHandlerOptions,
  PointQuery,
  RunCapture,
  RunCaptureEndOptions,
  RunCaptureOptions,
  RunRecord,
  RunUpsert,
  StoredPoint,
  StoredSeries,
} from './types';
