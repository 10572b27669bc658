/**
 * Query keys of every trainviz query, so a host can invalidate or prefetch exactly what the hooks use.
 * `runMetrics` keys look like `['trainviz', 'runMetrics', experimentId, runId, { metricTypes }]`, with
 * `metricTypes` sorted, or `null` for all metrics.
 *
 * @example
 * ```ts
 * queryClient.invalidateQueries({ queryKey: trainvizKeys.all });
 * queryClient.getQueryData(trainvizKeys.runMetrics('exp-1', 'sft-7'));
 * ```
 */
export const trainvizKeys = {
  /** Prefix of every trainviz key. */
  all: ['trainviz'] as const,
  /** Prefix of every key of one experiment's run metrics. */
  experiment: (experimentId: string) => ['trainviz', 'runMetrics', experimentId] as const,
  /** Key of one run's metrics, optionally restricted to some metric names. */
  runMetrics: (
    experimentId: string,
    runId: string,
    options: { metricTypes?: readonly string[] | undefined } = {},
  ) =>
    [
      'trainviz',
      'runMetrics',
      experimentId,
      runId,
      { metricTypes: options.metricTypes ? [...options.metricTypes].sort() : null },
    ] as const,
};
