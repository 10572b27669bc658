'use client';
import type { UseQueryResult } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import type { RunMetrics, TrainvizError } from '@trainviz/client';
import type { RunMetricsQueryOptions } from '../runMetricsQueryOptions';
import { runMetricsQueryOptions } from '../runMetricsQueryOptions';
import { useTrainvizClient } from './useTrainvizClient';

/**
 * One run's metrics, through React Query, with the client of the nearest `TrainvizProvider`. With
 * `isLive`, polls every `pollIntervalMs` for the points after the last one and merges them into the
 * cache, never two requests at once, paused while the tab is hidden, until the run is `completed` or
 * `failed`. Returns React Query's result unchanged.
 *
 * @param experimentId - experiment id
 * @param runId - run id
 * @param options - metric filter, live polling, enabled. @defaultValue `{}`
 * @returns the `useQuery` result
 *
 * @example
 * ```tsx
 * const { data, error, isPending } = useRunMetrics('exp-1', 'sft-7', { isLive: true });
 * const loss = data?.metrics.loss;
 * ```
 */
export function useRunMetrics(
  experimentId: string,
  runId: string,
  options: RunMetricsQueryOptions = {},
): UseQueryResult<RunMetrics, TrainvizError> {
  const client = useTrainvizClient();
  return useQuery(runMetricsQueryOptions(client, experimentId, runId, options));
}
