import { buildRunMetricsUrl } from './buildRunMetricsUrl';
import { readRunMetrics } from './readRunMetrics';
import { requestJson } from './requestJson';
import { isTrainvizError, TrainvizError } from './TrainvizError';
import type { GetRunMetricsOptions, RunMetrics } from './types';

/**
 * The subset of `fetch` the client uses, so any WHATWG-compatible implementation can be injected
 * (undici, a test double, SvelteKit's or Next.js's `fetch`).
 *
 * @example
 * ```ts
 * const fetchWithLog: FetchLike = (url, init) => { console.log(url); return fetch(url, init); };
 * ```
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Where and how to reach the metrics endpoint: the options of {@link createTrainvizClient}. */
export interface TrainvizClientOptions {
  /**
   * Root the endpoint paths are appended to; may carry a path prefix and a trailing slash
   * (`https://host/trainviz/`). A relative one (`/api`) resolves against `globalThis.location`
   * in browsers; elsewhere it is passed to `fetch` as is.
   */
  baseUrl: string;
  /**
   * The `fetch` to call. @defaultValue `globalThis.fetch`, looked up at request time
   *
   * @example
   * ```ts
   * { fetch: (url, init) => fetch(url, { ...init, credentials: 'include' }) }
   * ```
   */
  fetch?: FetchLike;
  /**
   * Extra request headers (e.g. `Authorization`), or a function returning them per request so a
   * token can be refreshed. @defaultValue no extra headers
   *
   * @example
   * ```ts
   * { headers: () => ({ Authorization: `Bearer ${getToken()}` }) }
   * ```
   */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /**
   * Milliseconds before a request (including reading its body) fails with kind `timeout`;
   * `0` disables the limit. @defaultValue 30000
   */
  timeoutMs?: number;
  /**
   * Largest response body read, in bytes; a longer one (announced by `Content-Length` or found
   * while reading) is cancelled and fails with kind `too-large`, so a misbehaving server or
   * proxy cannot grow the page's memory without bound. `Infinity` disables the limit.
   * @defaultValue 67108864 (64 MiB)
   */
  maxResponseBytes?: number;
}

/**
 * Fetches one run's metrics once, without creating a client. `client` is a base URL or the same
 * options {@link createTrainvizClient} takes. Rejects only with a {@link TrainvizError}, except
 * for ids that cannot form a URL (`""`, `"."`, `".."`), which reject with a `RangeError`.
 *
 * @example
 * ```ts
 * const run = await getRunMetrics('https://host/api', 'exp-1', 'sft-7', { metricTypes: ['loss'] });
 * console.log(run.status, run.metrics.loss?.values.at(-1));
 * ```
 */
export async function getRunMetrics(
  client: string | TrainvizClientOptions,
  experimentId: string,
  runId: string,
  options: GetRunMetricsOptions = {},
): Promise<RunMetrics> {
  const config = typeof client === 'string' ? { baseUrl: client } : client;
  const { signal, ...query } = options;
  const path = buildRunMetricsUrl(config.baseUrl, experimentId, runId, query);
  const { body, url } = await requestJson(config, path, signal);
  try {
    // Validated and decoded in one walk over the columns.
    return readRunMetrics(body);
  } catch (error) {
    if (!isTrainvizError(error)) throw error;
    throw new TrainvizError({
      kind: 'invalid-response',
      message: `invalid response from ${url}: ${error.message}`,
      // Every validation error names where the body broke the contract.
      path: error.path as string,
      url,
      cause: error,
    });
  }
}
