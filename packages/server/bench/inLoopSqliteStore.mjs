// The baseline of the serve benchmark: the SQLite store as 0.1.0 read it, kept here so the same
// load can be run against it side by side. better-sqlite3 is called synchronously in the event
// loop, a response is getRun then queryPoints (no readSnapshot: the handler downsamples in
// JavaScript and encodes every series in the event loop). Read-only, over the current schema
// (the 0.1.0 tables and queries are the same); the writes come from another process.
import Database from 'better-sqlite3';

const STEP_FLOOR = -Number.MAX_VALUE;
const STEP_CEIL = Number.MAX_VALUE;
const KEY = 'experiment_id = ? AND run_id = ?';

function decodeValue(value, kind) {
  if (kind === 1) return Number.NaN;
  if (kind === 2) return Number.POSITIVE_INFINITY;
  if (kind === 3) return Number.NEGATIVE_INFINITY;
  return value ?? Number.NaN;
}

/** A read-only `MetricStore` with the 0.1.0 SQLite store's reads, in the event loop. */
export function createInLoopSqliteStore(filename) {
  const db = new Database(filename, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  const selectRun = db.prepare(`SELECT * FROM runs WHERE ${KEY}`);
  const selectRunsOf = db.prepare('SELECT * FROM runs WHERE experiment_id = ? ORDER BY run_id');
  const selectRestarts = db.prepare(`SELECT step FROM restarts WHERE ${KEY} ORDER BY seq`);
  const selectMetrics = db.prepare(`SELECT metric FROM run_metrics WHERE ${KEY} ORDER BY metric`);
  const selectPoints = db.prepare(
    `SELECT step, value, kind, time FROM points
     WHERE ${KEY} AND metric = ? AND step >= ? AND step <= ? ORDER BY step`,
  );
  const selectPointsAfter = db.prepare(
    `SELECT step, value, kind, time FROM points
     WHERE ${KEY} AND metric = ? AND step > ? AND step <= ? ORDER BY step`,
  );
  const toRecord = (row) => ({
    experimentId: row.experiment_id,
    runId: row.run_id,
    status: row.status,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    stepSource: row.step_source,
    lastStep: row.last_step,
    restarts: selectRestarts.all(row.experiment_id, row.run_id).map((r) => ({ step: r.step })),
  });
  return {
    async getRun(experimentId, runId) {
      const row = selectRun.get(experimentId, runId);
      return row ? toRecord(row) : null;
    },
    async queryPoints(experimentId, runId, query = {}) {
      const known = selectMetrics.all(experimentId, runId).map((r) => r.metric);
      const names = query.metrics ? query.metrics.filter((m) => known.includes(m)) : known;
      const stepMax = query.stepMax ?? STEP_CEIL;
      const exclusive =
        query.sinceStep !== undefined &&
        (query.stepMin === undefined || query.sinceStep >= query.stepMin);
      const out = Object.create(null);
      for (const name of names) {
        const rows = exclusive
          ? selectPointsAfter.all(experimentId, runId, name, query.sinceStep, stepMax)
          : selectPoints.all(experimentId, runId, name, query.stepMin ?? STEP_FLOOR, stepMax);
        const steps = new Array(rows.length);
        const values = new Array(rows.length);
        const times = new Array(rows.length);
        let timed = rows.length > 0;
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          steps[i] = row.step;
          values[i] = decodeValue(row.value, row.kind);
          if (row.time === null) timed = false;
          else times[i] = row.time;
        }
        out[name] = timed ? { steps, values, times } : { steps, values };
      }
      return out;
    },
    async listRuns(experimentId) {
      return selectRunsOf.all(experimentId).map(toRecord);
    },
    async upsertRun() {
      throw new Error('the baseline store is read-only');
    },
    async setRunStatus() {
      throw new Error('the baseline store is read-only');
    },
    async appendPoints() {
      throw new Error('the baseline store is read-only');
    },
    async recordRestart() {
      throw new Error('the baseline store is read-only');
    },
    async close() {
      db.close();
    },
  };
}
