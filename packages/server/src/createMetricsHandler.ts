import type { MetricSeries, RunMetrics } from '@trainviz/client';
import { encodeRunMetricsBody } from './encodeRunMetricsBody';
import { parseMetricsQuery } from './parseMetricsQuery';
import { readRunSnapshot } from './readRunSnapshot';
import { routeRequest } from './routeRequest';
import type { MetricsHandlerOptions, RunRecord, SeriesColumns, SnapshotQuery } from './types';

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
};

/** Request header names a preflight may ask for: HTTP tokens only, nothing to inject. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function error(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return json(status, { error: { code, message } }, headers);
}

function plain(column: ArrayLike<number>): number[] {
  return Array.isArray(column) ? column : Array.from(column);
}

/** The columns as the client's series type (plain arrays, which `encodeRunMetrics` expects). */
function toMetricSeries(columns: SeriesColumns): MetricSeries {
  const series: MetricSeries = { steps: plain(columns.steps), values: plain(columns.values) };
  if (columns.times) series.times = plain(columns.times);
  return series;
}

function runSummary(run: RunRecord) {
  return {
    run_id: run.runId,
    status: run.status,
    last_step: run.lastStep,
    updated_at: run.updatedAt,
    started_at: run.startedAt,
  };
}

/**
 * A standard Fetch API handler `(Request) => Promise<Response>` serving, from a
 * {@link MetricStore}:
 * - `GET {prefix}/experiments/{experiment_id}/runs/{run_id}/metrics` with query parameters
 *   `metric_type` (repeatable or comma-separated), `step_min`, `step_max` (inclusive),
 *   `since_step` (exclusive) and `max_points` (downsampling per series, spikes kept);
 * - `GET {prefix}/experiments/{experiment_id}/runs`: the experiment's runs for a run picker.
 *
 * Every request gets an answer with a JSON error body: 400 `invalid_parameter` naming the bad
 * parameter, 400 `invalid_path` for dot segments, backslashes and bad percent-escapes (refused,
 * never normalised into another experiment), 404 `not_found`, 405 `method_not_allowed`; 500
 * `internal_error` only when the store fails. Each response is one consistent snapshot of the run.
 * `HEAD` is answered like `GET`; `OPTIONS` preflights only with the `cors` option.
 * Works as it is in a Next.js route handler, Hono, Bun or Deno; see {@link toNodeHandler} for
 * Node's `http` and Express.
 *
 * @example
 * ```ts
 * // app/api/experiments/[experiment]/runs/[run]/metrics/route.ts (Next.js)
 * export const GET = createMetricsHandler({ store });
 * ```
 */
