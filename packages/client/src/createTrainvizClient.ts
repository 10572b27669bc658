import { buildRunMetricsUrl } from './buildRunMetricsUrl';
import { getRunMetrics, type TrainvizClientOptions } from './getRunMetrics';
import { type ListRunsOptions, listRuns, type RunSummary } from './listRuns';
import type { GetRunMetricsOptions, RunMetrics } from './types';

/** A client made by {@link createTrainvizClient}. Stateless: safe to share app-wide. */
export interface TrainvizClient {
  /** The `baseUrl` the client was created with. */
  readonly baseUrl: string;
  /**
   * Fetches, validates and decodes one run's metrics. Rejects with a {@link TrainvizError}.
   *
   * @example
   * ```ts
   * const run = await client.getRunMetrics('exp-1', 'sft-7', { sinceStep: 1200, signal });
   * ```
   */
  getRunMetrics(
    experimentId: string,
    runId: string,
    options?: GetRunMetricsOptions,
  ): Promise<RunMetrics>;
  /**
   * The runs of one experiment, ordered by run id, for a run picker. Rejects with a
   * {@link TrainvizError}.
   */
  listRuns(experimentId: string, options?: ListRunsOptions): Promise<RunSummary[]>;
  /**
   * The URL `getRunMetrics` would request (not resolved against `location`), for links and logs.
   *
   * @example
   * ```ts
   * client.runMetricsUrl('exp-1', 'sft-7', { maxPoints: 500 });
   * // '/api/experiments/exp-1/runs/sft-7/metrics?max_points=500'
   * ```
   */
  runMetricsUrl(
    experimentId: string,
    runId: string,
    options?: Omit<GetRunMetricsOptions, 'signal'>,
  ): string;
}

/**
 * Creates a {@link TrainvizClient}. Zero dependencies: runs in browsers, Node 18+, Deno, Bun and
 * edge runtimes; pass `fetch` to use another implementation or a test double.
 *
 * @example
 * ```ts
 * const client = createTrainvizClient({
 *   baseUrl: 'https://metrics.example.com/api/',
 *   headers: { Authorization: `Bearer ${token}` },
 *   timeoutMs: 10_000,
 * });
 * const run = await client.getRunMetrics('exp-1', 'sft-7', { metricTypes: ['loss'], maxPoints: 2000 });
 * ```
 */
export function createTrainvizClient(options: TrainvizClientOptions): TrainvizClient {
  const config: TrainvizClientOptions = { ...options };
  return {
    baseUrl: config.baseUrl,
    getRunMetrics: (experimentId, runId, query) =>
      getRunMetrics(config, experimentId, runId, query),
    listRuns: (experimentId, options) => listRuns(config, experimentId, options),
    runMetricsUrl: (experimentId, runId, query) =>
      buildRunMetricsUrl(config.baseUrl, experimentId, runId, query),
  };
}
