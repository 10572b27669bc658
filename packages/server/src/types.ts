import type { ChildProcess } from 'node:child_process';
import type { MetricSeries, RunStatus } from '@trainviz/client';
import type { ParseOptions, StepSource } from '@trainviz/parser';

/**
 * A run as a {@link MetricStore} keeps it: its lifecycle and what the metrics endpoint reports
 * besides the points.
 *
 * @example
 * ```ts
 * const run = await store.getRun('exp-1', 'sft-7');
 * if (run?.status === 'failed') console.log(`failed at step ${run.lastStep}`);
 * ```
 */
export interface RunRecord {
  experimentId: string;
  runId: string;
  status: RunStatus;
  /** ISO 8601 time the run started, or `null` if unknown. */
  startedAt: string | null;
  /** ISO 8601 time of the last change to the run (status, points, restart). */
  updatedAt: string;
  /** Where the steps come from, once the parser knows. */
  stepSource: StepSource | null;
  /** Highest step stored for any metric, or `null` when there is none. */
  lastStep: number | null;
  /** Every resume so far, oldest first. */
  restarts: { step: number }[];
  /**
   * ISO 8601 time of the last sign of life of the run's capture (a heartbeat or a write), or
   * `null` when the store has none. A `running` run whose capture went silent for longer than the
   * store's `interruptedAfterMs` is reported with status `interrupted`.
   * @defaultValue null
   */
  heartbeatAt?: string | null;
}

/**
 * What {@link MetricStore.upsertRun} takes: creates the run, or updates the fields given.
 *
 * @example
 * ```ts
 * await store.upsertRun({ experimentId: 'exp-1', runId: 'sft-7', status: 'running', startedAt: new Date().toISOString() });
 * ```
 */
export interface RunUpsert {
  experimentId: string;
  runId: string;
  status: RunStatus;
  /**
   * ISO 8601 start time; left as it is when omitted on an existing run.
   * @defaultValue null for a new run
   */
  startedAt?: string | null;
  /**
   * Where the steps come from; left as it is when omitted on an existing run.
   * @defaultValue null for a new run
   */
  stepSource?: StepSource | null;
}

/**
 * One metric value to store. Non-finite values (`NaN`, `Infinity`) are stored faithfully.
 *
 * @example
 * ```ts
 * const point: StoredPoint = { metric: 'loss', step: 10, value: 2.31, time: 12.5 };
 * ```
 */
export interface StoredPoint {
  metric: string;
  step: number;
  value: number;
  /**
   * Seconds since the run's `startedAt` when the point was recorded.
   * @defaultValue undefined (unknown)
   */
  time?: number;
}

/**
 * Filter of {@link MetricStore.queryPoints}; every bound is optional.
 *
 * @example
 * ```ts
 * await store.queryPoints('exp-1', 'sft-7', { metrics: ['loss'], sinceStep: 1200 });
 * ```
 */
export interface PointQuery {
  /**
   * Metric names to return; metrics the run does not have are left out.
   * @defaultValue every metric of the run
   */
  metrics?: readonly string[];
  /**
   * Inclusive lower bound on step.
   * @defaultValue no bound
   */
  stepMin?: number;
  /**
   * Inclusive upper bound on step.
   * @defaultValue no bound
   */
  stepMax?: number;
  /**
   * Exclusive lower bound: only points with `step > sinceStep`.
   * @defaultValue no bound
   */
  sinceStep?: number;
}

/**
 * What {@link MetricStore.readSnapshot} reads: a {@link PointQuery} plus SQL-side downsampling.
 *
 * @example
 * ```ts
 * await store.readSnapshot('exp-1', 'sft-7', { metrics: ['loss'], maxPoints: 1000 });
 * ```
 */
export interface SnapshotQuery extends PointQuery {
  /**
   * Largest number of points returned per series: a longer series is cut into step buckets and
   * each bucket keeps its minimum and maximum (non-finite values win, so a divergence stays
   * visible), plus the first and last point of the range.
   * @defaultValue no downsampling
   */
  maxPoints?: number;
  /**
   * Asks the store to also serialise long series as their wire JSON ({@link SeriesColumns.json}),
   * where it can do so off the event loop (the SQLite store does it in its worker threads). The
   * handler sets it; other callers can ignore it.
   * @defaultValue false
   */
  encodeJson?: boolean;
}

/** The columns of a {@link MetricSeries}, each any array-like of numbers. */
type MetricSeriesColumns = { [K in keyof MetricSeries]: ArrayLike<number> };

/**
 * A {@link MetricSeries} (`steps`, `values`, optional `times`, ascending steps) whose columns
 * may be typed arrays, as the SQL stores read them, plus the wire JSON a store may have encoded.
 *
 * @example
 * ```ts
 * const columns: SeriesColumns = { steps: Float64Array.of(10, 20), values: Float64Array.of(2.3, 2.1) };
 * ```
 */
