import type { encodeRunMetrics } from '@trainviz/client';
import type { wireSeriesJson } from './wireSeriesJson';

/**
 * The body of a SQLite worker thread, run as an `eval` worker from its source text
 * (`sqliteWorkerMain.toString()`): bundlers that copy the package into a server build (Next.js)
 * have no worker file to lose, and the driver is loaded by the absolute path the main thread
 * resolved. It must therefore use nothing but the eval worker's global `require` and its own
 * locals.
 *
 * One connection per worker. The writer applies the schema migrations and every write; readers
 * run each snapshot in one read transaction (WAL: a consistent view while the writer goes on).
 * Series travel back as Float64Array columns whose buffers are transferred, not copied; a long
 * one asked for with `encodeJson` also as its wire JSON, made here by `wireJson` (the source of
 * `wireSeriesJson`) with the `encodeRunMetrics` of `@trainviz/client`, loaded from the path the
 * main thread resolved.
 */
export function sqliteWorkerMain(wireJson: typeof wireSeriesJson): void {
  interface Statement {
    run(...args: unknown[]): unknown;
    get(...args: unknown[]): Record<string, unknown> | undefined;
    all(...args: unknown[]): Record<string, unknown>[];
    raw(): { all(...args: unknown[]): PointRow[] };
  }
  /** `step, value, kind, time`: rows as arrays, cheaper to read than objects. */
  type PointRow = [number, number | null, number, number | null];
  interface Connection {
    prepare(sql: string): Statement;
    exec(sql: string): void;
    pragma(sql: string, options?: { simple: boolean }): unknown;
    transaction<A extends unknown[], R>(
      fn: (...args: A) => R,
    ): ((...args: A) => R) & { immediate: (...args: A) => R };
    close(): void;
  }
  interface RunRow {
    experiment_id: string;
    run_id: string;
    status: string;
    started_at: string | null;
    updated_at: string;
    step_source: string | null;
    last_step: number | null;
    heartbeat_at: string | null;
  }
  interface Query {
    encodeJson?: boolean;
    metrics?: string[];
    stepMin?: number;
    stepMax?: number;
    sinceStep?: number;
    maxPoints?: number;
  }
  interface Columns {
    steps: Float64Array;
    values: Float64Array;
    times?: Float64Array;
    json?: Uint8Array;
  }

  // `globalThis.require`, not `require`: a bundler would rewrite the bare name into its own
  // shim, which does not exist in the worker. An eval worker has Node's require as a global.
  const load = (globalThis as unknown as { require: (id: string) => unknown }).require;
  const { parentPort, workerData } = load('node:worker_threads') as {
    parentPort: {
      on(
        event: 'message',
        fn: (message: { id: number; op: string; args: unknown[] }) => void,
      ): void;
      postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
    };
    workerData: {
      driverPath: string;
      clientPath: string | null;
      filename: string;
      writer: boolean;
      background: boolean;
      busyTimeoutMs: number;
    };
  };
  const Driver = load(workerData.driverPath) as new (
    filename: string,
    options: { timeout: number },
  ) => Connection;
  const db = new Driver(workerData.filename, { timeout: workerData.busyTimeoutMs });
  const client = workerData.clientPath
    ? (load(workerData.clientPath) as { encodeRunMetrics: typeof encodeRunMetrics })
    : null;

  // Values: SQLite turns NaN into NULL, so non-finite values get a kind of their own.
  const FINITE = 0;
  const NAN = 1;
  const POS_INF = 2;
  const NEG_INF = 3;
  const STEP_FLOOR = -Number.MAX_VALUE;
  const STEP_CEIL = Number.MAX_VALUE;
  const SCHEMA_VERSION = 2;

  function migrate(): void {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `the database has schema version ${version}; this @trainviz/server knows up to ${SCHEMA_VERSION}: upgrade it`,
      );
    }
    const steps: (() => void)[] = [
      // 1: the 0.1.0 schema (tables may already exist in a database created before versioning).
      () =>
        db.exec(`
          CREATE TABLE IF NOT EXISTS runs (
            experiment_id TEXT NOT NULL, run_id TEXT NOT NULL, status TEXT NOT NULL,
            started_at TEXT, updated_at TEXT NOT NULL, step_source TEXT, last_step REAL,
            PRIMARY KEY (experiment_id, run_id)
          ) WITHOUT ROWID;
          CREATE TABLE IF NOT EXISTS run_metrics (
            experiment_id TEXT NOT NULL, run_id TEXT NOT NULL, metric TEXT NOT NULL,
            PRIMARY KEY (experiment_id, run_id, metric)
          ) WITHOUT ROWID;
          CREATE TABLE IF NOT EXISTS points (
            experiment_id TEXT NOT NULL, run_id TEXT NOT NULL, metric TEXT NOT NULL,
            step REAL NOT NULL, value REAL, kind INTEGER NOT NULL DEFAULT 0, time REAL,
            PRIMARY KEY (experiment_id, run_id, metric, step)
          ) WITHOUT ROWID;
          CREATE TABLE IF NOT EXISTS restarts (
            experiment_id TEXT NOT NULL, run_id TEXT NOT NULL, seq INTEGER NOT NULL,
            step REAL NOT NULL,
            PRIMARY KEY (experiment_id, run_id, seq)
          ) WITHOUT ROWID;`),
      // 2: liveness of the capture.
      () => {
        const columns = db.prepare('PRAGMA table_info(runs)').all();
        if (!columns.some((c) => c.name === 'heartbeat_at')) {
          db.exec('ALTER TABLE runs ADD COLUMN heartbeat_at TEXT');
        }
      },
    ];
    db.transaction(() => {
      for (let v = version; v < SCHEMA_VERSION; v++) (steps[v] as () => void)();
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }

  if (workerData.writer) migrate();
  // Full reads are throughput work: their threads take the lowest CPU priority, so on a busy
  // machine the event loop and the poll lane get the cores first and polls stay fast. Linux
  // applies a priority to a single thread when given its id (read from /proc); elsewhere, or
  // where it is refused, the thread keeps the default priority.
  if (workerData.background) {
    try {
      const { readlinkSync } = load('node:fs') as { readlinkSync(path: string): string };
      const { setPriority } = load('node:os') as {
        setPriority(pid: number, priority: number): void;
      };
      const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
      if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, 19);
    } catch {}
  }

  const KEY = 'experiment_id = ? AND run_id = ?';
  const s = {
    run: db.prepare(`SELECT * FROM runs WHERE ${KEY}`),
    runs: db.prepare('SELECT * FROM runs ORDER BY experiment_id, run_id'),
    runsOf: db.prepare('SELECT * FROM runs WHERE experiment_id = ? ORDER BY run_id'),
    insertRun: db.prepare(
      `INSERT INTO runs (experiment_id, run_id, status, started_at, updated_at, step_source, last_step, heartbeat_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
    ),
    updateRun: db.prepare(
      `UPDATE runs SET status = ?, started_at = ?, step_source = ?, updated_at = ?,
       heartbeat_at = CASE WHEN ? = 'running' THEN ? ELSE heartbeat_at END WHERE ${KEY}`,
    ),
    updateStatus: db.prepare(`UPDATE runs SET status = ?, updated_at = ? WHERE ${KEY}`),
    heartbeat: db.prepare(`UPDATE runs SET heartbeat_at = ? WHERE ${KEY}`),
    lastStep: db.prepare(
      `UPDATE runs SET last_step = ?, updated_at = ?, heartbeat_at = ? WHERE ${KEY}`,
    ),
    restarts: db.prepare(`SELECT step FROM restarts WHERE ${KEY} ORDER BY seq`),
    insertRestart: db.prepare(
      `INSERT INTO restarts (experiment_id, run_id, seq, step)
       VALUES (?, ?, (SELECT COUNT(*) FROM restarts WHERE ${KEY}), ?)`,
    ),
    metrics: db.prepare(`SELECT metric FROM run_metrics WHERE ${KEY} ORDER BY metric`),
    insertMetric: db.prepare(
      'INSERT OR IGNORE INTO run_metrics (experiment_id, run_id, metric) VALUES (?, ?, ?)',
    ),
    upsertPoint: db.prepare(
      `INSERT OR REPLACE INTO points (experiment_id, run_id, metric, step, value, kind, time)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    pointsFrom: db
      .prepare(
        `SELECT step, value, kind, time FROM points
         WHERE ${KEY} AND metric = ? AND step >= ? AND step <= ? ORDER BY step`,
      )
      .raw(),
    pointsAfter: db
      .prepare(
        `SELECT step, value, kind, time FROM points
         WHERE ${KEY} AND metric = ? AND step > ? AND step <= ? ORDER BY step`,
      )
      .raw(),
    firstFrom: db.prepare(
      `SELECT step FROM points WHERE ${KEY} AND metric = ? AND step >= ? AND step <= ?
       ORDER BY step LIMIT 1`,
    ),
    firstAfter: db.prepare(
      `SELECT step FROM points WHERE ${KEY} AND metric = ? AND step > ? AND step <= ?
       ORDER BY step LIMIT 1`,
    ),
    last: db.prepare(
      `SELECT step FROM points WHERE ${KEY} AND metric = ? AND step >= ? AND step <= ?
       ORDER BY step DESC LIMIT 1`,
    ),
    // The minimum and the maximum of one step bucket, each an index range seek with no sort.
    // With a single min() or max() in the query SQLite takes the bare columns from the row
    // holding it. NaN and the infinities rank as extremes, so a divergence is never averaged
    // away.
    bucketMin: db.prepare(
      `SELECT step, value, kind, time, COUNT(*) AS n,
         MIN(CASE kind WHEN 0 THEN value WHEN 2 THEN 1e999 ELSE -1e999 END)
       FROM points WHERE ${KEY} AND metric = ? AND step >= ? AND step < ?`,
    ),
    bucketMax: db.prepare(
      `SELECT step, value, kind, time,
         MAX(CASE kind WHEN 0 THEN value WHEN 3 THEN -1e999 ELSE 1e999 END)
       FROM points WHERE ${KEY} AND metric = ? AND step >= ? AND step < ?`,
    ),
    point: db.prepare(
      `SELECT step, value, kind, time FROM points WHERE ${KEY} AND metric = ? AND step = ?`,
    ),
    deleteFrom: db.prepare(`DELETE FROM points WHERE ${KEY} AND metric = ? AND step >= ?`),
    maxStep: db.prepare(`SELECT MAX(step) AS step FROM points WHERE ${KEY} AND metric = ?`),
    begin: db.prepare('BEGIN'),
    commit: db.prepare('COMMIT'),
  };

  function storeError(kind: string, message: string): Error {
    return Object.assign(new Error(message), { kind });
  }

  function requireRun(e: string, r: string): RunRow {
    const row = s.run.get(e, r) as RunRow | undefined;
    if (!row) throw storeError('run_not_found', `run "${r}" not found in experiment "${e}"`);
    return row;
  }

  function record(row: RunRow) {
    return {
      experimentId: row.experiment_id,
      runId: row.run_id,
      status: row.status,
      startedAt: row.started_at,
      updatedAt: row.updated_at,
      stepSource: row.step_source,
      lastStep: row.last_step,
      heartbeatAt: row.heartbeat_at,
      restarts: s.restarts.all(row.experiment_id, row.run_id).map((x) => ({ step: x.step })),
    };
  }

  /** Series shorter than this are left for the handler to encode: not worth the bytes twice. */
  const ENCODE_FROM = 2048;
  const utf8 = new TextEncoder();

  /** The wire JSON of a series, encoded here so the event loop only copies bytes. */
  function encode(
    encoder: typeof encodeRunMetrics,
    c: { steps: ArrayLike<number>; values: ArrayLike<number>; times?: ArrayLike<number> },
  ): Uint8Array {
    const series: { steps: number[]; values: number[]; times?: number[] } = {
      steps: Array.from(c.steps),
      values: Array.from(c.values),
    };
    if (c.times) series.times = Array.from(c.times);
    return utf8.encode(wireJson(encoder, series));
  }

  function columns(rows: PointRow[]): Columns {
    const n = rows.length;
    const steps = new Float64Array(n);
    const values = new Float64Array(n);
    const times = new Float64Array(n);
    let timed = n > 0;
    for (let i = 0; i < n; i++) {
      const [step, value, kind, time] = rows[i] as PointRow;
      steps[i] = step;
      values[i] =
        kind === NAN
          ? Number.NaN
          : kind === POS_INF
            ? Number.POSITIVE_INFINITY
            : kind === NEG_INF
              ? Number.NEGATIVE_INFINITY
              : (value ?? Number.NaN);
      if (time === null) timed = false;
      else times[i] = time;
    }
    return timed ? { steps, values, times } : { steps, values };
  }

  /**
   * At most `maxPoints` rows of one series (both ends, the min and max of each step bucket) and
   * the number of points in the range; `null` when the range is short enough to read whole.
   * Steps are integers, so a range spanning no more steps than `maxPoints` is never cut.
   */
  function downsample(
    e: string,
    r: string,
    name: string,
    exclusive: boolean,
    from: number,
    stepMax: number,
    maxPoints: number,
  ): { rows: PointRow[]; total: number } | null {
    const first = (exclusive ? s.firstAfter : s.firstFrom).get(e, r, name, from, stepMax);
    if (!first) return null;
    const lo = first.step as number;
    const hi = s.last.get(e, r, name, lo, stepMax)?.step as number;
    if (hi - lo + 1 <= maxPoints) return null;
    // Two points (min, max) per bucket plus both ends stay within maxPoints.
    const nb = Math.max(1, Math.floor((maxPoints - 2) / 2));
    const span = hi - lo + 1;
    const byStep = new Map<number, Record<string, unknown>>();
    let total = 0;
    for (let b = 0; b < nb; b++) {
      const start = lo + Math.ceil((b * span) / nb);
      const end = lo + Math.ceil(((b + 1) * span) / nb);
      const min = s.bucketMin.get(e, r, name, start, end) as Record<string, unknown>;
      if (!min.n) continue;
      total += min.n as number;
      byStep.set(min.step as number, min);
      const max = s.bucketMax.get(e, r, name, start, end) as Record<string, unknown>;
      byStep.set(max.step as number, max);
    }
    if (total <= maxPoints) return null;
    for (const step of [lo, hi]) {
      if (!byStep.has(step))
        byStep.set(step, s.point.get(e, r, name, step) as Record<string, unknown>);
    }
    const rows = [...byStep.values()]
      .sort((a, b) => (a.step as number) - (b.step as number))
      .map((row) => [row.step, row.value, row.kind, row.time] as PointRow);
    return { rows, total };
  }

  /** The series of the query, downsampled when `maxPoints` asks; with each one's count. */
  function select(e: string, r: string, query: Query) {
    const known = s.metrics.all(e, r).map((m) => m.metric as string);
    const names = query.metrics ? query.metrics.filter((m) => known.includes(m)) : known;
    const stepMax = query.stepMax ?? STEP_CEIL;
    const exclusive =
      query.sinceStep !== undefined &&
      (query.stepMin === undefined || query.sinceStep >= query.stepMin);
    const from = exclusive ? (query.sinceStep as number) : (query.stepMin ?? STEP_FLOOR);
    const out: [string, Columns, number][] = [];
    for (const name of names) {
      if (query.maxPoints !== undefined) {
        const kept = downsample(e, r, name, exclusive, from, stepMax, query.maxPoints);
        if (kept) {
          out.push([name, columns(kept.rows), kept.total]);
          continue;
        }
      }
      const rows = (exclusive ? s.pointsAfter : s.pointsFrom).all(e, r, name, from, stepMax);
      const series = columns(rows);
      if (client && query.encodeJson && rows.length >= ENCODE_FROM) {
        series.json = encode(client.encodeRunMetrics, series);
      }
      out.push([name, series, rows.length]);
    }
    return out;
  }

  const writePoints = db.transaction(
    (
      e: string,
      r: string,
      points: { metric: string; step: number; value: number; time?: number }[],
    ) => {
      const row = requireRun(e, r);
      const metrics = new Set<string>();
      let top = row.last_step;
      for (const p of points) {
        const kind = Number.isFinite(p.value)
          ? FINITE
          : Number.isNaN(p.value)
            ? NAN
            : p.value > 0
              ? POS_INF
              : NEG_INF;
        s.upsertPoint.run(
          e,
          r,
          p.metric,
          p.step,
          kind === FINITE ? p.value : null,
          kind,
          p.time ?? null,
        );
        metrics.add(p.metric);
        if (top === null || p.step > top) top = p.step;
      }
      for (const metric of metrics) s.insertMetric.run(e, r, metric);
      const now = new Date().toISOString();
      s.lastStep.run(top, now, now, e, r);
    },
  );

  const restart = db.transaction((e: string, r: string, step: number) => {
    requireRun(e, r);
    let top: number | null = null;
    // One seek per metric keeps the delete on the primary key instead of scanning the run.
    for (const { metric } of s.metrics.all(e, r)) {
      s.deleteFrom.run(e, r, metric, step);
      const max = (s.maxStep.get(e, r, metric)?.step as number | null | undefined) ?? null;
      if (max !== null && (top === null || max > top)) top = max;
    }
    s.insertRestart.run(e, r, e, r, step);
    const now = new Date().toISOString();
    s.lastStep.run(top, now, now, e, r);
  });

  const upsertRun = db.transaction(
    (input: {
      experimentId: string;
      runId: string;
      status: string;
      startedAt?: string | null;
      stepSource?: string | null;
    }) => {
      const now = new Date().toISOString();
      const e = input.experimentId;
      const r = input.runId;
      const existing = s.run.get(e, r) as RunRow | undefined;
      if (existing) {
        s.updateRun.run(
          input.status,
          input.startedAt === undefined ? existing.started_at : input.startedAt,
          input.stepSource === undefined ? existing.step_source : input.stepSource,
          now,
          input.status,
          now,
          e,
          r,
        );
      } else {
        s.insertRun.run(
          e,
          r,
          input.status,
          input.startedAt ?? null,
          now,
          input.stepSource ?? null,
          input.status === 'running' ? now : null,
        );
      }
      return record(requireRun(e, r));
    },
  );

  /** One read transaction: the run row and its points come from the same database state. */
  function snapshot(e: string, r: string, query: Query) {
    s.begin.run();
    try {
      const row = s.run.get(e, r) as RunRow | undefined;
      if (!row) return null;
      return { run: record(row), series: select(e, r, { ...query }) };
    } finally {
      s.commit.run();
    }
  }

  const ops: Record<string, (...args: never[]) => unknown> = {
    // IMMEDIATE: take the write lock first, so a lock held elsewhere is waited for (busy
    // timeout) instead of failing at once when a read transaction cannot be upgraded.
    upsertRun: (input: Parameters<typeof upsertRun>[0]) => upsertRun.immediate(input),
    setRunStatus(e: string, r: string, status: string) {
      requireRun(e, r);
      s.updateStatus.run(status, new Date().toISOString(), e, r);
    },
    heartbeat(e: string, r: string) {
      requireRun(e, r);
      s.heartbeat.run(new Date().toISOString(), e, r);
    },
    getRun(e: string, r: string) {
      const row = s.run.get(e, r) as RunRow | undefined;
      return row ? record(row) : null;
    },
    appendPoints(e: string, r: string, points: { metric: string; step: number; value: number }[]) {
      if (points.length === 0) requireRun(e, r);
      else writePoints.immediate(e, r, points);
    },
    recordRestart: (e: string, r: string, step: number) => restart.immediate(e, r, step),
    queryPoints(e: string, r: string, query: Query) {
      s.begin.run();
      try {
        requireRun(e, r);
        const { maxPoints: _ignored, ...points } = query;
        return select(e, r, points);
      } finally {
        s.commit.run();
      }
    },
    readSnapshot: snapshot,
    listRuns(e: string | null) {
      const rows = (e === null ? s.runs.all() : s.runsOf.all(e)) as unknown as RunRow[];
      return rows.map(record);
    },
  };

  parentPort.on('message', (message) => {
    if (message.op === 'close') {
      db.close();
      parentPort.postMessage({ id: message.id, result: null });
      process.exit(0);
    }
    try {
      const op = ops[message.op];
      if (!op) throw new Error(`unknown operation ${message.op}`);
      const result = (op as (...args: unknown[]) => unknown)(...message.args);
      const transfer: ArrayBuffer[] = [];
      const collect = (list: unknown) => {
        for (const [, c] of list as [string, Columns][]) {
          transfer.push(c.steps.buffer as ArrayBuffer, c.values.buffer as ArrayBuffer);
          if (c.times) transfer.push(c.times.buffer as ArrayBuffer);
          if (c.json) transfer.push(c.json.buffer as ArrayBuffer);
        }
      };
      if (message.op === 'queryPoints') collect(result);
      if (message.op === 'readSnapshot' && result) collect((result as { series: unknown }).series);
      parentPort.postMessage({ id: message.id, result }, transfer);
    } catch (error) {
      const failure = error as Error & { kind?: string; code?: string };
      parentPort.postMessage({
        id: message.id,
        error: { kind: failure.kind, code: failure.code, message: failure.message },
      });
    }
  });
  parentPort.postMessage({ id: 0, result: 'ready' });
}
