import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { MetricSeries, RunStatus } from '@trainviz/client';
import { MetricStoreError, type MetricStoreErrorKind } from './MetricStoreError';
import { DEFAULT_INTERRUPTED_AFTER_MS, reportedStatus } from './runLiveness';
import { sqliteWorkerMain } from './sqliteWorkerMain';
import type {
  MetricStore,
  PointQuery,
  RunRecord,
  RunSnapshot,
  RunUpsert,
  SeriesColumns,
  SnapshotQuery,
  StoredPoint,
} from './types';
import { wireSeriesJson } from './wireSeriesJson';

/**
 * Options of {@link createSqliteMetricStore}.
 *
 * @example
 * ```ts
 * createSqliteMetricStore({ filename: './trainviz.db', readers: 2 });
 * ```
 */
export interface SqliteMetricStoreOptions {
  /** Path of the database file, created on first use if missing (`:memory:` for a throwaway one). */
  filename: string;
  /**
   * Worker threads that serve full reads (each with its own connection); live polls
   * (`sinceStep` without `maxPoints`) and run lookups have one more of their own, so a full
   * fetch of a long run never queues in front of them. On Linux the full-read threads run at the
   * lowest CPU priority (nice 19), so on a busy machine they take what the event loop and the
   * poll lane leave. A `:memory:` database has one worker for everything.
   * @defaultValue 2
   */
  readers?: number;
  /**
   * A `running` run whose capture sent no heartbeat or write for this long is reported
   * `interrupted`; `Infinity` turns this off.
   * @defaultValue 30000
   */
  interruptedAfterMs?: number;
  /**
   * How long a statement waits for a lock held by another process before it fails (it waits in
   * its worker thread, never in the event loop).
   * @defaultValue 5000
   */
  busyTimeoutMs?: number;
}

type RawRecord = Omit<RunRecord, 'status'> & { status: RunStatus };
type RawSeries = [string, SeriesColumns, number][];

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** One worker thread and the requests waiting for it. */
interface Lane {
  /** Set once the worker has started (after the writer's migrations). */
  worker: Worker | null;
  ready: Promise<void>;
  pending: Map<number, Pending>;
}

const WORKER_SOURCE = `(${sqliteWorkerMain.toString()})(${wireSeriesJson.toString()})`;

function resolveDriver(): string {
  // Resolved from this package, so the host's own install of the optional peer is found; the
  // CommonJS build gets `import.meta.url` from tsup's shim.
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3');
  } catch (cause) {
    throw new MetricStoreError(
      'missing_peer_dependency',
      'createSqliteMetricStore needs the optional peer dependency "better-sqlite3" (^12): run `npm install better-sqlite3`',
      { cause },
    );
  }
}

/**
 * Where the worker threads load `@trainviz/client` from to encode long series with its
 * `encodeRunMetrics`, or `null` when it cannot be found on disk (a bundle that inlined it): the
 * handler then encodes them in the event loop, with the same encoder, in chunks.
 */
function resolveClient(): string | null {
  try {
    return createRequire(import.meta.url).resolve('@trainviz/client');
  } catch {
    return null;
  }
}

/**
 * A {@link MetricStore} in a SQLite file (better-sqlite3, an optional peer dependency), so
 * metrics persist after a run and survive a restart of the server.
 *
 * Nothing runs in the event loop: every statement runs in a worker thread with its own
 * connection (one writer, one lane for polls and lookups, `readers` lanes for full reads), so a
 * full fetch of a long run or a lock held by another process never stalls other requests.
 * Nothing is opened until the first call (a Next.js build that imports the route creates no
 * file). Each `readSnapshot` is one read transaction; `maxPoints` is applied in SQL (minimum and
 * maximum per step bucket), so a downsampled fetch costs what it returns. WAL mode, versioned
 * schema migrations (`PRAGMA user_version`), each batch of points in one transaction, points
 * keyed `(experiment_id, run_id, metric, step)` so metric, range and since-step reads are index
 * seeks. `NaN` and infinities are stored faithfully.
 *
 * @example
 * ```ts
 * const store = createSqliteMetricStore({ filename: './trainviz.db' });
 * const run = await store.getRun('exp-1', 'sft-7');
 * await store.close();
 * ```
 */
