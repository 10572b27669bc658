export type { IncrementalLogParser } from './createIncrementalLogParser';
export { createIncrementalLogParser } from './createIncrementalLogParser';
export { LogMetricsChart } from './LogMetricsChart';
export type { UseLogTextMetricsOptions } from './useLogTextMetrics';
export { useLogTextMetrics } from './useLogTextMetrics';
