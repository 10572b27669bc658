/**
 * The validated query of a metrics request.
 *
 * @example
 * ```ts
 * const query: MetricsQuery = { metrics: ['loss'], sinceStep: 1200 };
 * ```
 */
export interface MetricsQuery {
  /** Requested metric names, deduplicated, in request order. @defaultValue every metric */
  metrics?: string[];
  /** Inclusive lower bound on step. @defaultValue no bound */
  stepMin?: number;
  /** Inclusive upper bound on step. @defaultValue no bound */
  stepMax?: number;
  /** Exclusive lower bound on step. @defaultValue no bound */
  sinceStep?: number;
  /** Points kept per series by the downsampler. @defaultValue no downsampling */
  maxPoints?: number;
}

/**
 * Why a query was rejected: the parameter at fault and a message naming the bad value.
 *
 * @example
 * ```ts
 * const problem: MetricsQueryProblem = { parameter: 'step_min', message: 'step_min must be an integer, got "abc"' };
 * ```
 */
export interface MetricsQueryProblem {
  parameter: string;
  message: string;
}

const KNOWN = ['metric_type', 'step_min', 'step_max', 'since_step', 'max_points'] as const;
const MAX_POINTS_LIMIT = 100_000;

function parseStep(
  name: string,
  raw: string,
): { value: number } | { problem: MetricsQueryProblem } {
  const text = raw.trim();
  // since_step is exclusive, so -1 is how a client asks for everything from step 0 on (a refetch
  // after a resume at step 0); the other bounds are steps and cannot be negative.
  const pattern = name === 'since_step' ? /^-?\d+$/ : /^\d+$/;
  if (!pattern.test(text)) {
    const message = /^-\d+$/.test(text)
      ? `${name} must be a non-negative integer, got ${JSON.stringify(raw)}`
      : `${name} must be an integer, got ${JSON.stringify(raw)}`;
    return { problem: { parameter: name, message } };
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    return {
      problem: { parameter: name, message: `${name} is too large, got ${JSON.stringify(raw)}` },
    };
  }
  return { value };
}

/** The still-encoded values of one parameter, in order. */
function rawValues(search: string, name: string): string[] {
  const out: string[] = [];
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (decodeLoosely(key) === name) out.push(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return out;
}

function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Validates the query string (`url.search`) of `GET .../metrics`: `metric_type` (repeatable or comma-separated),
 * `step_min`, `step_max` (integers >= 0), `since_step` (an integer, -1 for everything) and `max_points` (integer 2..100000). Unknown
 * parameters, repeated scalars, blank metric names and `step_min > step_max` are problems.
 *
 * @example
 * ```ts
 * const parsed = parseMetricsQuery(new URL(request.url).search);
 * if ('problem' in parsed) return badRequest(parsed.problem);
 * ```
 */
export function parseMetricsQuery(
  search: string,
): { query: MetricsQuery } | { problem: MetricsQueryProblem } {
  const params = new URLSearchParams(search);
  for (const key of new Set(params.keys())) {
    if (!(KNOWN as readonly string[]).includes(key)) {
      return {
        problem: {
          parameter: key,
          message: `unknown query parameter ${JSON.stringify(key)}; expected one of ${KNOWN.join(', ')}`,
        },
      };
    }
  }

  const query: MetricsQuery = {};
  const metricValues = rawValues(search, 'metric_type');
  if (metricValues.length > 0) {
    const metrics: string[] = [];
    for (const value of metricValues) {
      // Split before decoding, so a metric name holding an encoded comma (%2C) stays whole.
      for (const part of value.split(',')) {
        let name: string;
        try {
          name = decodeURIComponent(part.replace(/\+/g, ' ')).trim();
        } catch {
          return {
            problem: {
              parameter: 'metric_type',
              message: `metric_type is not valid percent-encoding, got ${JSON.stringify(value)}`,
            },
          };
        }
        if (name === '') {
          return {
            problem: {
              parameter: 'metric_type',
              message: `metric_type must be a non-empty metric name, got ${JSON.stringify(decodeLoosely(value))}`,
            },
          };
        }
        if (!metrics.includes(name)) metrics.push(name);
      }
    }
    query.metrics = metrics;
  }

  for (const [name, field] of [
    ['step_min', 'stepMin'],
    ['step_max', 'stepMax'],
    ['since_step', 'sinceStep'],
    ['max_points', 'maxPoints'],
  ] as const) {
    const values = params.getAll(name);
    if (values.length === 0) continue;
    if (values.length > 1) {
      return { problem: { parameter: name, message: `${name} must be given at most once` } };
    }
    const parsed = parseStep(name, values[0] as string);
    if ('problem' in parsed) return parsed;
    query[field] = parsed.value;
  }

  if (
    query.maxPoints !== undefined &&
    (query.maxPoints < 2 || query.maxPoints > MAX_POINTS_LIMIT)
  ) {
    return {
      problem: {
        parameter: 'max_points',
        message: `max_points must be between 2 and ${MAX_POINTS_LIMIT}, got ${query.maxPoints}`,
      },
    };
  }
  if (query.stepMin !== undefined && query.stepMax !== undefined && query.stepMin > query.stepMax) {
    return {
      problem: {
        parameter: 'step_min',
        message: `step_min (${query.stepMin}) must not be greater than step_max (${query.stepMax})`,
      },
    };
  }
  return { query };
}
