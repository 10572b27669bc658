import type { RunMetricsWire, WireMetricSeries } from '@trainviz/client';
import { encodeWireValue } from '@trainviz/client';
import { downsampleM4 } from '@trainviz/parser';
import { parseMetricsQuery } from './parseMetricsQuery';
import type { MetricsHandlerOptions, StoredSeries } from './types';

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function notFound(message: string): Response {
  return json(404, { error: { code: 'not_found', message } });
}

function trimSlashes(path: string): string[] {
  return path
    .split('/')
    .filter((segment, i, all) => segment !== '' || (i > 0 && i < all.length - 1));
}

/**
 * Finds `{prefix}/experiments/{e}/runs/{r}/metrics` in a raw (still encoded) path. Segments are
 * decoded one by one, so a `%2F` inside an id stays part of the id.
 */
function route(
  pathname: string,
  basePath: string | undefined,
): { experimentId: string; runId: string } | null {
  const segments = trimSlashes(pathname);
  const n = segments.length;
  if (n < 5) return null;
  if (
    segments[n - 5] !== 'experiments' ||
    segments[n - 3] !== 'runs' ||
    segments[n - 1] !== 'metrics'
  ) {
    return null;
  }
  if (basePath !== undefined) {
    const prefix = trimSlashes(basePath).join('/');
    if (segments.slice(0, n - 5).join('/') !== prefix) return null;
  }
  try {
    const experimentId = decodeURIComponent(segments[n - 4] as string);
    const runId = decodeURIComponent(segments[n - 2] as string);
    if (experimentId === '' || runId === '') return null;
    return { experimentId, runId };
  } catch {
    return null;
  }
}

function toWireSeries(series: StoredSeries, maxPoints: number | undefined): WireMetricSeries {
  let { steps, values, times } = series;
  if (maxPoints !== undefined && steps.length > maxPoints) {
    const kept = downsampleM4(steps, values, maxPoints);
    steps = kept.map((i) => steps[i] as number);
    values = kept.map((i) => series.values[i] as number);
    if (times) times = kept.map((i) => (series.times as number[])[i] as number);
  }
  const wire: WireMetricSeries = { steps, values: values.map(encodeWireValue) };
  if (times) wire.times = times;
  return wire;
}

/**
 * A standard Fetch API handler `(Request) => Promise<Response>` serving
 * `GET {prefix}/experiments/{experiment_id}/runs/{run_id}/metrics` from a {@link MetricStore}:
 * query parameters `metric_type` (repeatable or comma-separated), `step_min`, `step_max`
 * (inclusive), `since_step` (exclusive) and `max_points` (M4 downsampling per series, spikes kept).
 * Answers 400 `invalid_parameter` naming the bad parameter, 404 `not_found`, 405 for non-GET.
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
  const { store, basePath, onError } = options;

  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET') {
      return json(
        405,
        {
          error: {
            code: 'method_not_allowed',
            message: `method ${request.method} not allowed; use GET`,
          },
        },
        { allow: 'GET' },
      );
    }
    const url = new URL(request.url);
    const target = route(url.pathname, basePath);
    if (!target) return notFound(`no metrics route at ${JSON.stringify(url.pathname)}`);

    const parsed = parseMetricsQuery(url.search);
    if ('problem' in parsed) {
      return json(400, { error: { code: 'invalid_parameter', ...parsed.problem } });
    }
    const { query } = parsed;
    const { experimentId, runId } = target;

    try {
      const run = await store.getRun(experimentId, runId);
      if (!run) return notFound(`run "${runId}" not found in experiment "${experimentId}"`);
      const series = await store.queryPoints(experimentId, runId, {
        ...(query.metrics !== undefined && { metrics: query.metrics }),
        ...(query.stepMin !== undefined && { stepMin: query.stepMin }),
        ...(query.stepMax !== undefined && { stepMax: query.stepMax }),
        ...(query.sinceStep !== undefined && { sinceStep: query.sinceStep }),
      });

      const metrics: Record<string, WireMetricSeries> = {};
      const totalPoints: Record<string, number> = {};
      let downsampled = false;
      for (const name of query.metrics ?? Object.keys(series)) {
        const found = series[name];
        if (!found) {
          // A metric the run does not have (yet) is an empty series, not an error: a chart may ask
          // for `eval_loss` before the first evaluation.
          metrics[name] = { steps: [], values: [] };
          continue;
        }
        metrics[name] = toWireSeries(found, query.maxPoints);
        if (metrics[name].steps.length < found.steps.length) downsampled = true;
        totalPoints[name] = found.steps.length;
      }

      const body: RunMetricsWire = {
        experiment_id: run.experimentId,
        run_id: run.runId,
        status: run.status,
        last_step: run.lastStep,
        updated_at: run.updatedAt,
        started_at: run.startedAt,
        step_source: run.stepSource,
        restarts: run.restarts.map((r) => ({ step: r.step })),
        metrics,
      };
      if (downsampled) body.total_points = totalPoints;
      return json(200, body);
    } catch (error) {
      onError?.(error);
      return json(500, { error: { code: 'internal_error', message: 'the metric store failed' } });
    }
  };
}
