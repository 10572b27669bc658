export type { MemoryMetricStoreOptions } from './createMemoryMetricStore';
export { createMemoryMetricStore } from './createMemoryMetricStore';
export { createMetricsHandler } from './createMetricsHandler';
export type {
  PostgresClient,
  PostgresMetricStoreOptions,
  PostgresPool,
} from './createPostgresMetricStore';
export { createPostgresMetricStore } from './createPostgresMetricStore';
export { createRunCapture } from './createRunCapture';
export type { SqliteMetricStoreOptions } from './createSqliteMetricStore';
export { createSqliteMetricStore } from './createSqliteMetricStore';
export type { MetricStoreErrorKind } from './MetricStoreError';
export { MetricStoreError } from './MetricStoreError';
export type { MetricsQuery, MetricsQueryProblem } from './parseMetricsQuery';
export { parseMetricsQuery } from './parseMetricsQuery';
export type { NodeHandlerOptions } from './toNodeHandler';
export { handleClientError, toNodeHandler } from './toNodeHandler';
export type {
  CaptureLogger,
  MetricStore,
  MetricsHandlerCorsOptions,
  MetricsHandlerOptions,
  PointQuery,
  RunCapture,
  RunCaptureEndOptions,
  RunCaptureOptions,
  RunRecord,
  RunSnapshot,
  RunUpsert,
  SeriesColumns,
  SnapshotQuery,
  StoredPoint,
  StoredSeries,
} from './types';
