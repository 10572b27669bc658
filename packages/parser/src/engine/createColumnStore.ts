import { lowerBound } from '@trainviz/client/series';
import type { LogParserUpdate, MetricPoint, MetricSeries, Restart } from '../types';

/**
 * A column of steps, shared by the metrics that are logged together (every key of a JSON line, of a
 * Trainer dict): a metric's steps are the first `n` entries of its column, and a metric that is
 * logged at a step the others are not gets a copy of its own. A long log is mostly these columns, so
 * sharing them halves the memory the parse writes. `steps.length` is the capacity; `used` entries
 * are written.
 */
export interface StepColumn {
  steps: number[];
  used: number;
  /** Series reading this column: one means it may be changed in place. */
  users: number;
}

/**
 * One metric's points: its steps in a (maybe shared) {@link StepColumn}, its values in a plain
 * array of doubles (unboxed, 8 bytes a value) that becomes the result's array once the parse ends,
 * with no copy. `values.length` is the capacity, sized from the rate of the metric in the text so a
 * one-shot parse of a large log seldom grows an array; `n` points are used.
 */
export interface StoredSeries {
  name: string;
  column: StepColumn;
  values: number[];
  n: number;
  /** Text offset where the series got its first point, to estimate how many more the text holds. */
  born: number;
  /** Length of the series when the update `update` first touched it. */
  base: number;
  update: number;
  /** Without retained series: the highest step seen since the last restart. */
  lastStep: number;
  /** Without retained series: index of the metric's last point in the `update` columns. */
  at: number;
  /** Without retained series: index in the `update` columns of the update's other steps. */
  updateSteps: Map<number, number> | undefined;
}

/** The parse's points, per metric, and the updates that report them. */
export interface ColumnStore {
  /** The series of `metric`, created empty on first use. */
  seriesOf(metric: string): StoredSeries;
  /** Stores one record's points at `step`; later values win. */
  storeRecord(
    series: readonly StoredSeries[],
    values: readonly number[],
    count: number,
    step: number,
  ): void;
  /** Drops every point at or after `step` (a resumed run) and reports the restart. */
  restartAt(step: number, fromStep: number, line: number): Restart;
  /** Closes the current update and opens the next (one per `push`/`end`). */
  beginUpdate(): LogParserUpdate;
  /** The update being filled. */
  readonly update: LogParserUpdate;
  /** Where the parse is in the text: the line being read and the end of the chunk. */
  setPosition(lineOffset: number, chunkEnd: number): void;
  /** The series so far (copies), or after `finish` the store's own arrays cut to length. */
  series(finished: boolean): Record<string, MetricSeries>;
}

/**
 * Creates the column store of a parse: per metric, its steps in a column shared with the metrics
 * logged together (copy on divergence) and its values in a plain array of doubles, sized from the
 * metric's rate in the text. With `retainSeries: false` nothing is kept but the current update's
 * points, so memory stays bounded for a stream of any length.
 *
 * @param retainSeries - Keep every point (for `result()`), or only the update's.
 * @returns The store.
 * @example
 * ```ts
 * const store = createColumnStore(true);
 * store.storeRecord([store.seriesOf('loss')], [2.31], 1, 10);
 * store.series(false).loss; // { steps: [10], values: [2.31] }
 * ```
 */
