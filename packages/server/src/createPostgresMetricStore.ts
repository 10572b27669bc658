import { createRequire } from 'node:module';
import type { MetricSeries, RunStatus } from '@trainviz/client';
import type { StepSource } from '@trainviz/parser';
import { MetricStoreError } from './MetricStoreError';
import { DEFAULT_INTERRUPTED_AFTER_MS, reportedStatus } from './runLiveness';
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

/**
 * The part of a node-postgres client the store uses (a `pg.PoolClient`).
 *
 * @example
 * ```ts
 * const client: PostgresClient = await pool.connect();
 * ```
 */
export interface PostgresClient {
  query(
    text: string | { text: string; values?: unknown[]; rowMode?: 'array' },
    values?: unknown[],
  ): Promise<{ rows: unknown[]; rowCount: number | null }>;
  release(error?: Error | boolean): void;
}

/**
 * The part of a node-postgres `pg.Pool` the store uses, so any compatible pool can be passed.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const pool: PostgresPool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
 * ```
 */
export interface PostgresPool {
  connect(): Promise<PostgresClient>;
  end(): Promise<void>;
}

/**
 * Options of {@link createPostgresMetricStore}: a pool you own, or a connection string for a pool
 * the store creates (and ends in `close()`).
 *
 * @example
 * ```ts
 * createPostgresMetricStore({ connectionString: 'postgres://trainviz@db/metrics' });
 * ```
 */
export interface PostgresMetricStoreOptions {
  /**
   * A node-postgres `Pool` (or compatible); `close()` leaves it open.
   * @defaultValue undefined
   */
  pool?: PostgresPool;
  /**
   * Where to connect when no `pool` is given; the store creates a `pg.Pool` on its first call.
   * @defaultValue undefined
   */
  connectionString?: string;
  /**
   * Connections of the pool the store creates.
   * @defaultValue 10
   */
  maxConnections?: number;
  /**
   * A `running` run whose capture sent no heartbeat or write for this long is reported
   * `interrupted`; `Infinity` turns this off.
   * @defaultValue 30000
   */
  interruptedAfterMs?: number;
}

/**
 * Versioned migrations, applied in order under an advisory lock (several processes may start at
 * once); each version is recorded in `trainviz_schema_migrations`. Append, never edit.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE trainviz_runs (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     experiment_id text COLLATE "C" NOT NULL,
     run_id text COLLATE "C" NOT NULL,
     status text NOT NULL,
     started_at timestamptz,
     updated_at timestamptz NOT NULL,
     heartbeat_at timestamptz,
     step_source text,
     last_step bigint,
     UNIQUE (experiment_id, run_id)
   );
   CREATE TABLE trainviz_series (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     run_pk bigint NOT NULL REFERENCES trainviz_runs (id) ON DELETE CASCADE,
     metric text COLLATE "C" NOT NULL,
     UNIQUE (run_pk, metric)
   );
   CREATE TABLE trainviz_points (
     series_id bigint NOT NULL REFERENCES trainviz_series (id) ON DELETE CASCADE,
     step bigint NOT NULL,
     value double precision NOT NULL,
     time double precision,
     PRIMARY KEY (series_id, step) INCLUDE (value, time)
   );
   CREATE TABLE trainviz_restarts (
     run_pk bigint NOT NULL REFERENCES trainviz_runs (id) ON DELETE CASCADE,
     seq integer NOT NULL,
     step bigint NOT NULL,
     PRIMARY KEY (run_pk, seq)
   );`,
];

type Row = Record<string, unknown>;

interface RunRow {
  id: string;
  experiment_id: string;
  run_id: string;
  status: RunStatus;
  started_at: Date | null;
  updated_at: Date;
  heartbeat_at: Date | null;
  step_source: StepSource | null;
  last_step: number | null;
  restarts: number[] | null;
}

const RUN_COLUMNS = `r.id, r.experiment_id, r.run_id, r.status, r.started_at, r.updated_at,
  r.heartbeat_at, r.step_source, r.last_step::float8 AS last_step,
  (SELECT array_agg(x.step::float8 ORDER BY x.seq) FROM trainviz_restarts x WHERE x.run_pk = r.id) AS restarts`;

function loadPool(connectionString: string, max: number): PostgresPool {
  const load = createRequire(import.meta.url);
  let pg: { Pool: new (config: object) => PostgresPool };
  try {
    pg = load('pg') as typeof pg;
  } catch (cause) {
    throw new MetricStoreError(
      'missing_peer_dependency',
      'createPostgresMetricStore needs the optional peer dependency "pg" (^8): run `npm install pg`',
      { cause },
    );
  }
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection that dies (server restart) must not crash the process.
  (pool as unknown as { on?: (event: string, fn: () => void) => void }).on?.('error', () => {});
  return pool;
}

/**
 * A {@link MetricStore} in PostgreSQL (node-postgres, an optional peer dependency), for
 * platforms whose captures and servers run on many machines.
 *
 * Runs, series and points live in `trainviz_*` tables created by versioned migrations on first
 * use. A point row is `(series_id, step, value, time)` keyed `(series_id, step) INCLUDE (value,
 * time)`, so a `since_step` poll is an index-only range scan; each batch of points is one
 * `INSERT ... SELECT FROM unnest(...)` statement, in one transaction with the run's `last_step`.
 * Each `readSnapshot` runs in one `REPEATABLE READ` transaction, and `maxPoints` is applied in
 * SQL (`DISTINCT ON` the minimum and the maximum of each step bucket). `NaN` and infinities are
 * stored as they are (`double precision`). Nothing connects until the first call. See
 * docs/scaling.md for what 10k runs and a billion points need.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const store = createPostgresMetricStore({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });
 * export const GET = createMetricsHandler({ store });
 * ```
 */
