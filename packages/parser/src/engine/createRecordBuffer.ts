import type { ColumnStore, StoredSeries } from './createColumnStore';

/**
 * The record being handled and the one kept before it, as columns (records of the hot path are
 * reused, so the previous one is a copy): what tells a duplicate from a new record.
 */
export interface RecordBuffer {
  /** Loads a record's `[name, value]` pairs (series looked up by position, then by name). */
  load(metrics: ReadonlyArray<readonly [string, number]>): void;
  /** Loads one metric of a record read by a layout (its series already known). */
  set(i: number, name: string, value: number, series: StoredSeries): void;
  /** Ends a load by `set`. */
  setCount(count: number): void;
  readonly count: number;
  readonly names: readonly string[];
  readonly values: readonly number[];
  readonly series: readonly StoredSeries[];
  /** The same metrics with the same values (NaN equal to NaN) as the record kept before. */
  sameAsPrevious(): boolean;
  /** The record shares no metric with the one kept before (it is another kind of line). */
  disjointFromPrevious(): boolean;
  /** The record shares no metric but `epoch` with the one before it. */
  disjointBesidesEpoch(): boolean;
  /** Keeps the record: it becomes the previous one. */
  keep(): void;
}

/**
 * Creates the record buffer of a parse. Records repeat their layout, so the series of each
 * position is remembered and most records need no lookup by name.
 *
 * @param store - Where series are looked up.
 * @returns The buffer.
 * @example
 * ```ts
 * const buffer = createRecordBuffer(createColumnStore(true));
 * buffer.load([['loss', 2.31]]);
 * buffer.sameAsPrevious(); // false
 * ```
 */
export function createRecordBuffer(store: ColumnStore): RecordBuffer {
  let names: string[] = [];
  let values: number[] = [];
  let count = 0;
  let previousNames: string[] = [];
  let previousValues: number[] = [];
  let previousCount = 0;
  const series: StoredSeries[] = [];
  const slotNames: string[] = [];
  const slotSeries: StoredSeries[] = [];

  return {
    load(metrics) {
      const n = metrics.length;
      for (let i = 0; i < n; i++) {
        const metric = metrics[i] as readonly [string, number];
        const name = metric[0];
        names[i] = name;
        values[i] = metric[1];
        let s = slotNames[i] === name ? slotSeries[i] : undefined;
        if (s === undefined) {
          s = store.seriesOf(name);
          slotNames[i] = name;
          slotSeries[i] = s;
        }
        series[i] = s;
      }
      count = n;
    },
    set(i, name, value, s) {
      names[i] = name;
      values[i] = value;
      series[i] = s;
    },
    setCount(n) {
      count = n;
    },
    get count() {
      return count;
    },
    get names() {
      return names;
    },
    get values() {
      return values;
    },
    series,
    sameAsPrevious() {
      if (count !== previousCount) return false;
      for (let i = 0; i < count; i++) {
        if (names[i] !== previousNames[i]) return false;
        if (!Object.is(values[i], previousValues[i])) return false;
      }
      return true;
    },
    disjointFromPrevious() {
      for (let i = 0; i < count; i++) {
        const name = names[i];
        for (let j = 0; j < previousCount; j++) if (previousNames[j] === name) return false;
      }
      return true;
    },
    disjointBesidesEpoch() {
      for (let i = 0; i < count; i++) {
        const name = names[i];
        if (name === 'epoch') continue;
        for (let j = 0; j < previousCount; j++) if (previousNames[j] === name) return false;
      }
      return true;
    },
    keep() {
      const n = names;
      const v = values;
      names = previousNames;
      values = previousValues;
      previousNames = n;
      previousValues = v;
      previousCount = count;
    },
  };
}
