import type { GetRunMetricsOptions } from './types';

/**
 * Builds `{baseUrl}/experiments/{experiment_id}/runs/{run_id}/metrics?...` without touching the
 * network. Pure: a relative `baseUrl` stays relative (the client resolves it against
 * `globalThis.location` in browsers).
 *
 * Each id is percent-encoded as one path segment (`/` becomes `%2F`, spaces `%20`, unicode as
 * UTF-8), so an id can never reach another path. The ids `""`, `"."` and `".."` cannot be a segment
 * at all (URL parsers collapse them, even percent-encoded) and throw a `RangeError`, as does
 * text with a lone UTF-16 surrogate.
 * `metricTypes` are sent as repeated `metric_type` parameters; an empty list means all metrics.
 * Numbers are sent as written: the server rejects non-integers with a 400 naming the parameter.
 *
 * @example
 * ```ts
 * buildRunMetricsUrl('https://host/api/', 'exp 1', 'sft/7', { metricTypes: ['loss'], sinceStep: 20 });
 * // 'https://host/api/experiments/exp%201/runs/sft%2F7/metrics?metric_type=loss&since_step=20'
 * ```
 */
export function buildRunMetricsUrl(
  baseUrl: string,
  experimentId: string,
  runId: string,
  options: Omit<GetRunMetricsOptions, 'signal'> = {},
): string {
  const path = `${experimentUrl(baseUrl, experimentId)}/runs/${segment(runId, 'runId')}/metrics`;
  const query = (options.metricTypes ?? []).map(
    (name) => `metric_type=${encode(name, 'metric type')}`,
  );
  const numbers: [string, number | undefined][] = [
    ['step_min', options.stepMin],
    ['step_max', options.stepMax],
    ['since_step', options.sinceStep],
    ['max_points', options.maxPoints],
  ];
  for (const [name, value] of numbers) {
    if (value !== undefined) query.push(`${name}=${encodeURIComponent(value)}`);
  }
  return query.length === 0 ? path : `${path}?${query.join('&')}`;
}

/** `{baseUrl}/experiments/{experiment_id}`, the root of an experiment's routes. */
export function experimentUrl(baseUrl: string, experimentId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/experiments/${segment(experimentId, 'experimentId')}`;
}

/** `id` percent-encoded as one URL path segment; a `RangeError` for ids that cannot be one. */
function segment(id: string, name: string): string {
  if (id === '' || id === '.' || id === '..') {
    throw new RangeError(
      `${name} ${JSON.stringify(id)} cannot be sent as a URL path segment: URL parsers remove it`,
    );
  }
  return encode(id, name);
}

function encode(text: string, name: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // encodeURIComponent throws URIError on a lone UTF-16 surrogate, which no server could decode.
    throw new RangeError(`${name} ${JSON.stringify(text)} is not well-formed unicode`);
  }
}
