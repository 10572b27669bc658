'use client';
import type { UseQueryResult } from '@tanstack/react-query';
import { useQueries } from '@tanstack/react-query';
import type { RunMetrics, TrainvizError } from '@trainviz/client';
import type { RunMetricsQueryOptions } from '../runMetricsQueryOptions';
import { runMetricsQueryOptions } from '../runMetricsQueryOptions';
import { useTrainvizClient } from './useTrainvizClient';

/**
 * Several runs' metrics fetched (and, with `isLive`, polled) in parallel: one React Query result per
 * run, in the order of `runIds`, so one failing run does not hide the others.
 *
 * @param experimentId - experiment id
 * @param runIds - run ids
 * @param options - same as `useRunMetrics`, applied to every run. @defaultValue `{}`
 * @returns one `useQuery` result per run
 *
 * @example
 * ```tsx
 * const results = useRunComparison('exp-1', ['a', 'b', 'c'], { isLive: true });
 * const failed = results.filter((r) => r.isError);
 * ```
 */
export function useRunComparison(
  experimentId: string,
  runIds: readonly string[],
  options: RunMetricsQueryOptions = {},
): UseQueryResult<RunMetrics, TrainvizError>[] {
  const client = useTrainvizClient();
  return useQueries({
    queries: runIds.map((runId) => runMetricsQueryOptions(client, experimentId, runId, options)),
  });
}