export interface SeriesColumns extends MetricSeriesColumns {
  /**
   * The same series already serialised as the UTF-8 JSON of its wire object, exactly as the
   * client's `encodeRunMetrics` writes it (non-finite values as strings), when the store was
   * asked for it with `encodeJson`; the handler then sends these bytes as they are.
   * @defaultValue absent
   */
  json?: Uint8Array;
}

/**
 * A run and its points read at one instant: the series never reach past `run.lastStep` and
 * every column of a series has the same length, whatever a writer does meanwhile.
 *
 * @example
 * ```ts
 * const snapshot = await store.readSnapshot('exp-1', 'sft-7', { sinceStep: 1200 });
 * if (snapshot) console.log(snapshot.run.status, snapshot.totalPoints.loss);
 * ```
 */
export interface RunSnapshot {
  run: RunRecord;
  /** Metric name to columns, for the metrics of the query the run has; a null-prototype object. */
  series: Record<string, SeriesColumns>;
  /** Points each returned series had in the range before downsampling. */
  totalPoints: Record<string, number>;
}

/**
 * One metric as {@link MetricStore.queryPoints} returns it: another name of `MetricSeries` from
 * `@trainviz/client`, the one series type of trainviz (`times` present when every point has one).
 *
 * @example
 * ```ts
 * const { steps, values } = (await store.queryPoints('exp-1', 'sft-7')).loss ?? { steps: [], values: [] };
 * ```
 */
export type StoredSeries = MetricSeries;

/**
 * Where runs and their metric points live. Every method is async so hosts can back it with a
 * remote database; the package ships {@link createMemoryMetricStore} and
 * {@link createSqliteMetricStore}.
 *
 * @example
 * ```ts
 * const store: MetricStore = createSqliteMetricStore({ filename: 'metrics.db' });
 * await store.upsertRun({ experimentId: 'exp-1', runId: 'sft-7', status: 'running' });
 * await store.appendPoints('exp-1', 'sft-7', [{ metric: 'loss', step: 10, value: 2.31 }]);
 * ```
 */
export interface MetricStore {
  /** Creates the run or updates the given fields of an existing one; returns it as stored. */
  upsertRun(run: RunUpsert): Promise<RunRecord>;
  /** Changes the status of an existing run; rejects with kind `run_not_found` otherwise. */
  setRunStatus(experimentId: string, runId: string, status: RunStatus): Promise<void>;
  /** The run, or `null` when the store does not have it. */
  getRun(experimentId: string, runId: string): Promise<RunRecord | null>;
  /** Upserts points: a point for an existing metric and step replaces it. */
  appendPoints(experimentId: string, runId: string, points: readonly StoredPoint[]): Promise<void>;
  /** A resume at `step`: deletes every point with `step >= step` (all metrics) and records it. */
  recordRestart(experimentId: string, runId: string, step: number): Promise<void>;
  /** Columnar series per metric matching the query, ascending steps. */
  queryPoints(
    experimentId: string,
    runId: string,
    query?: PointQuery,
  ): Promise<Record<string, MetricSeries>>;
  /** Every run, or those of one experiment, ordered by experiment then run id. */
  listRuns(experimentId?: string): Promise<RunRecord[]>;
  /**
   * The run and its points in one consistent read (one transaction in SQL stores), downsampled
   * by the store when `maxPoints` is given; `null` when the run does not exist. Optional for
   * stores written by hosts: the handler falls back to `getRun` + `queryPoints`.
   */
  readSnapshot?(
    experimentId: string,
    runId: string,
    query?: SnapshotQuery,
  ): Promise<RunSnapshot | null>;
  /**
   * Records that the run's capture is alive (captures call it every `heartbeatIntervalMs`).
   * Optional for stores written by hosts: without it a run is never reported `interrupted`.
   */
  heartbeat?(experimentId: string, runId: string): Promise<void>;
  /** Releases the store; later calls reject with kind `closed`. */
  close(): Promise<void>;
}

/**
 * Where {@link createRunCapture} reports what it skips or retries.
 *
 * @example
 * ```ts
 * const logger: CaptureLogger = { warn: (message) => pino.warn(message) };
 * ```
 */
export interface CaptureLogger {
  warn(message: string, detail?: unknown): void;
}

/**
 * Options of {@link createRunCapture}.
 *
 * @example
 * ```ts
 * createRunCapture({ store, experimentId: 'exp-1', runId: 'sft-7', flushIntervalMs: 500 });
 * ```
 */
