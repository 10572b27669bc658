import type { MetricSeries, RunStatus } from '@trainviz/client';
import { lowerBound, upperBound } from '@trainviz/client/series';
import { MetricStoreError } from './MetricStoreError';
import { downsampleColumns } from './readRunSnapshot';
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
 * Options of {@link createMemoryMetricStore}.
 *
 * @example
 * ```ts
 * createMemoryMetricStore({ interruptedAfterMs: 10_000 });
 * ```
 */
export interface MemoryMetricStoreOptions {
  /**
   * A `running` run whose capture sent no heartbeat or write for this long is reported
   * `interrupted`; `Infinity` turns this off.
   * @defaultValue 30000
   */
  interruptedAfterMs?: number;
}

interface MemorySeries {
  steps: number[];
  values: number[];
  /** `NaN` marks a point recorded without a time. */
  times: number[];
}

interface MemoryRun {
  record: RunRecord;
  series: Map<string, MemorySeries>;
}

function copyRecord(record: RunRecord, interruptedAfterMs: number): RunRecord {
  return {
    ...record,
    status: reportedStatus(
      record.status,
      record.heartbeatAt ?? null,
      record.updatedAt,
      interruptedAfterMs,
    ),
    restarts: record.restarts.map((r) => ({ step: r.step })),
  };
}

function runKey(experimentId: string, runId: string): string {
  return JSON.stringify([experimentId, runId]);
}

/**
 * A {@link MetricStore} in process memory: each series is a pair of sorted arrays, so step ranges
 * are found by binary search and appends in step order cost O(1). Nothing survives a restart of
 * the process: use {@link createSqliteMetricStore} for that.
 *
 * @example
 * ```ts
 * const store = createMemoryMetricStore();
 * await store.upsertRun({ experimentId: 'exp-1', runId: 'sft-7', status: 'running' });
 * await store.appendPoints('exp-1', 'sft-7', [{ metric: 'loss', step: 10, value: 2.31 }]);
 * const { loss } = await store.queryPoints('exp-1', 'sft-7', { sinceStep: 0 });
 * ```
 */
