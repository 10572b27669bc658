import type { MetricSeries } from './series/MetricSeries';

/**
 * Lifecycle of a training run as the metrics endpoint reports it. `interrupted` means the capture
 * of a `running` run stopped sending heartbeats without ending it (its process was killed, its
 * machine lost): no new points will come unless the capture is restarted, so a chart stops polling
 * and can say "capture lost at step {lastStep}". A restarted capture turns the run back to
 * `running`.
 *
 * @example
 * ```ts
 * const finished = status === 'completed' || status === 'failed' || status === 'interrupted';
 * ```
 */
export type RunStatus = 'pending' | 'running' | 'completed' | 'failed' | 'interrupted';

/** A metric value on the wire: JSON has no NaN or infinities, so they travel as strings. */
export type WireValue = number | 'NaN' | 'Infinity' | '-Infinity';

/**
 * One metric on the wire: a `MetricSeries` whose non-finite values are coded as strings (see
 * `encodeWireValue`). Columns rather than one object per point: `{"step":123456,"value":2.345678}`
 * costs ~33 bytes a point, the columns ~16.
 *
 * @example
 * ```json
 * { "steps": [10, 20], "values": [2.31, "NaN"], "times": [12.5, 25.1] }
 * ```
 */
export type WireMetricSeries = Omit<MetricSeries, 'values'> & { values: WireValue[] };

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
  /** Experiment id, as in the path (decoded). */
  experiment_id: string;
  /** Run id, as in the path (decoded). */
  run_id: string;
  /** Lifecycle of the run. */
  status: RunStatus;
  /** Highest step recorded for any metric of the run (whatever the query), or `null` if none. */
  last_step: number | null;
  /** ISO 8601 time of the last change to the run. */
  updated_at: string;
  /** ISO 8601 time the run started, or `null` if unknown. */
  started_at: string | null;
  /** Where steps come from: printed in the log, progress-bar position or record count. */
  step_source: 'explicit' | 'progress' | 'count' | null;
  /** Every resume of the run so far, whatever the query: comparing counts shows a new one. */
  restarts: { step: number }[];
  /** Metric name to its columns; a series may be empty. */
  metrics: Record<string, WireMetricSeries>;
  /** Present when `max_points` downsampled a series: the number of points each had before. */
  total_points?: Record<string, number>;
}

/** One metric decoded (non-finite values as JS numbers): {@link MetricSeries} by its first name. */
export type RunMetricSeries = MetricSeries;

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
  /** Lifecycle of the run: stop polling once it is `completed`, `failed` or `interrupted`. */
  status: RunStatus;
  /** Highest step recorded for any metric of the run, or `null` before the first point. */
  lastStep: number | null;
  /** ISO 8601 time of the last change to the run. */
  updatedAt: string;
  /** ISO 8601 time the run started, or `null` if unknown. */
  startedAt: string | null;
  /** Where steps come from; label the x-axis `log record #` for `count`. */
  stepSource: 'explicit' | 'progress' | 'count' | null;
  /** Every resume of the run from a checkpoint, in order. */
  restarts: { step: number }[];
  /** Metric name to its series. */
  metrics: Record<string, RunMetricSeries>;
  /** Present when `maxPoints` downsampled a series: its number of points before. */
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
  /**
   * Metric names (`loss`, `learning_rate`, `rewards/chosen`, ...); empty means all.
   *
   * @defaultValue all metrics
   */
  metricTypes?: readonly string[];
  /**
   * Inclusive lower bound on step (an integer).
   *
   * @defaultValue no lower bound
   */
  stepMin?: number;
  /**
   * Inclusive upper bound on step (an integer, not less than `stepMin`).
   *
   * @defaultValue no upper bound
   */
  stepMax?: number;
  /**
   * Exclusive: only points with `step > sinceStep` (what a live chart polls with).
   *
   * @defaultValue all steps
   */
  sinceStep?: number;
  /**
   * The server downsamples each series to about this many points (>= 2), keeping spikes.
   *
   * @defaultValue no downsampling
   */
  maxPoints?: number;
  /**
   * Cancels the request; the promise rejects with a `TrainvizError` of kind `aborted`.
   *
   * @defaultValue not cancellable
   */
  signal?: AbortSignal;
}
