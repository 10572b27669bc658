import { experimentUrl } from './buildRunMetricsUrl';
import type { TrainvizClientOptions } from './getRunMetrics';
import { requestJson } from './requestJson';
import { TrainvizError } from './TrainvizError';
import type { RunStatus } from './types';

/**
 * One run of an experiment as `GET /experiments/{experiment_id}/runs` lists it, camelCase.
 *
 * @example
 * ```ts
 * const label = `${run.runId} (${run.status}, step ${run.lastStep ?? '-'})`;
 * ```
 */
export interface RunSummary {
  runId: string;
  /** Lifecycle of the run, `interrupted` included. */
  status: RunStatus;
  /** Highest step recorded for any metric, or `null` before the first point. */
  lastStep: number | null;
  /** ISO 8601 time of the last change to the run. */
  updatedAt: string;
  /** ISO 8601 time the run started, or `null` if unknown. */
  startedAt: string | null;
}

/**
 * Options of {@link listRuns}.
 *
 * @example
 * ```ts
 * await listRuns('/api', 'exp-1', { signal: AbortSignal.timeout(5000) });
 * ```
 */
export interface ListRunsOptions {
  /**
   * Cancels the request; the promise rejects with a `TrainvizError` of kind `aborted`.
   * @defaultValue not cancellable
   */
  signal?: AbortSignal;
}

const statuses: readonly RunStatus[] = ['pending', 'running', 'completed', 'failed', 'interrupted'];

function invalid(url: string, path: string, message: string): TrainvizError {
  return new TrainvizError({
    kind: 'invalid-response',
    message: `invalid response from ${url}: ${path}: ${message}`,
    path,
    url,
  });
}

/**
 * The runs of one experiment, ordered by run id, for a run picker:
 * `GET {baseUrl}/experiments/{experiment_id}/runs`. `client` is a base URL or the options
 * {@link createTrainvizClient} takes. Rejects only with a {@link TrainvizError} (an unknown
 * experiment is an empty list, not an error), or a `RangeError` for an id that cannot form a URL.
 *
 * @example
 * ```ts
 * const runs = await listRuns('/api', 'exp-1');
 * const live = runs.filter((run) => run.status === 'running');
 * ```
 */
export async function listRuns(
  client: string | TrainvizClientOptions,
  experimentId: string,
  options: ListRunsOptions = {},
): Promise<RunSummary[]> {
  const config = typeof client === 'string' ? { baseUrl: client } : client;
  const path = `${experimentUrl(config.baseUrl, experimentId)}/runs`;
  const { body, url } = await requestJson(config, path, options.signal);
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as { runs?: unknown }).runs)
  ) {
    throw invalid(url, 'runs', 'expected an object with a "runs" array');
  }
  return (body as { runs: unknown[] }).runs.map((item, i) => {
    const at = `runs[${i}]`;
    if (typeof item !== 'object' || item === null) throw invalid(url, at, 'expected an object');
    const run = item as Record<string, unknown>;
    if (typeof run.run_id !== 'string') throw invalid(url, `${at}.run_id`, 'expected a string');
    if (!statuses.includes(run.status as RunStatus)) {
      throw invalid(
        url,
        `${at}.status`,
        `expected one of ${statuses.map((s) => JSON.stringify(s)).join(', ')}`,
      );
    }
    const lastStep = run.last_step ?? null;
    if (lastStep !== null && !(Number.isInteger(lastStep) && (lastStep as number) >= 0)) {
      throw invalid(url, `${at}.last_step`, 'expected an integer >= 0 or null');
    }
    if (typeof run.updated_at !== 'string' || Number.isNaN(Date.parse(run.updated_at))) {
      throw invalid(url, `${at}.updated_at`, 'expected an ISO 8601 date-time string');
    }
    const startedAt = run.started_at ?? null;
    if (
      startedAt !== null &&
      (typeof startedAt !== 'string' || Number.isNaN(Date.parse(startedAt)))
    ) {
      throw invalid(url, `${at}.started_at`, 'expected an ISO 8601 date-time string or null');
    }
    return {
      runId: run.run_id,
      status: run.status as RunStatus,
      lastStep: lastStep as number | null,
      updatedAt: run.updated_at,
      startedAt: startedAt as string | null,
    };
  });
}
