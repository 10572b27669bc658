import { fairseqJsonRecord } from './formats/fairseq';
import { hfTrainerRecord } from './formats/hfTrainer';
import { jsonLinesRecord } from './formats/jsonLines';
import type { LineRecord, RecognizerContext } from './formats/LineRecord';
import { lightningRecord } from './formats/lightning';
import { llamaFactoryRecord } from './formats/llamaFactory';
import type { FlatObject } from './formats/objectRecord';
import { type ProgressBar, readProgressBar } from './formats/progressBar';
import { readObjectLiteral } from './formats/readObjectLiteral';
import { recognizeLine } from './formats/recognizeLine';
import {
  createRecordLayout,
  EPOCH,
  EVAL,
  type RecordLayout,
  readLayoutLine,
  TRAIN,
} from './formats/recordLayout';
import { torchtuneRecord } from './formats/torchtune';
import { trainerStateRecord } from './formats/trainerState';
import { yoloRecord } from './formats/yolo';
import { scanFlatObject } from './scanFlatObject';
import type {
  LogFormat,
  LogParser,
  LogParserUpdate,
  MetricPoint,
  MetricSeries,
  ParseOptions,
  ParseResult,
  Restart,
  StepSource,
} from './types';

const DEFAULT_MAX_LINE_LENGTH = 1_048_576;

const MEGATRON_START_RE = /(?:^|\|)\s*iteration\s+\d+\s*\/\s*\d+\s*\|/;
const SOURCE_RANK: Record<StepSource, number> = { explicit: 2, progress: 1, count: 0 };

/**
 * A column of steps, shared by the metrics that are logged together (every key of a JSON line, of a
 * Trainer dict): a metric's steps are the first `n` entries of its column, and a metric that is
 * logged at a step the others are not gets a copy of its own. A long log is mostly these columns, so
 * sharing them halves the memory the parse writes. `steps.length` is the capacity; `used` entries
 * are written.
 */