export function createSqliteMetricStore(options: SqliteMetricStoreOptions): MetricStore {
  const { filename } = options;
  const interruptedAfterMs = options.interruptedAfterMs ?? DEFAULT_INTERRUPTED_AFTER_MS;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const shared = filename === ':memory:' || filename === '';
  const readerCount = shared ? 0 : Math.max(1, Math.floor(options.readers ?? 2));
  let closed = false;
  let driverPath: string | undefined;
  let clientPath: string | null | undefined;
  let nextId = 1;
  let writer: Lane | null = null;
  let poller: Lane | null = null;
  const readers: (Lane | null)[] = new Array(readerCount).fill(null);

  function forget(lane: Lane): void {
    // The next call starts a fresh worker.
    if (writer === lane) writer = null;
    if (poller === lane) poller = null;
    const at = readers.indexOf(lane);
    if (at >= 0) readers[at] = null;
  }

  /** A lane whose worker starts once `after` (the writer's migrations) has settled. */
  function spawn(isWriter: boolean, after: Promise<void>, background = false): Lane {
    const pending = new Map<number, Pending>();
    const lane: Lane = { worker: null, ready: Promise.resolve(), pending };
    lane.ready = after.then(
      () =>
        new Promise<void>((markReady, failReady) => {
          driverPath ??= resolveDriver();
          if (clientPath === undefined) clientPath = resolveClient();
          const worker = new Worker(WORKER_SOURCE, {
            eval: true,
            workerData: {
              driverPath,
              clientPath,
              filename,
              writer: isWriter,
              background,
              busyTimeoutMs,
            },
          });
          lane.worker = worker;
          // An idle store must not keep the process alive; a request in flight does.
          worker.unref();
          worker.on(
            'message',
            (message: { id: number; result?: unknown; error?: WorkerFailure }) => {
              if (message.id === 0) {
                markReady();
                return;
              }
              const entry = pending.get(message.id);
              if (!entry) return;
              pending.delete(message.id);
              if (pending.size === 0) worker.unref();
              if (message.error) entry.reject(toError(message.error));
              else entry.resolve(message.result);
            },
          );
          const fail = (cause: unknown) => {
            const error = new MetricStoreError('store_failed', 'a SQLite worker thread stopped', {
              cause,
            });
            failReady(error);
            for (const entry of pending.values()) entry.reject(error);
            pending.clear();
            forget(lane);
          };
          worker.on('error', fail);
          worker.on('exit', (code) => {
            if (!closed || pending.size > 0) fail(new Error(`exit code ${code}`));
          });
        }),
    );
    lane.ready.catch(() => forget(lane));
    return lane;
  }

  function writerLane(): Lane {
    writer ??= spawn(true, Promise.resolve());
    return writer;
  }

  /** Live polls and lookups: small reads that must never wait behind a full fetch. */
  function pollLane(): Lane {
    if (shared) return writerLane();
    const migrated = writerLane().ready;
    poller ??= spawn(false, migrated);
    return poller;
  }

  function bulkLane(): Lane {
    if (shared) return writerLane();
    const migrated = writerLane().ready;
    let best = -1;
    for (let i = 0; i < readers.length; i++) {
      const lane = readers[i];
      if (!lane) {
        readers[i] = spawn(false, migrated, true);
        return readers[i] as Lane;
      }
      if (best < 0 || lane.pending.size < (readers[best] as Lane).pending.size) best = i;
    }
    return readers[best] as Lane;
  }

  async function call<T>(lane: () => Lane, op: string, ...args: unknown[]): Promise<T> {
    if (closed) throw new MetricStoreError('closed', 'the metric store is closed');
    const target = lane();
    await target.ready;
    if (closed) throw new MetricStoreError('closed', 'the metric store is closed');
    const worker = target.worker as Worker;
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      target.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, op, args });
    });
  }

  function toRecord(raw: RawRecord): RunRecord {
    return {
      ...raw,
      status: reportedStatus(
        raw.status,
        raw.heartbeatAt ?? null,
        raw.updatedAt,
        interruptedAfterMs,
      ),
    };
  }

  return {
    async upsertRun(input: RunUpsert): Promise<RunRecord> {
      return toRecord(await call<RawRecord>(writerLane, 'upsertRun', input));
    },

    async setRunStatus(experimentId: string, runId: string, status: RunStatus): Promise<void> {
      await call(writerLane, 'setRunStatus', experimentId, runId, status);
    },

    async heartbeat(experimentId: string, runId: string): Promise<void> {
      await call(writerLane, 'heartbeat', experimentId, runId);
    },

    async getRun(experimentId: string, runId: string): Promise<RunRecord | null> {
      const raw = await call<RawRecord | null>(pollLane, 'getRun', experimentId, runId);
      return raw ? toRecord(raw) : null;
    },

    async appendPoints(
      experimentId: string,
      runId: string,
      points: readonly StoredPoint[],
    ): Promise<void> {
      await call(writerLane, 'appendPoints', experimentId, runId, points);
    },

    async recordRestart(experimentId: string, runId: string, step: number): Promise<void> {
      await call(writerLane, 'recordRestart', experimentId, runId, step);
    },

    async queryPoints(
      experimentId: string,
      runId: string,
      query: PointQuery = {},
    ): Promise<Record<string, MetricSeries>> {
      const found = await call<RawSeries>(bulkLane, 'queryPoints', experimentId, runId, query);
      const out: Record<string, MetricSeries> = Object.create(null);
      for (const [name, columns] of found) {
        const series: MetricSeries = {
          steps: Array.from(columns.steps),
          values: Array.from(columns.values),
        };
        if (columns.times) series.times = Array.from(columns.times);
        out[name] = series;
      }
      return out;
    },

    async readSnapshot(
      experimentId: string,
      runId: string,
      query: SnapshotQuery = {},
    ): Promise<RunSnapshot | null> {
      const poll = query.sinceStep !== undefined && query.sinceStep >= 0 && !query.maxPoints;
      const found = await call<{ run: RawRecord; series: RawSeries } | null>(
        poll ? pollLane : bulkLane,
        'readSnapshot',
        experimentId,
        runId,
        query,
      );
      if (!found) return null;
      const series: Record<string, SeriesColumns> = Object.create(null);
      const totalPoints: Record<string, number> = Object.create(null);
      for (const [name, columns, total] of found.series) {
        series[name] = columns;
        totalPoints[name] = total;
      }
      return { run: toRecord(found.run), series, totalPoints };
    },

    async listRuns(experimentId?: string): Promise<RunRecord[]> {
      const raws = await call<RawRecord[]>(pollLane, 'listRuns', experimentId ?? null);
      return raws.map(toRecord);
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const lanes = [writer, poller, ...readers].filter((lane): lane is Lane => lane !== null);
      await Promise.all(
        lanes.map(async (lane) => {
          await lane.ready.catch(() => {});
          const { worker } = lane;
          if (!worker) return;
          const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
          worker.ref();
          worker.postMessage({ id: -1, op: 'close', args: [] });
          await exited;
        }),
      );
    },
  };
}

interface WorkerFailure {
  kind?: string;
  code?: string;
  message: string;
}

const KINDS = new Set<string>(['run_not_found', 'closed']);

function toError(failure: WorkerFailure): MetricStoreError {
  const kind: MetricStoreErrorKind =
    failure.kind !== undefined && KINDS.has(failure.kind)
      ? (failure.kind as MetricStoreErrorKind)
      : failure.code === 'SQLITE_BUSY' || failure.code === 'SQLITE_LOCKED'
        ? 'store_busy'
        : 'store_failed';
  return new MetricStoreError(kind, failure.message);
}
