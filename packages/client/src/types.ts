/**
 * Lifecycle of a training run as the metrics endpoint reports it.
 *
 * @example
 * ```ts
 * const done = status === 'completed' || status === 'failed';
 * ```
 */
export type RunStatus = 'pending' | 'running' | 'completed' | 'failed';

/**
 * A metric value on the wire: JSON has no NaN or infinities, so they travel as strings.
 *
 * @example
 * ```ts
 * const wire: WireValue[] = [2.31, 'NaN', 'Infinity'];
 * ```
 */
export type WireValue = number | 'NaN' | 'Infinity' | '-Infinity';

/**
 * One metric on the wire: parallel columns, ascending steps. Columns rather than one object per
 * point: `{"step":123456,"value":2.345678}` costs ~33 bytes a point, the columns ~16.
 *
 * @example
 * ```json
 * { "steps": [10, 20], "values": [2.31, "NaN"], "times": [12.5, 25.1] }
 * ```
 */
export interface WireMetricSeries {
  steps: number[];
  values: WireValue[];
  /** Seconds since the run's `started_at` when each point was recorded, when the server knows it. */
  times?: number[];
}

/**
 * The JSON body of `GET /experiments/{experiment_id}/runs/{run_id}/metrics` (snake_case, as served).
 *
 * @example
 * ```json
 * {
 *   "experiment_id": "exp-1", "run_id": "sft-7", "status": "running",
 *   "last_step": 20, "updated_at": "2026-11-27T10:00:00.000Z", "started_at": "2026-11-27T09:58:00.000Z",
 *   "step_source": "explicit", "restarts": [],
 *   "metrics": { "loss": { "steps": [10, 20], "values": [2.31, 2.12] } }
 * }
 * ```
 */
export interface RunMetricsWire {
  experiment_id: string;
  run_id: string;
  status: RunStatus;
  /** Highest step recorded for any metric, or `null` when none is. */
  last_step: number | null;
  /** ISO 8601 time of the last change to the run. */
  updated_at: string;
  /** ISO 8601 time the run started, or `null` if unknown. */
  started_at: string | null;
  step_source: 'explicit' | 'progress' | 'count' | null;
  /** Every resume of the run so far (not filtered by the query): the client compares counts to see a new one. */
  restarts: { step: number }[];
  metrics: Record<string, WireMetricSeries>;
  /** Present when `max_points` downsampled a series: the number of points each had before. */
  total_points?: Record<string, number>;
}

/**
 * One metric decoded: non-finite values back as JS numbers.
 *
 * @example
 * ```ts
 * const last = series.values[series.values.length - 1];
 * ```
 */
export interface RunMetricSeries {
  steps: number[];
  values: number[];
  times?: number[];
}

/**
 * A decoded metrics response, camelCase.
 *
 * @example
 * ```ts
 * const res = await client.getRunMetrics('exp-1', 'sft-7', { metricTypes: ['loss'] });
 * res.metrics.loss?.values;
 * ```
 */
export interface RunMetrics {
  experimentId: string;
  runId: string;
  status: RunStatus;
  lastStep: number | null;
  updatedAt: string;
  startedAt: string | null;
  stepSource: 'explicit' | 'progress' | 'count' | null;
  restarts: { step: number }[];
  metrics: Record<string, RunMetricSeries>;
  totalPoints?: Record<string, number>;
}

/**
 * Query of {@link TrainvizClient.getRunMetrics}. Every field is optional; omitted means everything.
 *
 * @example
 * ```ts
 * { metricTypes: ['loss', 'eval_loss'], sinceStep: 1200, maxPoints: 2000 }
 * ```
 */
export interface GetRunMetricsOptions {
  /** Metric names (`loss`, `learning_rate`, `rewards/chosen`, ...). @defaultValue all metrics */
  metricTypes?: readonly string[];
  /** Inclusive lower bound on step. */
  stepMin?: number;
  /** Inclusive upper bound on step. */
  stepMax?: number;
  /** Exclusive: only points with `step > sinceStep` (what a live chart polls with). */
  sinceStep?: number;
  /** The server downsamples each series to about this many points, keeping spikes. */
  maxPoints?: number;
  /** Cancels the request; the promise rejects with a `TrainvizError` of kind `aborted`. */
  signal?: AbortSignal;
}