interface StepColumn {
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
interface StoredSeries {
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

interface PendingObject {
  text: string;
  lines: number;
  /** Pretty-printed JSON (trainer_state.json): abandoned silently when a nested object starts. */
  json: boolean;
}

/**
 * Creates a streaming training-log parser. Text is split into lines on `\n`, `\r\n` and lone `\r`
 * (live tqdm redraws); each line is routed to the recogniser of its format (see `src/formats/`),
 * dicts wrapped over several lines are joined, and points are stored per metric and step (later value
 * wins, restarts replace what follows). Only the series are kept (8 bytes a value, steps shared by
 * the metrics logged together), never the raw text; with `retainSeries: false` not even those,
 * only a small state per metric, so a streaming consumer's memory stays bounded however long the
 * log is. The result never depends on
 * how the text was cut into chunks. A progress bar gives its position to the record printed right
 * after it, and only when it is a training-loop bar (`it/s`, `s/it`; not a dataset `Map:` bar).
 *
 * @param options - Forced format, line-length cap and whether to retain the series.
 * @returns A parser with `push(chunk)`, `end()` and `result()`; none of them throws.
 * @defaultValue options `{}` (detect the format per line, lines capped at 1 MiB, series retained)
 * @example
 * ```ts
 * const parser = createLogParser();
 * parser.push("{'loss': 2.31, 'epoch': 0.1}\n{'loss'");
 * parser.push(": 2.12, 'epoch': 0.2}\n");
 * parser.end();
 * parser.result().series.loss; // { steps: [1, 2], values: [2.31, 2.12] }
 * ```
 */
export function createLogParser(options: ParseOptions = {}): LogParser {
  const forced = options.format;
  const maxLineLength = Math.max(1, options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH);
  const retainSeries = options.retainSeries !== false;
  const learnLayouts = options.layoutFastPath !== false;

  let carry = '';
  let carryOverflow = false;
  let skipLF = false;
  let ended = false;

  let lines = 0;
  let records = 0;
  let malformedLines = 0;
  let duplicateRecords = 0;

  const series = new Map<string, StoredSeries>();
  const summary: Record<string, number> = nullObject();
  const restarts: Restart[] = [];
  const formatCounts = new Map<LogFormat, { loss: number; all: number }>();
  let weakestSource: StepSource | undefined;

  let lastExplicitStep: number | undefined;
  let lastWeakStep: number | undefined;
  let weakCollapsed = false;
  let lastTrainStep: number | undefined;
  let counter = 0;
  // The previous record, copied (records of the hot path are reused), for duplicate detection.
  let previousKind = '';
  let previousStepKey: number | undefined;
  let previousNames: string[] = [];
  let previousValues: number[] = [];
  let previousCount = 0;
  // The record being handled, as columns (swapped with the previous ones once it is kept).
  let recordNames: string[] = [];
  let recordValues: number[] = [];
  let recordCount = 0;
  const recordSeries: Array<StoredSeries | undefined> = [];
  const slotNames: string[] = [];
  const slotSeries: StoredSeries[] = [];
  // Layouts of the one-line dicts/JSON objects seen last (most recent first), for the fast path.
  const layouts: Array<RecordLayout<StoredSeries>> = [];
  let layoutsLearned = 0;
  let layoutHits = 0;

  // Offsets in the whole text: of the chunk being read, of its end and of the current line.
  let textBefore = 0;
  let chunkEnd = 0;
  let lineOffset = 0;

  let mainTotal = 0;
  let barPosition = 0;
  let barFresh = false;
  // The last plain bar is kept unread: of ten redraws only the one before a record is ever parsed.
  let lastBarLine: string | undefined;
  let lastBarPercent = 0;

  let pending: PendingObject | undefined;
  const scanned: FlatObject = {
    keys: [],
    values: [],
    count: 0,
    quote: 'double',
    scratch: { format: 'unknown', kind: 'train', metrics: [] },
    info: [],
    infoKeys: [],
  };
  let megatronCarry: { text: string; lines: number } | undefined;

  const ctx: RecognizerContext = {
    kerasEpoch: undefined,
    yoloHeader: undefined,
    carried: new Map(),
    tableHeader: undefined,
    tableRow: undefined,
    signatures: new Map(),
    table: undefined,
    box: undefined,
    summaryBlock: undefined,
    zeroBasedEpochs: false,
    epochSteps: {
      firstEpoch: undefined,
      lastEpoch: undefined,
      lastStep: undefined,
      length: 0,
      inEpoch: false,
    },
  };

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
      const i = lowerBound(s, step);
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

  function restartAt(step: number, fromStep: number): void {
    copyUnread();
    for (const s of series.values()) {
      if (!retainSeries) {
        // The update's points at or after the restart step are dropped below: forget them.
        s.update = 0;
        s.updateSteps = undefined;
        s.at = -1;
        continue;
      }
      const i = lowerBound(s, step);
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
    const restart: Restart = { step, fromStep, line: lines };
    restarts.push(restart);
    update.restarts.push(restart);
  }

  /** The record columns hold the same metrics with the same values (NaN equal to NaN) as the previous record. */
  function isPreviousRecord(): boolean {
    if (recordCount !== previousCount) return false;
    for (let i = 0; i < recordCount; i++) {
      if (recordNames[i] !== previousNames[i]) return false;
      if (!Object.is(recordValues[i], previousValues[i])) return false;
    }
    return true;
  }

  /** The record shares no metric with the previous one (it is another kind of line). */
  function namesDisjoint(): boolean {
    for (let i = 0; i < recordCount; i++) {
      const name = recordNames[i];
      for (let j = 0; j < previousCount; j++) if (previousNames[j] === name) return false;
    }
    return true;
  }

  function noteSource(source: StepSource): void {
    if (weakestSource === undefined || SOURCE_RANK[source] < SOURCE_RANK[weakestSource]) {
      weakestSource = source;
    }
  }

  function handleRecord(record: LineRecord): void {
    if (forced !== undefined && record.format !== forced) return;
    if (record.kind === 'summary') {
      for (const [name, value] of record.metrics) {
        summary[name] = value;
        update.summary[name] = value;
      }
      countFormat(record.format, false);
      records++;
      return;
    }
    const metrics = record.metrics;
    const count = metrics.length;
    for (let i = 0; i < count; i++) {
      const metric = metrics[i] as [string, number];
      const name = metric[0];
      recordNames[i] = name;
      recordValues[i] = metric[1];
      // Records repeat their layout: the series of each position is remembered, not looked up.
      recordSeries[i] = slotNames[i] === name ? slotSeries[i] : undefined;
    }
    recordCount = count;
    commitRecord(
      record.format,
      record.kind,
      record.step,
      record.progressStep,
      false,
      record.weakStep,
    );
  }

  /**
   * Handles the record in the `record*` columns: finds its step, drops it when it repeats the
   * previous record, applies restarts, and stores its points.
   */
  function commitRecord(
    format: LogFormat,
    kind: 'train' | 'eval',
    explicitStep: number | undefined,
    progressStep: number | undefined,
    fromLayout: boolean,
    weakStep?: number,
  ): void {
    let step: number;
    let source: StepSource | undefined;
    if (weakStep !== undefined && explicitStep === undefined && progressStep === undefined) {
      // An epoch as the step, while it advances: two different train records at one epoch mean
      // several records per epoch, which are counted from there on.
      if (
        !weakCollapsed &&
        kind === 'train' &&
        weakStep === lastWeakStep &&
        !(previousKind === kind && previousStepKey === weakStep && isPreviousRecord())
      ) {
        weakCollapsed = true;
        counter = Math.max(counter, weakStep);
      }
      if (!weakCollapsed) {
        explicitStep = weakStep;
        if (kind === 'train') lastWeakStep = weakStep;
      }
    }
    if (explicitStep !== undefined) {
      step = explicitStep;
      source = 'explicit';
    } else if (progressStep !== undefined) {
      step = progressStep;
      source = 'progress';
    } else if (format === 'generic' && lastExplicitStep !== undefined && namesDisjoint()) {
      // A line without a step right after a record with one belongs to that step (`average reward
      // score: -7.8` printed below `epoch: 0|step: 3183|...`).
      step = lastExplicitStep;
    } else if (kind === 'eval') {
      step = lastTrainStep ?? 0;
    } else if ((lastBarLine !== undefined && settleBar()) || barFresh) {
      step = barPosition;
      source = 'progress';
    } else {
      step = counter + 1;
      source = 'count';
    }
    const stepKey = source === 'explicit' || source === 'progress' ? step : undefined;
    if (previousStepKey === stepKey && kind === previousKind && isPreviousRecord()) {
      duplicateRecords++;
      return;
    }
    previousKind = kind;
    previousStepKey = stepKey;
    const names = recordNames;
    const values = recordValues;
    const count = recordCount;
    recordNames = previousNames;
    recordValues = previousValues;
    previousNames = names;
    previousValues = values;
    previousCount = count;
    if (source === 'count') counter = step;
    if (source !== undefined || kind === 'eval') {
      // A bar gives its position only to the record printed right after it: once any record
      // followed it (an eval dict after the eval bar), the next record needs a new bar.
      barFresh = false;
      lastBarLine = undefined;
    }
    if (source === 'explicit') {
      if (lastExplicitStep !== undefined && step < lastExplicitStep)
        restartAt(step, lastExplicitStep);
      lastExplicitStep = step;
    }
    if (kind === 'train') {
      lastTrainStep = step;
      if (source !== undefined) noteSource(source);
    } else if (source === 'explicit') noteSource(source);
    if (!Number.isFinite(step)) return;
    let curve = false;
    let born: StepColumn | undefined;
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      if (name === 'loss' || name === 'eval_loss') curve = true;
      let s = recordSeries[i];
      if (s === undefined) {
        s = metricState(name);
        if (!fromLayout) {
          slotNames[i] = name;
          slotSeries[i] = s;
        }
        recordSeries[i] = s;
      }
      const value = values[i] as number;
      if (!retainSeries) {
        upsertInto(s, name, step, value);
        continue;
      }
      if (s.update !== updateId) {
        s.update = updateId;
        s.base = s.n;
        touched.push(s);
      }
      const n = s.n;
      if (n === 0) {
        // Metrics that start together share one column of steps.
        if (born !== undefined && born.used === 1 && born.steps[0] === step && s.column !== born) {
          s.column.users--;
          s.column = born;
          born.users++;
        }
        appendPoint(s, step, value);
        if (born === undefined) born = s.column;
      } else if (step > (s.column.steps[n - 1] as number)) appendPoint(s, step, value);
      else upsertInto(s, name, step, value);
    }
    countFormat(format, curve);
    records++;
  }

  /**
   * The fast path of a one-line dict/JSON record at `text[start, end)`: tried against the layouts
   * seen last; true when one of them read it and the record was handled.
   */
  function readWithLayout(text: string, start: number, end: number, newLine: boolean): boolean {
    for (let k = 0; k < layouts.length; k++) {
      const layout = layouts[k] as RecordLayout<StoredSeries>;
      if (!readLayoutLine(layout, text, start, end)) continue;
      if (k > 0) {
        layouts[k] = layouts[0] as RecordLayout<StoredSeries>;
        layouts[0] = layout;
      }
      layoutHits++;
      if (newLine) lines++;
      handleLayoutRecord(layout);
      return true;
    }
    return false;
  }

  /** Remembers the layout of a line `scanFlatObject` read, so the next lines like it take the fast path. */
  function learnLayout(object: FlatObject, record: LineRecord | undefined, line: string): void {
    // A log whose objects seldom repeat a layout stops paying for building them.
    if (!learnLayouts || record === undefined) return;
    if (layoutsLearned >= 64 && layoutsLearned * 4 > layoutHits) return;
    layoutsLearned++;
    const layout = createRecordLayout<StoredSeries>(object, record, line);
    if (!layout) return;
    if (layouts.length >= 8) layouts.pop();
    layouts.unshift(layout);
  }

  /** What {@link objectRecord} does with the object, on the values read into the layout. */
  function handleLayoutRecord(layout: RecordLayout<StoredSeries>): void {
    if (forced !== undefined && layout.format !== forced) return;
    const { count, names, stepRanks, roles, values, present, slots } = layout;
    let step: number | undefined;
    let stepRank = 99;
    let hasEval = false;
    let hasTrain = false;
    let epoch = Number.NaN;
    let m = 0;
    for (let k = 0; k < count; k++) {
      if (present[k] === 0) continue;
      const value = values[k] as number;
      const rank = stepRanks[k] as number;
      if (rank !== 99) {
        if (rank < stepRank && Number.isFinite(value)) {
          step = value;
          stepRank = rank;
        }
        continue;
      }
      const role = roles[k] as number;
      if (role !== 0) {
        if ((role & EVAL) !== 0) hasEval = true;
        if ((role & TRAIN) !== 0) hasTrain = true;
        else if ((role & EPOCH) !== 0) epoch = value;
      }
      const name = names[k] as string;
      let s = slots[k];
      if (s === undefined) {
        s = metricState(name);
        slots[k] = s;
      }
      recordNames[m] = name;
      recordValues[m] = value;
      recordSeries[m] = s;
      m++;
    }
    if (m === 0) return;
    recordCount = m;
    if (step === undefined && layout.epochIsStep && Number.isInteger(epoch)) {
      step = epoch;
    }
    commitRecord(layout.format, hasEval && !hasTrain ? 'eval' : 'train', step, undefined, true);
  }

  function countFormat(format: LogFormat, curve: boolean): void {
    let c = formatCounts.get(format);
    if (!c) {
      c = { loss: 0, all: 0 };
      formatCounts.set(format, c);
    }
    c.all++;
    if (curve) c.loss++;
  }

  /** Reads the bar kept by the fast path; true when it is a fresh position of the main bar. */
  function settleBar(): boolean {
    const line = lastBarLine;
    lastBarLine = undefined;
    if (line === undefined) return barFresh;
    const bar = readProgressBar(line, lastBarPercent);
    if (bar) noteBar(bar);
    return barFresh;
  }

  function noteBar(bar: ProgressBar): void {
    lastBarLine = undefined;
    if (!isTrainingBar(bar)) return;
    if (bar.total >= mainTotal) {
      mainTotal = bar.total;
      barPosition = bar.n;
      barFresh = true;
    }
  }

  /** Hands the object to its format's recogniser; returns the record it made, if any. */
  function handleObject(object: FlatObject, pretty: boolean): LineRecord | undefined {
    let record: LineRecord | undefined;
    if (object.quote === 'single') record = hfTrainerRecord(object);
    else if (hasKey(object, 'current_steps')) record = llamaFactoryRecord(object);
    else if (hasKey(object, 'num_updates')) record = fairseqJsonRecord(object);
    else if (pretty) record = trainerStateRecord(object);
    else record = jsonLinesRecord(object);
    if (record) handleRecord(record);
    return record;
  }

  function handlePairs(
    pairs: Array<[string, number | undefined]>,
    quote: 'single' | 'double',
    pretty: boolean,
  ): void {
    const object: FlatObject = { keys: [], values: [], count: pairs.length, quote };
    for (const [key, value] of pairs) {
      object.keys.push(key);
      object.values.push(value);
    }
    handleObject(object, pretty);
  }

  function startOrFinishObject(s: string, brace: number): void {
    let text = s;
    let at = brace;
    if (text.indexOf('&quot;') >= 0 || text.indexOf('&#39;') >= 0) {
      text = decodeEntities(text.slice(at));
      at = 0;
    }
    const r = readObjectLiteral(text, at);
    if (r.status === 'ok') {
      handlePairs(r.pairs, r.quote, false);
    } else if (r.status === 'incomplete') {
      const rest = text.slice(at);
      const lone = rest.trim() === '{';
      pending = { text: rest, lines: 1, json: lone || /^\{\s*"/.test(rest) };
    } else {
      malformedLines++;
    }
  }

  function continuePending(p: PendingObject, raw: string): boolean {
    const cleaned = stripPrefixes(raw);
    const t = cleaned.trim();
    if (p.json) {
      if (t.startsWith('{') || t.endsWith('{')) {
        const brace = t.startsWith('{') ? cleaned.indexOf('{') : cleaned.lastIndexOf('{');
        pending = undefined;
        startOrFinishObject(cleaned, brace);
        return true;
      }
    } else {
      if (cleaned.indexOf('%|') >= 0) return false;
      if (t.startsWith('{')) {
        pending = undefined;
        malformedLines++;
        return false;
      }
    }
    p.text += p.json ? t : cleaned;
    p.lines++;
    if (p.lines > (p.json ? 2000 : 64) || p.text.length > maxLineLength) {
      pending = undefined;
      if (!p.json) malformedLines++;
      return true;
    }
    if (t.indexOf('}') >= 0) {
      const r = readObjectLiteral(p.text, 0);
      if (r.status === 'ok') {
        pending = undefined;
        handlePairs(r.pairs, r.quote, p.json);
      } else if (r.status === 'malformed') {
        pending = undefined;
        if (!p.json) malformedLines++;
      }
    }
    return true;
  }

  function flushMegatron(): void {
    const m = megatronCarry;
    if (!m) return;
    megatronCarry = undefined;
    const record = recognizeLine(stripPrefixes(m.text), ctx);
    if (record) handleRecord(record);
  }

  function processLine(line: string): void {
    lines++;
    // A paste's typographic quotes around dict keys (`{‘loss’: 5.29}`) are plain quotes.
    const raw = hasTypographicQuote(line) ? plainQuotes(line) : line;
    const len = raw.length;
    if (len === 0) return;
    const last = raw.charCodeAt(len - 1);
    if (last === 93 && megatronCarry === undefined && pending === undefined) {
      const percent = raw.indexOf('%|');
      if (percent >= 0 && isPlainBar(raw, percent, len)) {
        lastBarLine = raw;
        lastBarPercent = percent;
        return;
      }
    } else if (last === 32 && raw.charCodeAt(0) === 32 && BLANK_RE.test(raw)) {
      if (megatronCarry) flushMegatron();
      return;
    }
    if (megatronCarry) {
      const t = raw.trim();
      if (
        t.length === 0 ||
        t === '...' ||
        megatronCarry.lines >= 4 ||
        MEGATRON_START_RE.test(raw) ||
        raw.indexOf('%|') >= 0
      ) {
        flushMegatron();
      } else {
        megatronCarry.text += raw;
        megatronCarry.lines++;
        if (t.endsWith('|')) flushMegatron();
        return;
      }
    }
    if (pending && continuePending(pending, raw)) return;
    if (raw.charCodeAt(0) === 123) {
      if (layouts.length > 0 && readWithLayout(raw, 0, len, false)) return;
      if (scanFlatObject(raw, 0, scanned)) {
        learnLayout(scanned, handleObject(scanned, false), raw);
        return;
      }
    }
    const percent = raw.indexOf('%|');
    if (percent >= 0 && raw.indexOf('{') < 0) {
      handleBarLine(raw, percent);
      return;
    }
    const s = stripPrefixes(raw);
    if (s.length === 0) return;
    const brace = findObjectStart(s);
    if (brace >= 0) {
      const barAt = s.indexOf('%|');
      if (barAt >= 0 && barAt < brace) {
        const bar = readProgressBar(s, barAt);
        if (bar) noteBar(bar);
      }
      startOrFinishObject(s, brace);
      return;
    }
    if (MEGATRON_START_RE.test(s) && !s.trimEnd().endsWith('|')) {
      megatronCarry = { text: s, lines: 1 };
      return;
    }
    const record = recognizeLine(s, ctx);
    if (record) handleRecord(record);
  }

  function handleBarLine(raw: string, percent: number): void {
    const tt = raw.indexOf('|Loss: ');
    if (tt >= 0) {
      const start = raw.lastIndexOf(':', tt - 4);
      const record = torchtuneRecord(raw.slice(start < 0 ? 0 : start + 1).trimStart());
      if (record) {
        handleRecord(record);
        return;
      }
    }
    if (ctx.yoloHeader !== undefined || raw.indexOf('Class') >= 0 || raw.indexOf('GPU_mem') >= 0) {
      const record = yoloRecord(stripPrefixes(raw), ctx);
      if (record) {
        handleRecord(record);
        return;
      }
    }
    const bar = readProgressBar(raw, percent);
    if (!bar) return;
    if (bar.postfix.length > 0) {
      const record = lightningRecord(bar);
      if (record) {
        handleRecord(record);
        return;
      }
    }
    noteBar(bar);
  }

  function feedLine(line: string): void {
    if (line.length > maxLineLength) {
      lines++;
      malformedLines++;
      return;
    }
    processLine(line);
  }

  function push(chunk: string): LogParserUpdate {
    update = emptyUpdate();
    if (ended || typeof chunk !== 'string' || chunk.length === 0) return update;
    const n = chunk.length;
    chunkEnd = textBefore + n;
    let start = 0;
    if (skipLF) {
      skipLF = false;
      if (chunk.charCodeAt(0) === 10) start = 1;
    }
    let nextLF = -2;
    let nextCR = -2;
    while (start < n) {
      if (nextLF !== -1 && nextLF < start) nextLF = chunk.indexOf('\n', start);
      if (nextCR !== -1 && nextCR < start) nextCR = chunk.indexOf('\r', start);
      let end: number;
      if (nextLF < 0 && nextCR < 0) {
        appendCarry(chunk, start, n);
        break;
      }
      if (nextLF < 0) end = nextCR;
      else if (nextCR < 0) end = nextLF;
      else end = Math.min(nextLF, nextCR);
      if (carryOverflow) {
        carryOverflow = false;
        carry = '';
        lines++;
        malformedLines++;
      } else if (carry.length > 0) {
        const line = carry + chunk.slice(start, end);
        carry = '';
        lineOffset = textBefore + start;
        feedLine(line);
      } else if (
        chunk.charCodeAt(start) === 123 &&
        pending === undefined &&
        megatronCarry === undefined &&
        end - start <= maxLineLength
      ) {
        // Hot path: a one-line dict/JSON record read in place, without slicing the line out: by
        // a layout seen before, else by scanFlatObject (whose layout is then remembered).
        lineOffset = textBefore + start;
        if (layouts.length > 0 && readWithLayout(chunk, start, end, true)) {
          // Read and handled.
        } else if (
          chunk.charCodeAt(end - 1) === 125 &&
          scanFlatObject(chunk, start, scanned, end)
        ) {
          lines++;
          learnLayout(scanned, handleObject(scanned, false), chunk.slice(start, end));
        } else feedLine(chunk.slice(start, end));
      } else {
        lineOffset = textBefore + start;
        feedLine(chunk.slice(start, end));
      }
      if (chunk.charCodeAt(end) === 13) {
        if (end + 1 < n) start = chunk.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
        else {
          skipLF = true;
          start = end + 1;
        }
      } else start = end + 1;
    }
    textBefore += n;
    return update;
  }

  function appendCarry(chunk: string, start: number, end: number): void {
    if (carryOverflow) return;
    if (carry.length + (end - start) > maxLineLength) {
      carry = '';
      carryOverflow = true;
      return;
    }
    carry += chunk.slice(start, end);
  }

  function end(): LogParserUpdate {
    update = emptyUpdate();
    if (ended) return update;
    ended = true;
    chunkEnd = textBefore;
    lineOffset = textBefore;
    if (carryOverflow) {
      carryOverflow = false;
      lines++;
      malformedLines++;
    } else if (carry.length > 0) {
      const line = carry;
      carry = '';
      feedLine(line);
    }
    flushMegatron();
    if (pending) {
      if (!pending.json) malformedLines++;
      pending = undefined;
    }
    return update;
  }

  let ownSeries: Record<string, MetricSeries> | undefined;

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

  function result(): ParseResult {
    // After end() the series never change again: later calls hand out the same arrays.
    if (ended && ownSeries === undefined) ownSeries = finalSeries();
    const out = ownSeries ?? seriesSnapshot();
    const formats = [...formatCounts.entries()]
      .sort((a, b) => b[1].loss - a[1].loss || b[1].all - a[1].all)
      .map(([f]) => f);
    return {
      format: formats[0] ?? 'unknown',
      formats,
      stepSource: weakestSource ?? 'count',
      series: out,
      summary: Object.assign(nullObject<number>(), summary),
      restarts: restarts.slice(),
      stats: { lines, records, malformedLines, duplicateRecords },
    };
  }

  return {
    push(chunk: string): LogParserUpdate {
      try {
        return push(chunk);
      } catch {
        malformedLines++;
        carry = '';
        return update;
      }
    },
    end(): LogParserUpdate {
      try {
        return end();
      } catch {
        return update;
      }
    },
    result,
  };
}

const BLANK_RE = /^\s*$/;
const TRAINING_UNIT_RE = /^[kMG]?(?:it|it\/s|s\/it)$/;
const DATASET_BAR_RE =
  /(?:^|[\s:\]|])(?:Map|Filter|Tokeniz|Generating|Downloading|Loading|Resolving|Saving|Extracting|Running tokenizer|Applying chat template|Packing|Converting|Casting|Shuffling|Flattening|Concatenating|Grouping texts|Fetching|Preprocessing|Formatting|Adding EOS|Truncating|Sharding)/i;

/**
 * A bar of the training loop: its rate counts iterations (`it/s`, `s/it`, or no rate yet) and its
 * label is no dataset operation (`Map: 100%|...| 52002/52002 [..., 15000.00 examples/s]`), whose
 * larger total would otherwise take over the steps of the run.
 */
function isTrainingBar(bar: ProgressBar): boolean {
  if (bar.unit.length > 0 && !TRAINING_UNIT_RE.test(bar.unit)) return false;
  return bar.description.length === 0 || !DATASET_BAR_RE.test(bar.description);
}

/**
 * A tqdm bar without metrics (`  1%|▏         | 100/7252 [24:16<29:02:42, 14.62s/it]`): only a
 * percentage before `%|` and a plain rate (`s/it]`, `it/s]`) at the end, so there is no postfix.
 */
function isPlainBar(line: string, percent: number, len: number): boolean {
  if (percent > 8) return false;
  for (let i = 0; i < percent; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && (c < 48 || c > 57)) return false;
  }
  const a = line.charCodeAt(len - 2);
  // `s/it]` or `it/s]` (also `?it/s]`): a postfix would end in `=value]`.
  return (
    (a === 116 && line.charCodeAt(len - 3) === 105 && line.charCodeAt(len - 4) === 47) ||
    (a === 115 && line.charCodeAt(len - 3) === 47 && line.charCodeAt(len - 4) === 116)
  );
}

/**
 * A record without a prototype: metric names are keys, and a log may name a metric `__proto__`,
 * `constructor` or `toString`.
 */
function nullObject<T = MetricSeries>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function hasTypographicQuote(line: string): boolean {
  return (
    line.indexOf('\u2018') >= 0 ||
    line.indexOf('\u2019') >= 0 ||
    line.indexOf('\u201c') >= 0 ||
    line.indexOf('\u201d') >= 0
  );
}

function plainQuotes(line: string): string {
  return line.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

function hasKey(object: FlatObject, key: string): boolean {
  for (let i = 0; i < object.count; i++) if (object.keys[i] === key) return true;
  return false;
}

/** A copy of the first `n` values of `array` with room for `capacity` (holes past `n`). */
function grown(array: number[], n: number, capacity: number): number[] {
  const out = new Array<number>(capacity);
  for (let i = 0; i < n; i++) out[i] = array[i] as number;
  return out;
}

function lowerBound(s: StoredSeries, step: number): number {
  const steps = s.column.steps;
  let lo = 0;
  let hi = s.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((steps[mid] as number) < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Index of a `{` that opens a dict/JSON record (`{'`, `{"`, `{}` or a lone `{` ending the line). */
function findObjectStart(s: string): number {
  let i = s.indexOf('{');
  let guard = 0;
  while (i >= 0 && guard++ < 16) {
    let j = i + 1;
    const n = s.length;
    while (j < n && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j++;
    if (j >= n) return i;
    const c = s.charCodeAt(j);
    if (c === 39 || c === 34 || c === 125 || (c === 38 && s.startsWith('&quot;', j))) return i;
    i = s.indexOf('{', i + 1);
  }
  return -1;
}

const BRACKET_PREFIX_RE = /^\[(?:rank\d+|[\w-]+\|\d+|RANK:?\d+)\]:\s*/i;
const RAY_PREFIX_RE = /^\(\w+ pid=\d+(?:, ip=[\d.]+)?\)\s*/;
const SRUN_PREFIX_RE = /^\d{1,4}:\s+/;
const TIMESTAMP_RE = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?\s+(?=[a-zA-Z])/;

/**
 * Removes what wraps a record without being part of it: leading spaces, `> ` quote marks, ANSI colour
 * codes (with or without their ESC byte), `[rank0]:`/`[trainer0|0]:`, `(main_task pid=1) `,
 * `srun -l` rank numbers, `[INFO|trainer.py:3910] ... >> ` and user timestamps before `iter`.
 */
function stripPrefixes(line: string): string {
  let s = line;
  if (s.indexOf('\x1b') >= 0) s = s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  if (s.indexOf('[0m') >= 0) s = s.replace(/\[[0-9;]*m/g, '');
  let i = 0;
  const n = s.length;
  for (let guard = 0; guard < 8; guard++) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    if (i >= n) return '';
    const c = s.charCodeAt(i);
    if (c === 62 /* > */) {
      if (i + 1 >= n || s.charCodeAt(i + 1) === 32) {
        i++;
        continue;
      }
      break;
    }
    if (c === 91 /* [ */) {
      const rest = s.slice(i, i + 200);
      const m = BRACKET_PREFIX_RE.exec(rest);
      if (m) {
        i += m[0].length;
        continue;
      }
      const arrows = rest.indexOf(' >> ');
      if (arrows > 0 && /^\[[A-Z]+\|/.test(rest)) {
        i += arrows + 4;
        continue;
      }
      break;
    }
    if (c === 40 /* ( */) {
      const m = RAY_PREFIX_RE.exec(s.slice(i, i + 80));
      if (m) {
        i += m[0].length;
        continue;
      }
      break;
    }
    if (c >= 48 && c <= 57) {
      const rest = s.slice(i, i + 40);
      const m = SRUN_PREFIX_RE.exec(rest) ?? TIMESTAMP_RE.exec(rest);
      if (m) {
        i += m[0].length;
        continue;
      }
    }
    break;
  }
  return i === 0 ? s : s.slice(i);
}
