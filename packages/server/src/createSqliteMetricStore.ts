import { createRequire } from 'node:module';
import type { RunStatus } from '@trainviz/client';
import type { StepSource } from '@trainviz/parser';
import type BetterSqlite3 from 'better-sqlite3';
import { MetricStoreError } from './MetricStoreError';
import type {
  MetricStore,
  PointQuery,
  RunRecord,
  RunUpsert,
  StoredPoint,
  StoredSeries,
} from './types';

/**
 * Options of {@link createSqliteMetricStore}.
 *
 * @example
 * ```ts
 * createSqliteMetricStore({ filename: './trainviz.db' });
 * ```
 */
export interface SqliteMetricStoreOptions {
  /** Path of the database file, created if missing (`:memory:` for a throwaway one). */
  filename: string;
}

type Database = BetterSqlite3.Database;
type DatabaseConstructor = new (filename: string) => Database;

/** How a value is stored: SQLite turns NaN into NULL, so non-finite values get a kind of their own. */
const FINITE = 0;
const NAN = 1;
const POS_INF = 2;
const NEG_INF = 3;

function valueKind(value: number): number {
  if (Number.isFinite(value)) return FINITE;
  if (Number.isNaN(value)) return NAN;
  return value > 0 ? POS_INF : NEG_INF;
}

function decodeValue(value: number | null, kind: number): number {
  if (kind === NAN) return Number.NaN;
  if (kind === POS_INF) return Number.POSITIVE_INFINITY;
  if (kind === NEG_INF) return Number.NEGATIVE_INFINITY;
  return value ?? Number.NaN;
}

/** Bounds wide enough for any step, so one prepared statement serves every range query. */
const STEP_FLOOR = -Number.MAX_VALUE;
const STEP_CEIL = Number.MAX_VALUE;

