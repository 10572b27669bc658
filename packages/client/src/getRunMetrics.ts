import { buildRunMetricsUrl } from './buildRunMetricsUrl';
import { decodeRunMetrics } from './decodeRunMetrics';
import { isTrainvizError, TrainvizError } from './TrainvizError';
import type { GetRunMetricsOptions, RunMetrics } from './types';
import { validateRunMetricsWire } from './validateRunMetricsWire';

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

/**
 * Where and how to reach the metrics endpoint.
 *
 * @example
 * ```ts
 * const options: TrainvizClientOptions = { baseUrl: '/api', timeoutMs: 10_000 };
 * ```
 */
export interface TrainvizClientOptions {
  /**
   * Root the endpoint paths are appended to; may carry a path prefix and a trailing slash
   * (`https://host/trainviz/`). A relative one (`/api`) resolves against `globalThis.location`
   * in browsers; elsewhere it is passed to `fetch` as is.
   *
   * @example
   * ```ts
   * 'https://metrics.example.com/api/'
   * ```
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
   *
   * @example
   * ```ts
   * { timeoutMs: 5_000 }
   * ```
   */
  timeoutMs?: number;
}

const defaultTimeoutMs = 30_000;

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
  const url = resolveUrl(buildRunMetricsUrl(config.baseUrl, experimentId, runId, query));

  if (signal?.aborted) throw abortedError(url, signal.reason);

  const controller = new AbortController();
  let timedOut = false;
  const timeoutMs = config.timeoutMs ?? defaultTimeoutMs;
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(
            new TrainvizError({
              kind: 'timeout',
              message: `no complete response from ${url} within ${timeoutMs} ms`,
              url,
            }),
          );
        }, timeoutMs)
      : undefined;
  const onAbort = () => controller.abort(abortedError(url, signal?.reason));
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    // Racing against our own signal settles the promise even if an injected fetch ignores it.
    const stopped = rejectOnAbort(controller.signal);
    const fetchImpl = config.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new TrainvizError({
        kind: 'network',
        message:
          'no fetch implementation: this runtime has no globalThis.fetch, pass options.fetch',
        url,
      });
    }
    let response: Response;
    try {
      const headers = new Headers(
        typeof config.headers === 'function'
          ? await Promise.race([config.headers(), stopped])
          : config.headers,
      );
      if (!headers.has('accept')) headers.set('accept', 'application/json');
      response = await Promise.race([
        fetchImpl(url, { method: 'GET', headers, signal: controller.signal }),
        stopped,
      ]);
    } catch (error) {
      if (isTrainvizError(error)) throw error;
      if (controller.signal.aborted) throw controller.signal.reason;
      throw new TrainvizError({
        kind: 'network',
        message: `request to ${url} failed: ${errorMessage(error)}`,
        url,
        cause: error,
      });
    }
    const text = await Promise.race([readBody(response, url, controller.signal), stopped]);
    if (!response.ok) throw httpError(response, text, url);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      const type = response.headers.get('content-type') ?? 'no content type';
      throw new TrainvizError({
        kind: 'invalid-response',
        message: `expected a JSON body from ${url}, got ${type}: ${JSON.stringify(text.slice(0, 60))}`,
        path: '(body)',
        url,
        cause: error,
      });
    }
    try {
      return decodeRunMetrics(validateRunMetricsWire(body));
    } catch (error) {
      if (isTrainvizError(error)) {
        throw new TrainvizError({
          kind: 'invalid-response',
          message: `invalid response from ${url}: ${error.message}`,
          ...(error.path === undefined ? {} : { path: error.path }),
          url,
          cause: error,
        });
      }
      throw error;
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (!timedOut && !controller.signal.aborted) controller.abort();
  }
}

function resolveUrl(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  const href = (globalThis as { location?: { href?: unknown } }).location?.href;
  return typeof href === 'string' ? new URL(url, href).href : url;
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  const promise = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  // The race may already be settled when the signal fires at cleanup: keep that rejection quiet.
  promise.catch(() => undefined);
  return promise;
}

async function readBody(response: Response, url: string, signal: AbortSignal): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new TrainvizError({
      kind: 'network',
      message: `reading the response from ${url} failed: ${errorMessage(error)}`,
      url,
      cause: error,
    });
  }
}

function httpError(response: Response, text: string, url: string): TrainvizError {
  let code: string | undefined;
  let parameter: string | undefined;
  let message: string | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const body =
      typeof parsed === 'object' && parsed !== null
        ? (parsed as { error?: unknown; detail?: unknown })
        : {};
    // FastAPI's HTTPException wraps whatever it is given in `detail`: accept that too.
    const error = body.error ?? body.detail;
    if (typeof error === 'string') message = error;
    if (typeof error === 'object' && error !== null) {
      const fields = error as { code?: unknown; parameter?: unknown; message?: unknown };
      if (typeof fields.code === 'string') code = fields.code;
      if (typeof fields.parameter === 'string') parameter = fields.parameter;
      if (typeof fields.message === 'string') message = fields.message;
    }
  } catch {
    // Proxies and gateways answer errors in HTML or plain text: fall back to the status line.
  }
  const statusLine = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new TrainvizError({
    kind: 'http',
    message: message ?? `${statusLine} from ${url}`,
    status: response.status,
    ...(code === undefined ? {} : { code }),
    ...(parameter === undefined ? {} : { parameter }),
    url,
  });
}

function abortedError(url: string, reason: unknown): TrainvizError {
  return new TrainvizError({
    kind: 'aborted',
    message: `request to ${url} was aborted`,
    url,
    cause: reason,
  });
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