export function createMemoryMetricStore(options: MemoryMetricStoreOptions = {}): MetricStore {
  const interruptedAfterMs = options.interruptedAfterMs ?? DEFAULT_INTERRUPTED_AFTER_MS;
  const runs = new Map<string, MemoryRun>();
  let closed = false;
  const copy = (record: RunRecord) => copyRecord(record, interruptedAfterMs);

  /** Columns of one series from `lo` to `hi` (exclusive), `times` only when every point has one. */
  function slice(series: MemorySeries, lo: number, hi: number): MetricSeries {
    const end = Math.max(lo, hi);
    const steps = series.steps.slice(lo, end);
    const values = series.values.slice(lo, end);
    const times = series.times.slice(lo, end);
    return times.length > 0 && times.every((t) => !Number.isNaN(t))
      ? { steps, values, times }
      : { steps, values };
  }

  function select(run: MemoryRun, query: PointQuery): Map<string, MetricSeries> {
    const names = query.metrics ?? [...run.series.keys()].sort();
    const from = Math.max(query.stepMin ?? -Infinity, query.sinceStep ?? -Infinity);
    const out = new Map<string, MetricSeries>();
    for (const name of names) {
      const series = run.series.get(name);
      if (!series) continue;
      const lo =
        query.sinceStep !== undefined && from === query.sinceStep
          ? upperBound(series.steps, from)
          : lowerBound(series.steps, from);
      const hi =
        query.stepMax === undefined ? series.steps.length : upperBound(series.steps, query.stepMax);
      out.set(name, slice(series, lo, hi));
    }
    return out;
  }

  function open(): void {
    if (closed) throw new MetricStoreError('closed', 'the metric store is closed');
  }

  function requireRun(experimentId: string, runId: string): MemoryRun {
    open();
    const run = runs.get(runKey(experimentId, runId));
    if (!run) {
      throw new MetricStoreError(
        'run_not_found',
        `run "${runId}" not found in experiment "${experimentId}"`,
      );
    }
    return run;
  }

  function refreshLastStep(run: MemoryRun): void {
    let last: number | null = null;
    for (const series of run.series.values()) {
      const top = series.steps[series.steps.length - 1];
      if (top !== undefined && (last === null || top > last)) last = top;
    }
    run.record.lastStep = last;
  }

  return {
    async upsertRun(input: RunUpsert): Promise<RunRecord> {
      open();
      const key = runKey(input.experimentId, input.runId);
      const now = new Date().toISOString();
      const existing = runs.get(key);
      if (existing) {
        existing.record.status = input.status;
        if (input.startedAt !== undefined) existing.record.startedAt = input.startedAt;
        if (input.stepSource !== undefined) existing.record.stepSource = input.stepSource;
        existing.record.updatedAt = now;
        if (input.status === 'running') existing.record.heartbeatAt = now;
        return copy(existing.record);
      }
      const record: RunRecord = {
        experimentId: input.experimentId,
        runId: input.runId,
        status: input.status,
        startedAt: input.startedAt ?? null,
        updatedAt: now,
        stepSource: input.stepSource ?? null,
        lastStep: null,
        restarts: [],
        heartbeatAt: input.status === 'running' ? now : null,
      };
      runs.set(key, { record, series: new Map() });
      return copy(record);
    },

    async setRunStatus(experimentId: string, runId: string, status: RunStatus): Promise<void> {
      const run = requireRun(experimentId, runId);
      run.record.status = status;
      run.record.updatedAt = new Date().toISOString();
    },

    async getRun(experimentId: string, runId: string): Promise<RunRecord | null> {
      open();
      const run = runs.get(runKey(experimentId, runId));
      return run ? copy(run.record) : null;
    },

    async appendPoints(
      experimentId: string,
      runId: string,
      points: readonly StoredPoint[],
    ): Promise<void> {
      const run = requireRun(experimentId, runId);
      if (points.length === 0) return;
      for (const point of points) {
        let series = run.series.get(point.metric);
        if (!series) {
          series = { steps: [], values: [], times: [] };
          run.series.set(point.metric, series);
        }
        const time = point.time ?? Number.NaN;
        const { steps } = series;
        const top = steps[steps.length - 1];
        // Logs arrive in step order, so the common case is a plain push.
        if (top === undefined || point.step > top) {
          steps.push(point.step);
          series.values.push(point.value);
          series.times.push(time);
          continue;
        }
        const at = lowerBound(steps, point.step);
        if (steps[at] === point.step) {
          series.values[at] = point.value;
          series.times[at] = time;
        } else {
          steps.splice(at, 0, point.step);
          series.values.splice(at, 0, point.value);
          series.times.splice(at, 0, time);
        }
      }
      refreshLastStep(run);
      run.record.updatedAt = new Date().toISOString();
      run.record.heartbeatAt = run.record.updatedAt;
    },

    async heartbeat(experimentId: string, runId: string): Promise<void> {
      const run = requireRun(experimentId, runId);
      run.record.heartbeatAt = new Date().toISOString();
    },

    async recordRestart(experimentId: string, runId: string, step: number): Promise<void> {
      const run = requireRun(experimentId, runId);
      for (const series of run.series.values()) {
        const cut = lowerBound(series.steps, step);
        series.steps.length = cut;
        series.values.length = cut;
        series.times.length = cut;
      }
      run.record.restarts.push({ step });
      refreshLastStep(run);
      run.record.updatedAt = new Date().toISOString();
    },

    async queryPoints(
      experimentId: string,
      runId: string,
      query: PointQuery = {},
    ): Promise<Record<string, MetricSeries>> {
      const run = requireRun(experimentId, runId);
      // Null-prototype: a metric named `__proto__` or `constructor` is an ordinary key.
      const out: Record<string, MetricSeries> = Object.create(null);
      for (const [name, series] of select(run, query)) out[name] = series;
      return out;
    },

    async readSnapshot(
      experimentId: string,
      runId: string,
      query: SnapshotQuery = {},
    ): Promise<RunSnapshot | null> {
      open();
      const run = runs.get(runKey(experimentId, runId));
      if (!run) return null;
      // Everything below runs without an await: no write can land in between.
      const series: Record<string, SeriesColumns> = Object.create(null);
      const totalPoints: Record<string, number> = Object.create(null);
      for (const [name, columns] of select(run, query)) {
        totalPoints[name] = columns.steps.length;
        series[name] =
          query.maxPoints === undefined ? columns : downsampleColumns(columns, query.maxPoints);
      }
      return { run: copy(run.record), series, totalPoints };
    },

    async listRuns(experimentId?: string): Promise<RunRecord[]> {
      open();
      return [...runs.values()]
        .map((run) => run.record)
        .filter((record) => experimentId === undefined || record.experimentId === experimentId)
        .sort((a, b) =>
          a.experimentId === b.experimentId
            ? a.runId.localeCompare(b.runId)
            : a.experimentId.localeCompare(b.experimentId),
        )
        .map(copy);
    },

    async close(): Promise<void> {
      closed = true;
      runs.clear();
    },
  };
}