function loadDriver(): DatabaseConstructor {
  // Resolved from this package, so the host's own install of the optional peer is found; the
  // CommonJS build gets `import.meta.url` from tsup's shim.
  const load = createRequire(import.meta.url);
  try {
    return load('better-sqlite3') as DatabaseConstructor;
  } catch (cause) {
    throw new MetricStoreError(
      'missing_peer_dependency',
      'createSqliteMetricStore needs the optional peer dependency "better-sqlite3" (^12): run `npm install better-sqlite3`',
      { cause },
    );
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  experiment_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at TEXT,
  updated_at TEXT NOT NULL,
  step_source TEXT,
  last_step REAL,
  PRIMARY KEY (experiment_id, run_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS run_metrics (
  experiment_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  PRIMARY KEY (experiment_id, run_id, metric)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS points (
  experiment_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  step REAL NOT NULL,
  value REAL,
  kind INTEGER NOT NULL DEFAULT 0,
  time REAL,
  PRIMARY KEY (experiment_id, run_id, metric, step)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS restarts (
  experiment_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  step REAL NOT NULL,
  PRIMARY KEY (experiment_id, run_id, seq)
) WITHOUT ROWID;
`;

interface RunRow {
  experiment_id: string;
  run_id: string;
  status: RunStatus;
  started_at: string | null;
  updated_at: string;
  step_source: StepSource | null;
  last_step: number | null;
}

interface PointRow {
  step: number;
  value: number | null;
  kind: number;
  time: number | null;
}

/**
 * A {@link MetricStore} in a SQLite file (better-sqlite3, an optional peer dependency loaded on the
 * first call), so metrics persist after a run and survive a restart of the server. WAL mode, prepared
 * statements, each batch in one transaction; points are keyed
 * `(experiment_id, run_id, metric, step)` so metric, step-range and since-step queries are index
 * seeks, not scans. `NaN` and infinities are stored faithfully.
 *
 * @example
 * ```ts
 * const store = createSqliteMetricStore({ filename: './trainviz.db' });
 * const run = await store.getRun('exp-1', 'sft-7');
 * await store.close();
 * ```
 */
export function createSqliteMetricStore(options: SqliteMetricStoreOptions): MetricStore {
  const Driver = loadDriver();
  const db = new Driver(options.filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  let closed = false;

  const selectRun = db.prepare<[string, string], RunRow>(
    'SELECT * FROM runs WHERE experiment_id = ? AND run_id = ?',
  );
  const selectRuns = db.prepare<[], RunRow>('SELECT * FROM runs ORDER BY experiment_id, run_id');
  const selectRunsOf = db.prepare<[string], RunRow>(
    'SELECT * FROM runs WHERE experiment_id = ? ORDER BY run_id',
  );
  const insertRun = db.prepare(
    `INSERT INTO runs (experiment_id, run_id, status, started_at, updated_at, step_source, last_step)
     VALUES (?, ?, ?, ?, ?, ?, NULL)`,
  );
  const updateRun = db.prepare(
    `UPDATE runs SET status = ?, started_at = ?, step_source = ?, updated_at = ?
     WHERE experiment_id = ? AND run_id = ?`,
  );
  const updateStatus = db.prepare(
    'UPDATE runs SET status = ?, updated_at = ? WHERE experiment_id = ? AND run_id = ?',
  );
  const updateLastStep = db.prepare(
    'UPDATE runs SET last_step = ?, updated_at = ? WHERE experiment_id = ? AND run_id = ?',
  );
  const selectRestarts = db.prepare<[string, string], { step: number }>(
    'SELECT step FROM restarts WHERE experiment_id = ? AND run_id = ? ORDER BY seq',
  );
  const insertRestart = db.prepare(
    `INSERT INTO restarts (experiment_id, run_id, seq, step)
     VALUES (?, ?, (SELECT COUNT(*) FROM restarts WHERE experiment_id = ? AND run_id = ?), ?)`,
  );
  const selectMetrics = db.prepare<[string, string], { metric: string }>(
    'SELECT metric FROM run_metrics WHERE experiment_id = ? AND run_id = ? ORDER BY metric',
  );
  const insertMetric = db.prepare(
    'INSERT OR IGNORE INTO run_metrics (experiment_id, run_id, metric) VALUES (?, ?, ?)',
  );
  const upsertPoint = db.prepare(
    `INSERT OR REPLACE INTO points (experiment_id, run_id, metric, step, value, kind, time)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectPoints = db.prepare<[string, string, string, number, number], PointRow>(
    `SELECT step, value, kind, time FROM points
     WHERE experiment_id = ? AND run_id = ? AND metric = ? AND step >= ? AND step <= ?
     ORDER BY step`,
  );
  const selectPointsAfter = db.prepare<[string, string, string, number, number], PointRow>(
    `SELECT step, value, kind, time FROM points
     WHERE experiment_id = ? AND run_id = ? AND metric = ? AND step > ? AND step <= ?
     ORDER BY step`,
  );
  const deleteFrom = db.prepare(
    'DELETE FROM points WHERE experiment_id = ? AND run_id = ? AND metric = ? AND step >= ?',
  );
  const maxStep = db.prepare<[string, string, string], { step: number | null }>(
    'SELECT MAX(step) AS step FROM points WHERE experiment_id = ? AND run_id = ? AND metric = ?',
  );

  function open(): void {
    if (closed) throw new MetricStoreError('closed', 'the metric store is closed');
  }

  function toRecord(row: RunRow): RunRecord {
    return {
      experimentId: row.experiment_id,
      runId: row.run_id,
      status: row.status,
      startedAt: row.started_at,
      updatedAt: row.updated_at,
      stepSource: row.step_source,
      lastStep: row.last_step,
      restarts: selectRestarts.all(row.experiment_id, row.run_id).map((r) => ({ step: r.step })),
    };
  }

  function requireRun(experimentId: string, runId: string): RunRow {
    open();
    const row = selectRun.get(experimentId, runId);
    if (!row) {
      throw new MetricStoreError(
        'run_not_found',
        `run "${runId}" not found in experiment "${experimentId}"`,
      );
    }
    return row;
  }

  const writePoints = db.transaction(
    (
      experimentId: string,
      runId: string,
      points: readonly StoredPoint[],
      lastStep: number | null,
    ) => {
      const metrics = new Set<string>();
      let top = lastStep;
      for (const p of points) {
        const kind = valueKind(p.value);
        upsertPoint.run(
          experimentId,
          runId,
          p.metric,
          p.step,
          kind === FINITE ? p.value : null,
          kind,
          p.time ?? null,
        );
        metrics.add(p.metric);
        if (top === null || p.step > top) top = p.step;
      }
      for (const metric of metrics) insertMetric.run(experimentId, runId, metric);
      updateLastStep.run(top, new Date().toISOString(), experimentId, runId);
    },
  );

  const restart = db.transaction((experimentId: string, runId: string, step: number) => {
    let top: number | null = null;
    // One seek per metric keeps the delete on the primary key instead of scanning the run.
    for (const { metric } of selectMetrics.all(experimentId, runId)) {
      deleteFrom.run(experimentId, runId, metric, step);
      const max = maxStep.get(experimentId, runId, metric)?.step ?? null;
      if (max !== null && (top === null || max > top)) top = max;
    }
    insertRestart.run(experimentId, runId, experimentId, runId, step);
    updateLastStep.run(top, new Date().toISOString(), experimentId, runId);
  });

  return {
    async upsertRun(input: RunUpsert): Promise<RunRecord> {
      open();
      const now = new Date().toISOString();
      const existing = selectRun.get(input.experimentId, input.runId);
      if (existing) {
        updateRun.run(
          input.status,
          input.startedAt === undefined ? existing.started_at : input.startedAt,
          input.stepSource === undefined ? existing.step_source : input.stepSource,
          now,
          input.experimentId,
          input.runId,
        );
      } else {
        insertRun.run(
          input.experimentId,
          input.runId,
          input.status,
          input.startedAt ?? null,
          now,
          input.stepSource ?? null,
        );
      }
      return toRecord(requireRun(input.experimentId, input.runId));
    },

    async setRunStatus(experimentId: string, runId: string, status: RunStatus): Promise<void> {
      requireRun(experimentId, runId);
      updateStatus.run(status, new Date().toISOString(), experimentId, runId);
    },

    async getRun(experimentId: string, runId: string): Promise<RunRecord | null> {
      open();
      const row = selectRun.get(experimentId, runId);
      return row ? toRecord(row) : null;
    },

    async appendPoints(
      experimentId: string,
      runId: string,
      points: readonly StoredPoint[],
    ): Promise<void> {
      const row = requireRun(experimentId, runId);
      if (points.length === 0) return;
      writePoints(experimentId, runId, points, row.last_step);
    },

    async recordRestart(experimentId: string, runId: string, step: number): Promise<void> {
      requireRun(experimentId, runId);
      restart(experimentId, runId, step);
    },

    async queryPoints(
      experimentId: string,
      runId: string,
      query: PointQuery = {},
    ): Promise<Record<string, StoredSeries>> {
      requireRun(experimentId, runId);
      const known = selectMetrics.all(experimentId, runId).map((r) => r.metric);
      const names = query.metrics ? query.metrics.filter((m) => known.includes(m)) : known;
      const stepMax = query.stepMax ?? STEP_CEIL;
      const exclusive =
        query.sinceStep !== undefined &&
        (query.stepMin === undefined || query.sinceStep >= query.stepMin);
      const out: Record<string, StoredSeries> = Object.create(null);
      for (const name of names) {
        const rows = exclusive
          ? selectPointsAfter.all(experimentId, runId, name, query.sinceStep as number, stepMax)
          : selectPoints.all(experimentId, runId, name, query.stepMin ?? STEP_FLOOR, stepMax);
        const steps: number[] = new Array(rows.length);
        const values: number[] = new Array(rows.length);
        const times: number[] = new Array(rows.length);
        let timed = rows.length > 0;
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i] as PointRow;
          steps[i] = row.step;
          values[i] = decodeValue(row.value, row.kind);
          if (row.time === null) timed = false;
          else times[i] = row.time;
        }
        out[name] = timed ? { steps, values, times } : { steps, values };
      }
      return out;
    },

    async listRuns(experimentId?: string): Promise<RunRecord[]> {
      open();
      const rows = experimentId === undefined ? selectRuns.all() : selectRunsOf.all(experimentId);
      return rows.map(toRecord);
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