export function createColumnStore(retainSeries: boolean): ColumnStore {
  // The points of an update are not copied point by point: each series remembers where the current
  // update began (`base`); when the update is closed (next push/end) only the end of each range is
  // noted, and the points are sliced out when `points` is first read. A later rewrite of an older
  // point (same step again, out-of-order step, restart) first copies the ranges of the closed
  // updates not read yet, so what they report never changes. Rewrites of points older than the
  // current update are recorded on the side (`extra*`), which is rare. Without retained series,
  // every point goes to the `extra*` columns of its update.
  let updateId = 0;
  let touched: StoredSeries[] = [];
  let extraMetrics: string[] = [];
  let extraSteps: number[] = [];
  let extraValues: number[] = [];
  let closeCurrent: () => void = () => {};
  const unread = new Set<() => void>();
  let update: LogParserUpdate = emptyUpdate();
  // Where the parse is in the text, to size the arrays of a series from its rate.
  let lineOffset = 0;
  let chunkEnd = 0;
  const series = new Map<string, StoredSeries>();

  function emptyUpdate(): LogParserUpdate {
    closeCurrent();
    updateId++;
    const parts: StoredSeries[] = [];
    const metrics: string[] = [];
    const steps: number[] = [];
    const values: number[] = [];
    touched = parts;
    extraMetrics = metrics;
    extraSteps = steps;
    extraValues = values;
    let starts: number[] | undefined;
    let ends: number[] | undefined;
    let frozen: Array<{ metric: string; steps: number[]; values: number[] }> | undefined;
    let points: MetricPoint[] | undefined;
    const freeze = (): void => {
      if (frozen !== undefined) return;
      unread.delete(freeze);
      frozen = parts.map((s, i) => {
        const from = starts === undefined ? s.base : (starts[i] as number);
        const to = ends === undefined ? s.n : (ends[i] as number);
        return {
          metric: s.name,
          steps: s.column.steps.slice(from, to),
          values: s.values.slice(from, to),
        };
      });
    };
    closeCurrent = (): void => {
      if (frozen !== undefined || parts.length === 0) return;
      starts = parts.map((s) => s.base);
      ends = parts.map((s) => s.n);
      unread.add(freeze);
    };
    return {
      get points(): MetricPoint[] {
        if (points === undefined) {
          freeze();
          points = [];
          for (let i = 0; i < steps.length; i++) {
            const metric = metrics[i] as string;
            points.push({ metric, step: steps[i] as number, value: values[i] as number });
          }
          for (const part of frozen ?? []) {
            for (let i = 0; i < part.steps.length; i++) {
              const step = part.steps[i] as number;
              points.push({ metric: part.metric, step, value: part.values[i] as number });
            }
          }
        }
        return points;
      },
      restarts: [],
      summary: nullObject(),
    };
  }
  /** Copies the points of closed updates not read yet, before a point they cover is rewritten. */
  function copyUnread(): void {
    if (unread.size === 0) return;
    for (const freeze of [...unread]) freeze();
  }

  function extra(metric: string, step: number, value: number): void {
    extraMetrics.push(metric);
    extraSteps.push(step);
    extraValues.push(value);
  }

  function metricState(metric: string): StoredSeries {
    let s = series.get(metric);
    if (!s) {
      s = {
        name: metric,
        column: { steps: [], used: 0, users: 1 },
        values: [],
        n: 0,
        born: lineOffset,
        base: 0,
        update: 0,
        lastStep: Number.NEGATIVE_INFINITY,
        at: -1,
        updateSteps: undefined,
      };
      series.set(metric, s);
    }
    return s;
  }

  function upsertInto(s: StoredSeries, metric: string, step: number, value: number): void {
    if (!retainSeries) {
      // Nothing is kept but this update's points: a step the update already holds for the metric
      // gets its new value in place (later value wins), any other step is a new point for the
      // consumer to upsert.
      if (s.update !== updateId) {
        s.update = updateId;
        s.updateSteps = undefined;
        s.at = -1;
      }
      if (step === s.lastStep && s.at >= 0) {
        extraValues[s.at] = value;
        return;
      }
      const known = s.updateSteps?.get(step);
      if (known !== undefined) {
        extraValues[known] = value;
        return;
      }
      if (s.at >= 0) {
        s.updateSteps ??= new Map();
        s.updateSteps.set(s.lastStep, s.at);
      }
      s.lastStep = step;
      s.at = extraSteps.length;
      extra(metric, step, value);
      return;
    }
    if (s.update !== updateId) {
      s.update = updateId;
      s.base = s.n;
      touched.push(s);
    }
    const n = s.n;
    const last = n > 0 ? (s.column.steps[n - 1] as number) : Number.NEGATIVE_INFINITY;
    if (step > last) {
      appendPoint(s, step, value);
    } else if (step === last) {
      if (n - 1 < s.base) {
        copyUnread();
        extra(metric, step, value);
      }
      s.values[n - 1] = value;
    } else {
      const i = lowerBound(s.column.steps, step, s.n);
      if (i < s.base) copyUnread();
      if (s.column.steps[i] === step) s.values[i] = value;
      else {
        insertPoint(s, i, step, value);
        if (i < s.base) s.base++;
      }
      if (i < s.base) extra(metric, step, value);
    }
  }

  /** Capacity for a series' arrays that are full at `n` points: what the rest of the chunk holds. */
  function capacityFor(s: StoredSeries, n: number): number {
    const seen = lineOffset - s.born;
    const left = chunkEnd - lineOffset;
    let more = n + (n >> 1) + 16;
    if (seen > 0 && left > 0) {
      // The rate of the metric so far, over the rest of the chunk; trusted once it rests on a few
      // thousand points (a dense start of a log must not reserve room for the whole text).
      const estimate = n + Math.ceil(((n * left) / seen) * 1.02) + 16;
      more = Math.max(more, n < 4096 ? Math.min(estimate, 4096) : estimate);
    }
    return more;
  }

  function appendPoint(s: StoredSeries, step: number, value: number): void {
    const n = s.n;
    let column = s.column;
    if (column.used !== n && !(column.used === n + 1 && column.steps[n] === step)) {
      column = ownColumn(s, n + 1);
    }
    if (column.used === n) {
      if (n === column.steps.length) column.steps = grown(column.steps, n, capacityFor(s, n));
      column.steps[n] = step;
      column.used = n + 1;
    }
    if (n === s.values.length) s.values = grown(s.values, n, capacityFor(s, n));
    s.values[n] = value;
    s.n = n + 1;
  }

  /** Gives the series a column of its own (a copy of its steps) unless it is the only reader. */
  function ownColumn(s: StoredSeries, room: number): StepColumn {
    const column = s.column;
    if (column.users === 1) {
      column.used = s.n;
      return column;
    }
    column.users--;
    const copy: StepColumn = {
      steps: grown(column.steps, s.n, Math.max(room, capacityFor(s, s.n))),
      used: s.n,
      users: 1,
    };
    s.column = copy;
    return copy;
  }

  /** Inserts a point at `i`, moving the later ones up (rare: an out-of-order step). */
  function insertPoint(s: StoredSeries, i: number, step: number, value: number): void {
    const n = s.n;
    const column = ownColumn(s, n + 1);
    if (n === column.steps.length) column.steps = grown(column.steps, n, capacityFor(s, n));
    if (n === s.values.length) s.values = grown(s.values, n, capacityFor(s, n));
    const steps = column.steps;
    const values = s.values;
    for (let j = n; j > i; j--) {
      steps[j] = steps[j - 1] as number;
      values[j] = values[j - 1] as number;
    }
    steps[i] = step;
    values[i] = value;
    column.used = n + 1;
    s.n = n + 1;
  }

  function restartAt(step: number, fromStep: number, line: number): Restart {
    copyUnread();
    for (const s of series.values()) {
      if (!retainSeries) {
        // The update's points at or after the restart step are dropped below: forget them.
        s.update = 0;
        s.updateSteps = undefined;
        s.at = -1;
        continue;
      }
      const i = lowerBound(s.column.steps, step, s.n);
      s.n = i;
      if (s.update === updateId && i < s.base) s.base = i;
    }
    // A shared column now ends at the longest of its readers: the next point of that reader
    // overwrites what followed, the others copy their steps if they go another way.
    if (retainSeries) {
      for (const s of series.values()) s.column.used = 0;
      for (const s of series.values()) if (s.n > s.column.used) s.column.used = s.n;
    }
    // Rewrites of this update at or after the restart step are superseded as well.
    let kept = 0;
    for (let i = 0; i < extraSteps.length; i++) {
      if ((extraSteps[i] as number) >= step) continue;
      extraMetrics[kept] = extraMetrics[i] as string;
      extraSteps[kept] = extraSteps[i] as number;
      extraValues[kept] = extraValues[i] as number;
      kept++;
    }
    extraMetrics.length = kept;
    extraSteps.length = kept;
    extraValues.length = kept;
    const restart: Restart = { step, fromStep, line };
    update.restarts.push(restart);
    return restart;
  }

  /** Stores a record's points: metrics that start together share one column of steps. */
  function storeRecord(
    record: readonly StoredSeries[],
    values: readonly number[],
    count: number,
    step: number,
  ): void {
    let born: StepColumn | undefined;
    for (let i = 0; i < count; i++) {
      const s = record[i] as StoredSeries;
      const value = values[i] as number;
      if (!retainSeries) {
        upsertInto(s, s.name, step, value);
        continue;
      }
      if (s.update !== updateId) {
        s.update = updateId;
        s.base = s.n;
        touched.push(s);
      }
      const n = s.n;
      if (n === 0) {
        if (born !== undefined && born.used === 1 && born.steps[0] === step && s.column !== born) {
          s.column.users--;
          s.column = born;
          born.users++;
        }
        appendPoint(s, step, value);
        if (born === undefined) born = s.column;
      } else if (step > (s.column.steps[n - 1] as number)) appendPoint(s, step, value);
      else upsertInto(s, s.name, step, value);
    }
  }

  function seriesSnapshot(): Record<string, MetricSeries> {
    const out: Record<string, MetricSeries> = nullObject();
    for (const [name, s] of series) {
      if (s.n === 0) continue;
      out[name] = { steps: s.column.steps.slice(0, s.n), values: s.values.slice(0, s.n) };
    }
    return out;
  }

  /**
   * After end(): the parser's own arrays, cut to their length (in place, no copy). Metrics logged
   * together share one steps array; one logged less often than its column gets a copy.
   */
  function finalSeries(): Record<string, MetricSeries> {
    const out: Record<string, MetricSeries> = nullObject();
    for (const s of series.values()) {
      const column = s.column;
      if (column.steps.length > column.used) column.steps.length = column.used;
    }
    for (const [name, s] of series) {
      if (s.n === 0) continue;
      if (s.values.length > s.n) s.values.length = s.n;
      const steps = s.column.steps;
      out[name] = { steps: steps.length === s.n ? steps : steps.slice(0, s.n), values: s.values };
    }
    return out;
  }

  return {
    seriesOf: metricState,
    storeRecord,
    restartAt,
    beginUpdate(): LogParserUpdate {
      update = emptyUpdate();
      return update;
    },
    get update() {
      return update;
    },
    setPosition(offset: number, end: number): void {
      lineOffset = offset;
      chunkEnd = end;
    },
    series(finished: boolean): Record<string, MetricSeries> {
      return finished ? finalSeries() : seriesSnapshot();
    },
  };
}

/**
 * A record without a prototype: metric names are keys, and a log may name a metric `__proto__`,
 * `constructor` or `toString`.
 */
function nullObject<T = MetricSeries>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A copy of the first `n` values of `array` with room for `capacity` (holes past `n`). */
function grown(array: number[], n: number, capacity: number): number[] {
  const out = new Array<number>(capacity);
  for (let i = 0; i < n; i++) out[i] = array[i] as number;
  return out;
}