export function createMetricsHandler(
  options: MetricsHandlerOptions,
): (request: Request) => Promise<Response> {
  const { store, basePath, onError, cors } = options;
  const allowed = cors ? (typeof cors.origin === 'string' ? [cors.origin] : [...cors.origin]) : [];
  const allowMethods = cors ? 'GET, HEAD, OPTIONS' : 'GET, HEAD';

  function corsHeaders(request: Request): Record<string, string> {
    if (!cors) return {};
    const origin = request.headers.get('origin');
    if (allowed.includes('*')) return { 'access-control-allow-origin': '*' };
    if (origin !== null && allowed.includes(origin)) {
      return { 'access-control-allow-origin': origin, vary: 'origin' };
    }
    return { vary: 'origin' };
  }

  async function serve(request: Request, extra: Record<string, string>): Promise<Response> {
    if (request.method === 'OPTIONS' && cors) {
      const asked = request.headers.get('access-control-request-headers');
      return new Response(null, {
        status: 204,
        headers: {
          ...extra,
          'access-control-allow-methods': 'GET, HEAD',
          'access-control-allow-headers':
            asked && HEADER_LIST.test(asked) ? asked : 'authorization, content-type',
          'access-control-max-age': String(cors.maxAgeSeconds ?? 600),
        },
      });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return error(405, 'method_not_allowed', `method ${request.method} not allowed; use GET`, {
        ...extra,
        allow: allowMethods,
      });
    }
    const url = new URL(request.url);
    const route = routeRequest(url.pathname, basePath);
    if (route === null) {
      return error(404, 'not_found', `no metrics route at ${JSON.stringify(url.pathname)}`, extra);
    }
    if ('problem' in route) return error(400, 'invalid_path', route.problem, extra);

    if (route.kind === 'runs') {
      if (url.search !== '' && url.search !== '?') {
        return error(400, 'invalid_parameter', 'the runs list takes no query parameters', extra);
      }
      try {
        const runs = await store.listRuns(route.experimentId);
        return json(200, { experiment_id: route.experimentId, runs: runs.map(runSummary) }, extra);
      } catch (cause) {
        onError?.(cause);
        return error(500, 'internal_error', 'the metric store failed', extra);
      }
    }

    const parsed = parseMetricsQuery(url.search);
    if ('problem' in parsed) {
      return json(400, { error: { code: 'invalid_parameter', ...parsed.problem } }, extra);
    }
    const { query } = parsed;
    const { experimentId, runId } = route;
    const snapshotQuery: SnapshotQuery = { encodeJson: true };
    if (query.metrics !== undefined) snapshotQuery.metrics = query.metrics;
    if (query.stepMin !== undefined) snapshotQuery.stepMin = query.stepMin;
    if (query.stepMax !== undefined) snapshotQuery.stepMax = query.stepMax;
    if (query.sinceStep !== undefined) snapshotQuery.sinceStep = query.sinceStep;
    if (query.maxPoints !== undefined) snapshotQuery.maxPoints = query.maxPoints;

    let snapshot: Awaited<ReturnType<typeof readRunSnapshot>>;
    try {
      snapshot = await readRunSnapshot(store, experimentId, runId, snapshotQuery);
    } catch (cause) {
      onError?.(cause);
      return error(500, 'internal_error', 'the metric store failed', extra);
    }
    if (!snapshot) {
      return error(
        404,
        'not_found',
        `run ${JSON.stringify(runId)} not found in experiment ${JSON.stringify(experimentId)}`,
        extra,
      );
    }
    const { run, series, totalPoints } = snapshot;
    const bySeries = new Map(Object.entries(series));
    // A metric the run does not have (yet) is an empty series, not an error: a chart may ask for
    // `eval_loss` before the first evaluation.
    const names = query.metrics ?? [...bySeries.keys()];
    let downsampled = false;
    const totals: Record<string, number> = Object.create(null);
    for (const [name, columns] of bySeries) {
      const total = Object.hasOwn(totalPoints, name)
        ? (totalPoints[name] as number)
        : columns.steps.length;
      totals[name] = total;
      if (columns.steps.length < total) downsampled = true;
    }
    // Series a store encoded in its worker threads go out as those bytes; the rest are encoded
    // here, by the same client encoder.
    const encoded = new Map<string, Uint8Array>();
    const metrics: Record<string, MetricSeries> = Object.create(null);
    for (const name of names) {
      const columns = bySeries.get(name);
      if (columns?.json) encoded.set(name, columns.json);
      metrics[name] =
        columns && !columns.json ? toMetricSeries(columns) : { steps: [], values: [] };
    }
    const runMetrics: RunMetrics = {
      experimentId: run.experimentId,
      runId: run.runId,
      status: run.status,
      lastStep: run.lastStep,
      updatedAt: run.updatedAt,
      startedAt: run.startedAt,
      stepSource: run.stepSource,
      restarts: run.restarts,
      metrics,
    };
    if (downsampled) runMetrics.totalPoints = totals;
    const body = request.method === 'HEAD' ? null : encodeRunMetricsBody(runMetrics, encoded);
    return new Response(body, { status: 200, headers: { ...JSON_HEADERS, ...extra } });
  }

  return async (request: Request): Promise<Response> => {
    let extra: Record<string, string> = {};
    try {
      extra = corsHeaders(request);
      return await serve(request, extra);
    } catch (cause) {
      // Nothing a client sends may escape as an exception: whatever slipped past the checks
      // above is answered, and reported.
      onError?.(cause);
      return error(500, 'internal_error', 'the request could not be handled', extra);
    }
  };
}