export interface RunCaptureOptions {
  store: MetricStore;
  experimentId: string;
  runId: string;
  /**
   * Longest time a parsed point waits before it is written.
   * @defaultValue 250
   */
  flushIntervalMs?: number;
  /**
   * Points that trigger a write at once, and the largest batch written in one call.
   * @defaultValue 500
   */
  maxBatchPoints?: number;
  /**
   * Attempts of one store write before capture gives up on it for now (the points stay queued
   * and the next flush tries again; `done` rejects if they are still unwritten at the end).
   * @defaultValue 8
   */
  maxWriteAttempts?: number;
  /**
   * First delay between write attempts, doubled after each failure up to 5 s.
   * @defaultValue 100
   */
  retryDelayMs?: number;
  /**
   * A store write that has not settled after this long counts as a failed attempt (and is
   * retried), so a capture never hangs on a store that stopped answering: `end()` and `done`
   * settle after at most `maxWriteAttempts` timeouts plus the backoff.
   * @defaultValue 10000
   */
  writeTimeoutMs?: number;
  /**
   * How often the capture tells the store it is alive while it writes nothing (a long
   * evaluation). Keep it well below the serving store's `interruptedAfterMs` (30 s by default),
   * after which a silent `running` run is reported `interrupted`.
   * @defaultValue 5000
   */
  heartbeatIntervalMs?: number;
  /**
   * Called for every chunk that failed to parse and every failed store write.
   * @defaultValue undefined
   */
  onError?: (error: Error) => void;
  /**
   * Receives warnings about skipped chunks and retried writes.
   * @defaultValue console
   */
  logger?: CaptureLogger;
  /**
   * Options of the streaming parser (e.g. a forced `format`).
   * @defaultValue {}
   */
  parserOptions?: ParseOptions;
  /**
   * Start time of the run; point times are seconds since it.
   * @defaultValue the time `createRunCapture` is called
   */
  startedAt?: Date;
}

/**
 * How {@link RunCapture.end} closes the run.
 *
 * @example
 * ```ts
 * await capture.end({ status: 'completed' });
 * ```
 */
export interface RunCaptureEndOptions {
  /**
   * Final status written after the last points.
   * @defaultValue 'completed'
   */
  status?: 'completed' | 'failed';
}

/**
 * A live capture of one run's log into a {@link MetricStore}.
 *
 * @example
 * ```ts
 * const capture = createRunCapture({ store, experimentId: 'exp-1', runId: 'sft-7' });
 * capture.attach(spawn('python', ['train.py']));
 * await capture.done;
 * ```
 */
export interface RunCapture {
  /** Feeds a chunk of log text (bytes are decoded as streaming UTF-8). */
  write(chunk: string | Uint8Array): void;
  /**
   * Reads the child's stdout and stderr (one UTF-8 decoder and one line buffer per stream) and ends
   * the run when it exits: code 0 is `completed`, any other code or a signal is `failed`. Two pipes
   * do not keep their relative order, so when steps come from a progress bar, merge stderr into
   * stdout at the source (`sh -c 'python train.py 2>&1'`).
   */
  attach(child: ChildProcess): void;
  /** Parses what is pending, writes every point, then the final status. Idempotent. */
  end(options?: RunCaptureEndOptions): Promise<void>;
  /** Writes every point parsed so far now; resolves once they are stored. */
  flush(): Promise<void>;
  /** Resolves once the run has ended and everything is written; rejects if points were left unwritten. */
  done: Promise<void>;
}

/**
 * Options of {@link createMetricsHandler}.
 *
 * @example
 * ```ts
 * createMetricsHandler({ store, basePath: '/api' });
 * ```
 */
export interface MetricsHandlerOptions {
  store: MetricStore;
  /**
   * Prefix the route must sit under exactly (`/api` serves `/api/experiments/{e}/runs/{r}/metrics`).
   * @defaultValue undefined (any prefix)
   */
  basePath?: string;
  /**
   * Called with the error when the store fails (the client gets a 500 without the details).
   * @defaultValue undefined
   */
  onError?: (error: unknown) => void;
  /**
   * Cross-origin access, for a chart served from another origin than the API: answers `OPTIONS`
   * preflights and adds `Access-Control-Allow-Origin` for the listed origins (`'*'` for any).
   * @defaultValue undefined (no CORS headers; `OPTIONS` is answered 405)
   * @example
   * ```ts
   * createMetricsHandler({ store, cors: { origin: ['https://app.example.com'] } });
   * ```
   */
  cors?: MetricsHandlerCorsOptions;
}

/**
 * The `cors` option of {@link createMetricsHandler}.
 *
 * @example
 * ```ts
 * const cors: MetricsHandlerCorsOptions = { origin: 'https://app.example.com', maxAgeSeconds: 3600 };
 * ```
 */
export interface MetricsHandlerCorsOptions {
  /** Origins allowed to read responses (exact `scheme://host[:port]`), or `'*'`. */
  origin: string | readonly string[];
  /**
   * How long a browser may cache a preflight answer.
   * @defaultValue 600
   */
  maxAgeSeconds?: number;
}
