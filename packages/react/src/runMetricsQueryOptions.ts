import type { QueryClient } from '@tanstack/react-query';
import { queryOptions } from '@tanstack/react-query';
import type { GetRunMetricsOptions, RunMetrics, TrainvizClient } from '@trainviz/client';
import { isTrainvizError, mergeRunMetrics, newRestartStep, TrainvizError } from '@trainviz/client';
import { trainvizKeys } from './queryKeys';

/**
 * Options of {@link runMetricsQueryOptions} and `useRunMetrics`.
 *
 * @example
 * ```ts
 * const options: RunMetricsQueryOptions = { metricTypes: ['loss'], isLive: true, pollIntervalMs: 5000 };
 * ```
 */
export interface RunMetricsQueryOptions {
  /** Metric names to fetch. @defaultValue undefined (every metric) */
  metricTypes?: readonly string[];
  /**
   * Poll for new points while the run is `pending` or `running`; polling stops by itself once the
   * status is `completed` or `failed`, and pauses while the tab is hidden.
   * @defaultValue false
   */
  isLive?: boolean;
  /** Polling interval in milliseconds. @defaultValue 3000 */
  pollIntervalMs?: number;
  /** Set to false to not fetch (the chart then shows its empty state). @defaultValue true */
  enabled?: boolean;
}

/** Polling interval when `isLive` is set without one. */
export const DEFAULT_POLL_INTERVAL_MS = 3000;

/**
 * React Query options for one run's metrics: use them with `useQuery`, or `prefetchQuery` on a server
 * (this module has no `'use client'`). When the cache already holds the run, the query function asks
 * only for points after the last recorded step (`sinceStep`) and merges them in; if the increment
 * reports a new resume, it fetches again from just before the resume step so the rewritten points
 * replace the old ones.
 *
 * @param client - a `TrainvizClient` (only `getRunMetrics` is used)
 * @param experimentId - experiment id
 * @param runId - run id
 * @param options - metric filter, live polling, enabled
 * @returns options for `useQuery`, `useQueries` or `queryClient.prefetchQuery`
 *
 * @example
 * ```ts
 * const client = createTrainvizClient({ baseUrl: 'https://api.example.com' });
 * await queryClient.prefetchQuery(runMetricsQueryOptions(client, 'exp-1', 'sft-7'));
 * ```
 */
export function runMetricsQueryOptions(
  client: Pick<TrainvizClient, 'getRunMetrics'>,
  experimentId: string,
  runId: string,
  options: RunMetricsQueryOptions = {},
) {
  const { metricTypes, isLive = false, pollIntervalMs = DEFAULT_POLL_INTERVAL_MS } = options;
  const queryKey = trainvizKeys.runMetrics(experimentId, runId, { metricTypes });
  return queryOptions<RunMetrics, TrainvizError, RunMetrics, typeof queryKey>({
    queryKey,
    queryFn: (context) =>
      fetchRunMetrics(client, experimentId, runId, metricTypes, context).catch(asTrainvizError),
    refetchInterval: (query) => {
      if (!isLive) return false;
      const status = query.state.data?.status;
      return status === 'completed' || status === 'failed' ? false : pollIntervalMs;
    },
    refetchIntervalInBackground: false,
    // Deep-comparing a million-point series on every poll would cost more than the poll itself.
    structuralSharing: false,
    enabled: options.enabled ?? true,
  });
}

/**
 * A custom client may throw anything: the query's error is always a `TrainvizError` (kind `network`
 * with the thrown value as `cause`), so hosts branch on `kind` alone.
 */
function asTrainvizError(error: unknown): never {
  if (isTrainvizError(error)) throw error;
  const message = error instanceof Error && error.message ? error.message : 'request failed';
  throw new TrainvizError({ kind: 'network', message, cause: error });
}

async function fetchRunMetrics(
  client: Pick<TrainvizClient, 'getRunMetrics'>,
  experimentId: string,
  runId: string,
  metricTypes: readonly string[] | undefined,
  context: { client: QueryClient; queryKey: readonly unknown[]; signal: AbortSignal },
): Promise<RunMetrics> {
  const { client: queryClient, queryKey, signal } = context;
  const base: GetRunMetricsOptions = metricTypes ? { metricTypes, signal } : { signal };
  const previous = queryClient.getQueryData<RunMetrics>(queryKey);
  if (!previous || previous.lastStep === null) {
    return client.getRunMetrics(experimentId, runId, base);
  }
  // Ask again for the last step itself: a metric logged at that step after the previous poll (an
  // eval loss printed after the train loss) would otherwise never arrive. Merging dedupes it.
  const increment = await client.getRunMetrics(
    experimentId,
    runId,
    previous.lastStep > 0 ? { ...base, sinceStep: previous.lastStep - 1 } : base,
  );
  const resumedAt = newRestartStep(previous, increment);
  const merged = mergeRunMetrics(previous, increment);
  if (resumedAt === null) return merged;
  // The resume rewrote points between its step and our old last step: fetch them again.
  const rewritten = await client.getRunMetrics(experimentId, runId, {
    ...base,
    sinceStep: resumedAt - 1,
  });
  return mergeRunMetrics(merged, rewritten);
}
