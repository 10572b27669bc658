// The poll merge, a chunk of its own: `runMetricsQueryOptions` imports it on first use (a cached
// run to merge a poll into), so a chart that is not live never loads it.
export { appendRunMetrics, mergeRunMetrics, newRestartStep } from '@trainviz/client';