export function createPostgresMetricStore(options: PostgresMetricStoreOptions): MetricStore {
  if (!options.pool && !options.connectionString) {
    throw new TypeError('createPostgresMetricStore needs a pool or a connectionString');
  }
  const interruptedAfterMs = options.interruptedAfterMs ?? DEFAULT_INTERRUPTED_AFTER_MS;
  const ownsPool = !options.pool;
  let pool: PostgresPool | null = options.pool ?? null;
  let migrated: Promise<void> | null = null;
  let closed = false;
  /** `run_pk/metric` to series id: series are never renamed, only deleted with their run. */
  const seriesIds = new Map<string, string>();
  /** `experiment_id\0run_id` to the run's key: runs are never deleted by the store. */
  const runPks = new Map<string, string>();

  function open(): PostgresPool {
    if (closed) throw new MetricStoreError('closed', 'the metric store is closed');
    pool ??= loadPool(options.connectionString as string, options.maxConnections ?? 10);
    return pool;
  }

  async function migrate(client: PostgresClient): Promise<void> {
    await client.query('BEGIN');
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('trainviz_schema_migrations'))");
      await client.query(
        `CREATE TABLE IF NOT EXISTS trainviz_schema_migrations (
           version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query(
        'SELECT coalesce(max(version), 0) AS version FROM trainviz_schema_migrations',
      );
      const version = Number((rows[0] as Row).version);
      if (version > MIGRATIONS.length) {
        throw new MetricStoreError(
          'store_failed',
          `the database has trainviz schema version ${version}; this @trainviz/server knows up to ${MIGRATIONS.length}: upgrade it`,
        );
      }
      for (let v = version; v < MIGRATIONS.length; v++) {
        await client.query(MIGRATIONS[v] as string);
        await client.query('INSERT INTO trainviz_schema_migrations (version) VALUES ($1)', [v + 1]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  /** Runs `fn` with a pooled connection, after the migrations; wraps driver errors. */
  async function withClient<T>(fn: (client: PostgresClient) => Promise<T>): Promise<T> {
    const target = open();
    let client: PostgresClient;
    try {
      client = await target.connect();
    } catch (cause) {
      throw new MetricStoreError('store_failed', 'could not connect to PostgreSQL', { cause });
    }
    let broken: Error | undefined;
    try {
      if (!migrated) {
        migrated = migrate(client);
        migrated.catch(() => {
          migrated = null;
        });
      }
      await migrated;
      return await fn(client);
    } catch (error) {
      if (error instanceof MetricStoreError) throw error;
      const code = (error as { code?: string }).code;
      // Connection-level failures: do not hand this connection to the next caller.
      if (code === undefined || code.startsWith('08') || code === '57P01') broken = error as Error;
      throw new MetricStoreError(
        code === '40P01' || code === '55P03' ? 'store_busy' : 'store_failed',
        `PostgreSQL failed: ${(error as Error).message}`,
        { cause: error },
      );
    } finally {
      client.release(broken);
    }
  }

  async function transaction<T>(
    client: PostgresClient,
    begin: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    await client.query(begin);
    try {
      const result = await fn();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  function toRecord(row: RunRow): RunRecord {
    const updatedAt = row.updated_at.toISOString();
    const heartbeatAt = row.heartbeat_at ? row.heartbeat_at.toISOString() : null;
    return {
      experimentId: row.experiment_id,
      runId: row.run_id,
      status: reportedStatus(row.status, heartbeatAt, updatedAt, interruptedAfterMs),
      startedAt: row.started_at ? row.started_at.toISOString() : null,
      updatedAt,
      stepSource: row.step_source,
      lastStep: row.last_step,
      restarts: (row.restarts ?? []).map((step) => ({ step })),
      heartbeatAt,
    };
  }

  async function findRun(
    client: PostgresClient,
    experimentId: string,
    runId: string,
    lock = false,
  ): Promise<RunRow | null> {
    const { rows } = await client.query(
      `SELECT ${RUN_COLUMNS} FROM trainviz_runs r WHERE r.experiment_id = $1 AND r.run_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [experimentId, runId],
    );
    return (rows[0] as RunRow | undefined) ?? null;
  }

  async function requireRun(
    client: PostgresClient,
    experimentId: string,
    runId: string,
    lock = false,
  ): Promise<RunRow> {
    const row = await findRun(client, experimentId, runId, lock);
    if (!row) {
      throw new MetricStoreError(
        'run_not_found',
        `run "${runId}" not found in experiment "${experimentId}"`,
      );
    }
    return row;
  }

  async function seriesOf(
    client: PostgresClient,
    runPk: string,
    metrics: readonly string[] | undefined,
  ): Promise<{ id: string; metric: string }[]> {
    const { rows } =
      metrics === undefined
        ? await client.query(
            'SELECT id::text AS id, metric FROM trainviz_series WHERE run_pk = $1 ORDER BY metric',
            [runPk],
          )
        : await client.query(
            'SELECT id::text AS id, metric FROM trainviz_series WHERE run_pk = $1 AND metric = ANY($2::text[])',
            [runPk, metrics],
          );
    const found = rows as { id: string; metric: string }[];
    if (metrics === undefined) return found;
    // In the order asked for, each once.
    const byName = new Map(found.map((s) => [s.metric, s]));
    const out: { id: string; metric: string }[] = [];
    for (const name of new Set(metrics)) {
      const series = byName.get(name);
      if (series) out.push(series);
    }
    return out;
  }

  function toColumns(rows: unknown[][]): SeriesColumns {
    const n = rows.length;
    const steps = new Float64Array(n);
    const values = new Float64Array(n);
    const times = new Float64Array(n);
    let timed = n > 0;
    for (let i = 0; i < n; i++) {
      const row = rows[i] as [number, number, number | null];
      steps[i] = row[0];
      values[i] = row[1];
      if (row[2] === null) timed = false;
      else times[i] = row[2];
    }
    return timed ? { steps, values, times } : { steps, values };
  }

  /** The points of one series in the query's range, downsampled in SQL when `maxPoints` asks. */
  async function readSeries(
    client: PostgresClient,
    seriesId: string,
    query: SnapshotQuery,
  ): Promise<{ columns: SeriesColumns; total: number }> {
    const exclusive =
      query.sinceStep !== undefined &&
      (query.stepMin === undefined || query.sinceStep >= query.stepMin);
    const lower = exclusive ? 'step > $2' : 'step >= $2';
    const from = exclusive ? (query.sinceStep as number) : (query.stepMin ?? -1);
    const to = query.stepMax ?? Number.MAX_SAFE_INTEGER;
    const range = `series_id = $1 AND ${lower} AND step <= $3`;
    if (query.maxPoints !== undefined) {
      const { rows } = await client.query({
        text: `SELECT min(step)::float8, max(step)::float8, count(*)::float8 FROM trainviz_points WHERE ${range}`,
        values: [seriesId, from, to],
        rowMode: 'array',
      });
      const [lo, hi, total] = rows[0] as [number | null, number | null, number];
      if (lo !== null && hi !== null && total > query.maxPoints) {
        // Two points (min, max) per bucket plus both ends stay within maxPoints. NaN ranks
        // highest in PostgreSQL; it is mapped to -Infinity for the minimum so a NaN wins both.
        const buckets = Math.max(1, Math.floor((query.maxPoints - 2) / 2));
        const kept = await client.query({
          text: `WITH r AS (
                   SELECT step, value, time, (step - $2) * $4 / ($3 - $2 + 1) AS b
                   FROM trainviz_points WHERE series_id = $1 AND step >= $2 AND step <= $3
                 )
                 SELECT step::float8, value, time FROM (
                   (SELECT DISTINCT ON (b) step, value, time FROM r
                     ORDER BY b, CASE WHEN value = 'NaN' THEN '-Infinity'::float8 ELSE value END, step)
                   UNION
                   (SELECT DISTINCT ON (b) step, value, time FROM r ORDER BY b, value DESC, step)
                   UNION
                   (SELECT step, value, time FROM r WHERE step = $2 OR step = $3)
                 ) k ORDER BY step`,
          values: [seriesId, lo, hi, buckets],
          rowMode: 'array',
        });
        return { columns: toColumns(kept.rows as unknown[][]), total };
      }
    }
    const { rows } = await client.query({
      text: `SELECT step::float8, value, time FROM trainviz_points WHERE ${range} ORDER BY step`,
      values: [seriesId, from, to],
      rowMode: 'array',
    });
    return { columns: toColumns(rows as unknown[][]), total: rows.length };
  }

  async function ensureSeries(
    client: PostgresClient,
    runPk: string,
    metrics: string[],
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const missing: string[] = [];
    for (const metric of metrics) {
      const id = seriesIds.get(`${runPk}/${metric}`);
      if (id) ids.set(metric, id);
      else missing.push(metric);
    }
    if (missing.length > 0) {
      await client.query(
        `INSERT INTO trainviz_series (run_pk, metric) SELECT $1, unnest($2::text[])
         ON CONFLICT (run_pk, metric) DO NOTHING`,
        [runPk, missing],
      );
      for (const series of await seriesOf(client, runPk, missing)) {
        ids.set(series.metric, series.id);
        seriesIds.set(`${runPk}/${series.metric}`, series.id);
      }
    }
    return ids;
  }

  /**
   * A snapshot without downsampling in one statement (one round trip; a statement sees one
   * state of the database): the run as the first row, then every point of the requested series
   * in the range, each series' points an index-only range scan.
   */
  async function readWhole(
    client: PostgresClient,
    experimentId: string,
    runId: string,
    query: SnapshotQuery,
  ): Promise<RunSnapshot | null> {
    const exclusive =
      query.sinceStep !== undefined &&
      (query.stepMin === undefined || query.sinceStep >= query.stepMin);
    // Steps are integers: `step > n` is `step >= n + 1`, one plain index range condition.
    const from = exclusive ? (query.sinceStep as number) + 1 : (query.stepMin ?? 0);
    const { rows } = await client.query({
      text: `WITH run AS (
               SELECT ${RUN_COLUMNS} FROM trainviz_runs r
               WHERE r.experiment_id = $1 AND r.run_id = $2
             )
             SELECT 0 AS part, NULL::text AS metric, NULL::float8 AS step, NULL::float8 AS value,
               NULL::float8 AS time, row_to_json(run)::text AS run
             FROM run
             UNION ALL
             (SELECT 1, s.metric, p.step::float8, p.value, p.time, NULL
              FROM trainviz_series s LEFT JOIN LATERAL (
                SELECT step, value, time FROM trainviz_points
                WHERE series_id = s.id AND step >= $3 AND step <= $4
              ) p ON true
              WHERE s.run_pk = (SELECT id FROM run) AND ($5::text[] IS NULL OR s.metric = ANY($5))
              ORDER BY s.metric, p.step)`,
      values: [
        experimentId,
        runId,
        from,
        query.stepMax ?? Number.MAX_SAFE_INTEGER,
        query.metrics ?? null,
      ],
      rowMode: 'array',
    });
    const first = (rows as unknown[][]).find((row) => row[0] === 0);
    if (!first) return null;
    const raw = JSON.parse(first[5] as string) as Omit<
      RunRow,
      'started_at' | 'updated_at' | 'heartbeat_at'
    > & { started_at: string | null; updated_at: string; heartbeat_at: string | null };
    const run: RunRow = {
      ...raw,
      started_at: raw.started_at === null ? null : new Date(raw.started_at),
      updated_at: new Date(raw.updated_at),
      heartbeat_at: raw.heartbeat_at === null ? null : new Date(raw.heartbeat_at),
    };
    const grouped = new Map<string, unknown[][]>();
    for (const item of rows) {
      const row = item as [number, string, number | null, number, number | null];
      if (row[0] === 0) continue;
      let list = grouped.get(row[1]);
      if (!list) {
        list = [];
        grouped.set(row[1], list);
      }
      if (row[2] !== null) list.push([row[2], row[3], row[4]]);
    }
    const names = query.metrics ? [...new Set(query.metrics)] : [...grouped.keys()];
    const series: Record<string, SeriesColumns> = Object.create(null);
    const totalPoints: Record<string, number> = Object.create(null);
    for (const name of names) {
      const list = grouped.get(name);
      if (!list) continue;
      series[name] = toColumns(list);
      totalPoints[name] = list.length;
    }
    return { run: toRecord(run), series, totalPoints };
  }

  return {
    upsertRun(input: RunUpsert): Promise<RunRecord> {
      return withClient(async (client) => {
        const now = new Date();
        const { rows } = await client.query(
          `INSERT INTO trainviz_runs AS r
             (experiment_id, run_id, status, started_at, updated_at, heartbeat_at, step_source)
           VALUES ($1, $2, $3, $4, $5, CASE WHEN $3 = 'running' THEN $5::timestamptz END, $6)
           ON CONFLICT (experiment_id, run_id) DO UPDATE SET
             status = EXCLUDED.status,
             started_at = CASE WHEN $7 THEN EXCLUDED.started_at ELSE r.started_at END,
             step_source = CASE WHEN $8 THEN EXCLUDED.step_source ELSE r.step_source END,
             updated_at = EXCLUDED.updated_at,
             heartbeat_at = CASE WHEN EXCLUDED.status = 'running' THEN EXCLUDED.updated_at
                            ELSE r.heartbeat_at END
           RETURNING id`,
          [
            input.experimentId,
            input.runId,
            input.status,
            input.startedAt ?? null,
            now,
            input.stepSource ?? null,
            input.startedAt !== undefined,
            input.stepSource !== undefined,
          ],
        );
        if (rows.length === 0) throw new Error('upsert returned no row');
        return toRecord(await requireRun(client, input.experimentId, input.runId));
      });
    },

    setRunStatus(experimentId: string, runId: string, status: RunStatus): Promise<void> {
      return withClient(async (client) => {
        const { rowCount } = await client.query(
          'UPDATE trainviz_runs SET status = $3, updated_at = $4 WHERE experiment_id = $1 AND run_id = $2',
          [experimentId, runId, status, new Date()],
        );
        if (!rowCount) await requireRun(client, experimentId, runId);
      });
    },

    heartbeat(experimentId: string, runId: string): Promise<void> {
      return withClient(async (client) => {
        const { rowCount } = await client.query(
          'UPDATE trainviz_runs SET heartbeat_at = $3 WHERE experiment_id = $1 AND run_id = $2',
          [experimentId, runId, new Date()],
        );
        if (!rowCount) await requireRun(client, experimentId, runId);
      });
    },

    getRun(experimentId: string, runId: string): Promise<RunRecord | null> {
      return withClient(async (client) => {
        const row = await findRun(client, experimentId, runId);
        return row ? toRecord(row) : null;
      });
    },

    appendPoints(
      experimentId: string,
      runId: string,
      points: readonly StoredPoint[],
    ): Promise<void> {
      return withClient(async (client) => {
        const key = `${experimentId}\u0000${runId}`;
        let runPk = runPks.get(key);
        if (runPk === undefined) {
          runPk = (await requireRun(client, experimentId, runId)).id;
          runPks.set(key, runPk);
        }
        if (points.length === 0) return;
        const ids = await ensureSeries(client, runPk, [...new Set(points.map((p) => p.metric))]);
        // Last write wins within a batch too: ON CONFLICT may touch a row only once.
        const latest = new Map<string, StoredPoint>();
        for (const point of points) latest.set(`${point.metric}\u0000${point.step}`, point);
        const series: string[] = [];
        const steps: number[] = [];
        const values: number[] = [];
        const times: (number | null)[] = [];
        let top = Number.NEGATIVE_INFINITY;
        for (const point of latest.values()) {
          series.push(ids.get(point.metric) as string);
          steps.push(point.step);
          values.push(point.value);
          times.push(point.time ?? null);
          if (point.step > top) top = point.step;
        }
        // One statement, so one round trip and one transaction: the run row (locked by the
        // UPDATE, which orders concurrent writers of a run) and every point of the batch.
        const { rows } = await client.query(
          `WITH run AS (
             UPDATE trainviz_runs
             SET last_step = greatest(coalesce(last_step, $2), $2), updated_at = $3, heartbeat_at = $3
             WHERE id = $1 RETURNING id
           ), written AS (
             INSERT INTO trainviz_points (series_id, step, value, time)
             SELECT * FROM unnest($4::bigint[], $5::bigint[], $6::float8[], $7::float8[])
             WHERE EXISTS (SELECT 1 FROM run)
             ON CONFLICT (series_id, step) DO UPDATE SET value = EXCLUDED.value, time = EXCLUDED.time
           )
           SELECT count(*)::int AS n FROM run`,
          [runPk, top, new Date(), series, steps, values, times],
        );
        if ((rows[0] as { n: number }).n === 0) {
          runPks.delete(key);
          throw new MetricStoreError(
            'run_not_found',
            `run "${runId}" not found in experiment "${experimentId}"`,
          );
        }
      });
    },

    recordRestart(experimentId: string, runId: string, step: number): Promise<void> {
      return withClient((client) =>
        transaction(client, 'BEGIN', async () => {
          const run = await requireRun(client, experimentId, runId, true);
          await client.query(
            `DELETE FROM trainviz_points p USING trainviz_series s
             WHERE s.run_pk = $1 AND p.series_id = s.id AND p.step >= $2`,
            [run.id, step],
          );
          await client.query(
            `INSERT INTO trainviz_restarts (run_pk, seq, step)
             VALUES ($1, (SELECT count(*) FROM trainviz_restarts WHERE run_pk = $1), $2)`,
            [run.id, step],
          );
          // One index seek per series for its last step.
          await client.query(
            `UPDATE trainviz_runs SET updated_at = $2, heartbeat_at = $2, last_step = (
               SELECT max(last.step) FROM trainviz_series s CROSS JOIN LATERAL (
                 SELECT step FROM trainviz_points p WHERE p.series_id = s.id
                 ORDER BY step DESC LIMIT 1) last
               WHERE s.run_pk = $1)
             WHERE id = $1`,
            [run.id, new Date()],
          );
        }),
      );
    },

    queryPoints(
      experimentId: string,
      runId: string,
      query: PointQuery = {},
    ): Promise<Record<string, MetricSeries>> {
      return withClient((client) =>
        transaction(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async () => {
          const run = await requireRun(client, experimentId, runId);
          const out: Record<string, MetricSeries> = Object.create(null);
          for (const series of await seriesOf(client, run.id, query.metrics)) {
            const { columns } = await readSeries(client, series.id, {
              ...(query.stepMin !== undefined && { stepMin: query.stepMin }),
              ...(query.stepMax !== undefined && { stepMax: query.stepMax }),
              ...(query.sinceStep !== undefined && { sinceStep: query.sinceStep }),
            });
            const stored: MetricSeries = {
              steps: Array.from(columns.steps),
              values: Array.from(columns.values),
            };
            if (columns.times) stored.times = Array.from(columns.times);
            out[series.metric] = stored;
          }
          return out;
        }),
      );
    },

    readSnapshot(
      experimentId: string,
      runId: string,
      query: SnapshotQuery = {},
    ): Promise<RunSnapshot | null> {
      if (query.maxPoints === undefined) {
        return withClient((client) => readWhole(client, experimentId, runId, query));
      }
      return withClient((client) =>
        transaction(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async () => {
          const run = await findRun(client, experimentId, runId);
          if (!run) return null;
          const series: Record<string, SeriesColumns> = Object.create(null);
          const totalPoints: Record<string, number> = Object.create(null);
          for (const found of await seriesOf(client, run.id, query.metrics)) {
            const { columns, total } = await readSeries(client, found.id, query);
            series[found.metric] = columns;
            totalPoints[found.metric] = total;
          }
          return { run: toRecord(run), series, totalPoints };
        }),
      );
    },

    listRuns(experimentId?: string): Promise<RunRecord[]> {
      return withClient(async (client) => {
        const { rows } =
          experimentId === undefined
            ? await client.query(
                `SELECT ${RUN_COLUMNS} FROM trainviz_runs r ORDER BY r.experiment_id, r.run_id`,
              )
            : await client.query(
                `SELECT ${RUN_COLUMNS} FROM trainviz_runs r WHERE r.experiment_id = $1 ORDER BY r.run_id`,
                [experimentId],
              );
        return (rows as RunRow[]).map(toRecord);
      });
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (ownsPool && pool) await pool.end();
    },
  };
}
