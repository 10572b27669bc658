import type { LineRecord } from '../formats/LineRecord';
import { EPOCH, EVAL, type RecordLayout, TRAIN } from '../formats/recordLayout';
import type { LogFormat, Restart } from '../types';
import type { ColumnStore, StoredSeries } from './createColumnStore';
import type { RecordBuffer } from './createRecordBuffer';
import type { ResolvedStep, StepClaims, StepTracker } from './createStepTracker';

/** Takes the records the formats read and stores their points. */
export interface RecordHandler {
  /** A record a format read. */
  record(record: LineRecord): void;
  /** A one-line dict or JSON object read by its layout (the fast path): the same as `record`. */
  layoutRecord(layout: RecordLayout<StoredSeries>): void;
  readonly records: number;
  readonly duplicates: number;
  readonly restarts: readonly Restart[];
  readonly summary: Record<string, number>;
  /** Formats that gave records, the one with most loss records first. */
  formats(): LogFormat[];
}

/**
 * Creates the record handler of a parse: a record's step comes from the tracker, a record that
 * repeats the one before it at the same step is dropped (two handlers, several ranks), an explicit
 * step that went back restarts the run from there, end-of-run totals go to the summary, and the
 * points go to the store.
 *
 * @param parts - The store, the record buffer, the step tracker, a forced format and the line counter.
 * @returns The handler.
 * @example
 * ```ts
 * const handler = createRecordHandler({ store, buffer, tracker, forced: undefined, line: () => 1 });
 * handler.record({ format: 'nanogpt', kind: 'train', step: 10, metrics: [['loss', 3.2]] });
 * ```
 */
export function createRecordHandler(parts: {
  store: ColumnStore;
  buffer: RecordBuffer;
  tracker: StepTracker;
  forced: LogFormat | undefined;
  /** The 1-based number of the line being read (for restarts). */
  line: () => number;
}): RecordHandler {
  const { store, buffer, tracker, forced } = parts;
  const summary: Record<string, number> = Object.create(null);
  const restarts: Restart[] = [];
  const formatCounts = new Map<string, { loss: number; all: number }>();
  let records = 0;
  let duplicates = 0;
  const placed: ResolvedStep = { step: 0, source: undefined, restartFrom: undefined };
  const claims: StepClaims = {
    kind: 'train',
    format: 'unknown',
    explicit: undefined,
    progress: undefined,
    weak: undefined,
    tail: false,
    epochEnd: false,
    barDescription: false,
  };

  function countFormat(format: string, curve: boolean): void {
    let c = formatCounts.get(format);
    if (!c) {
      c = { loss: 0, all: 0 };
      formatCounts.set(format, c);
    }
    c.all++;
    if (curve) c.loss++;
  }

  /** Places the record in the buffer at its step and stores it, unless it is a duplicate. */
  function commit(): void {
    const resolved = tracker.resolve(claims, buffer, placed);
    // A fragment (the tail of a cut line that repeats the record before it) is no record.
    if (claims.tail && Number.isNaN(resolved.step)) return;
    const key =
      resolved.source === 'explicit' || resolved.source === 'progress' ? resolved.step : undefined;
    // A record with no step of its own that repeats the one before it is that record printed again
    // (by another rank, or a second handler), whatever step the one before it got from a bar.
    const stepless =
      key === undefined &&
      claims.explicit === undefined &&
      claims.progress === undefined &&
      claims.weak === undefined;
    if (
      (tracker.previousKey === key || stepless) &&
      claims.kind === tracker.previousKind &&
      buffer.sameAsPrevious()
    ) {
      duplicates++;
      return;
    }
    tracker.commit(claims, resolved);
    if (resolved.restartFrom !== undefined) {
      const restart = store.restartAt(resolved.step, resolved.restartFrom, parts.line());
      restarts.push(restart);
    }
    const count = buffer.count;
    const names = buffer.names;
    let curve = false;
    for (let i = 0; i < count; i++) {
      const name = names[i];
      if (name === 'loss' || name === 'eval_loss') curve = true;
    }
    if (!Number.isFinite(resolved.step)) {
      buffer.keep();
      return;
    }
    store.storeRecord(buffer.series, buffer.values, count, resolved.step);
    buffer.keep();
    countFormat(claims.format, curve);
    records++;
  }

  /** A format other than `format` has given records. */
  function otherFormatSeen(format: string): boolean {
    for (const [name, counts] of formatCounts) if (name !== format && counts.all > 0) return true;
    return false;
  }

  function record(r: LineRecord): void {
    if (forced !== undefined && r.format !== forced) return;
    if (r.kind === 'summary' || (r.aside === true && otherFormatSeen(r.format))) {
      const update = store.update;
      for (const [name, value] of r.metrics) {
        summary[name] = value;
        update.summary[name] = value;
      }
      countFormat(r.format, false);
      records++;
      return;
    }
    buffer.load(r.metrics);
    claims.kind = r.kind;
    claims.format = r.format;
    claims.explicit = r.step;
    claims.progress = r.progressStep;
    claims.weak = r.weakStep;
    claims.tail = r.tail === true;
    claims.epochEnd = r.epochEnd === true;
    claims.barDescription = r.barDescription === true;
    claims.unordered = r.unordered === true;
    commit();
  }

  /** What `objectRecord` does with the object, on the values read into the layout. */
  function layoutRecord(layout: RecordLayout<StoredSeries>): void {
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
        s = store.seriesOf(name);
        slots[k] = s;
      }
      buffer.set(m, name, value, s);
      m++;
    }
    if (m === 0) return;
    buffer.setCount(m);
    if (step === undefined && layout.epochIsStep && Number.isInteger(epoch)) step = epoch;
    claims.kind = hasEval && !hasTrain ? 'eval' : 'train';
    claims.format = layout.format;
    claims.explicit = step;
    claims.progress = undefined;
    claims.weak = undefined;
    claims.tail = false;
    claims.epochEnd = false;
    claims.barDescription = false;
    claims.unordered = false;
    commit();
  }

  return {
    record,
    layoutRecord,
    get records() {
      return records;
    },
    get duplicates() {
      return duplicates;
    },
    restarts,
    summary,
    formats() {
      return [...formatCounts.entries()]
        .sort((a, b) => b[1].loss - a[1].loss || b[1].all - a[1].all)
        .map(([f]) => f as LogFormat);
    },
  };
}
