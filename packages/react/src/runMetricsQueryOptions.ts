import type { QueryClient } from '@tanstack/react-query';
import { queryOptions } from '@tanstack/react-query';
import type { GetRunMetricsOptions, RunMetrics, TrainvizClient } from '@trainviz/client';
import { isTrainvizError, TrainvizError } from '@trainviz/client';
import { createLazyModule } from './data/createLazyModule';
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
   * Follow the run's status: poll for new points while it is `pending` or `running`. Polling stops
   * by itself at any other status (`completed`, `failed`, `interrupted`, ...), when the run does not
   * exist (a 404 is shown once, `refetch` tries again), and after a failed request that left no
   * data; it pauses while the tab is hidden.
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
 * The poll merge (`appendRunMetrics`, `mergeRunMetrics`, `newRestartStep`), a chunk loaded on first
 * use: a chart that never polls never loads it.
 */
const pollMerge = createLazyModule(() => import('./pollMerge'));

/**
 * Starts loading the poll merge before the first poll needs it; resolves once it has loaded or
 * failed to (not exported from the package: tests await it so no poll waits on the import).
 */
export function preloadPollMerge(): Promise<void> {
  return pollMerge.load().then(
    () => undefined,
    () => {
      // The poll that needs it tries again, and fetches the whole run if it still cannot load it.
    },
  );
}

/**
 * React Query options for one run's metrics: use them with `useQuery`, or `prefetchQuery` on a server
 * (this module has no `'use client'`). When the cache already holds the run, the query function asks
 * only for points after the last recorded step (`sinceStep`) and appends them to the cached run in
 * place (`appendRunMetrics`): the cached arrays grow between polls, a poll that brings nothing leaves
 * `data` as it is, and a changed run is a new `data` object. If the increment reports a new resume,
 * it fetches again from just before the resume step so the rewritten points replace the old ones.
 * The merge is a chunk loaded before the first poll; should it fail to load, the poll fetches the
 * whole run instead, and the next one tries the chunk again.
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
      if (!isLive || !shouldPoll(query.state.data, query.state.error)) return false;
      // A poll is coming (also for a run a server prefetched): have the merge ready for it.
      if (query.state.data) void preloadPollMerge();
      return pollIntervalMs;
    },
    refetchIntervalInBackground: false,
    // Deep-comparing a million-point series on every poll would cost more than the poll itself.
    structuralSharing: false,
    enabled: options.enabled ?? true,
  });
}

/**
 * Whether a live query polls again: while the run is `pending` or `running` (any other status,
 * including ones added after this version such as `interrupted`, is final), and not once a request
 * failed with nothing to show: a run that does not exist (404) or an endpoint that refuses the
 * request would otherwise be asked again every interval, the chart flickering between its skeleton
 * and its error. With data, a failed poll keeps polling: the chart stays and shows a badge.
 *
 * @param data - the cached run, if any
 * @param error - the last error, if any
 * @returns true to poll again
 *
 * @example
 * ```ts
 * shouldPoll({ ...run, status: 'running' }, null); // true
 * shouldPoll(undefined, notFoundError); // false
 * ```
 */
export function shouldPoll(
  data: Pick<RunMetrics, 'status'> | undefined,
  error: TrainvizError | null,
): boolean {
  if (!data) {
    if (!error) return true;
    // No data yet and a failure: only a server error or a dropped connection may heal by itself.
    return error.kind === 'http' ? (error.status ?? 0) >= 500 : error.kind !== 'invalid-response';
  }
  if (error && error.kind === 'http' && error.status === 404) return false;
  const status: string = data.status;
  return status === 'pending' || status === 'running';
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
    const run = await client.getRunMetrics(experimentId, runId, base);
    // A run still going is likely to be polled or refetched: load the merge while nothing waits.
    if (run.status === 'pending' || run.status === 'running') void preloadPollMerge();
    return withRoomToGrow(run);
  }
  let merge: typeof import('./pollMerge');
  try {
    merge = pollMerge.current ?? (await pollMerge.load());
  } catch {
    // No merge chunk (offline, a deploy removed it): the whole run replaces the cached one, which
    // needs no merge. The next poll tries the chunk again.
    return withRoomToGrow(await client.getRunMetrics(experimentId, runId, base));
  }
  const { appendRunMetrics, mergeRunMetrics, newRestartStep } = merge;
  // Ask again for the last step itself: a metric logged at that step after the previous poll (an
  // eval loss printed after the train loss) would otherwise never arrive. Merging dedupes it.
  const increment = await client.getRunMetrics(
    experimentId,
    runId,
    previous.lastStep > 0 ? { ...base, sinceStep: previous.lastStep - 1 } : base,
  );
  const resumedAt = newRestartStep(previous, increment);
  // The cache owns its runs' arrays: a poll grows them in place (cost of the new points only) and
  // one that brings nothing returns `previous` itself, so no observer re-renders.
  if (resumedAt === null) return appendRunMetrics(previous, increment);
  const merged = withRoomToGrow(mergeRunMetrics(previous, increment));
  // The resume rewrote points between its step and our old last step: fetch them again.
  const rewritten = await client.getRunMetrics(experimentId, runId, {
    ...base,
    sinceStep: resumedAt - 1,
  });
  return withRoomToGrow(mergeRunMetrics(merged, rewritten));
}

/**
 * Makes V8 give each column spare capacity now. A decoded or copied array is allocated at its exact
 * length, so the first push of a poll onto a million-point column would copy it, a long task in the
 * middle of live polling; done here, the copy joins a full fetch that already costs that much.
 */
function withRoomToGrow(run: RunMetrics): RunMetrics {
  for (const series of Object.values(run.metrics)) {
    for (const column of [series.steps, series.values, series.times]) {
      if (column === undefined || column.length === 0) continue;
      column.push(0);
      column.pop();
    }
  }
  return run;
}
