import type { EmaSmoother } from '@trainviz/client/series';
import { createEmaSmoother } from '@trainviz/client/series';
import type { NonFinitePoint } from './findNonFinite';
import { findNonFinite } from './findNonFinite';

/**
 * What {@link SeriesModelCache.get} reads: the full recorded series.
 *
 * @example
 * ```ts
 * const input: SeriesModelInput = { steps: [10, 20], values: [2.3, 2.1] };
 * ```
 */
export interface SeriesModelInput {
  steps: readonly number[];
  values: readonly number[];
  /**
   * The x coordinate of point `index` (epoch, seconds). Called once per new point.
   * @defaultValue the step
   */
  xOf?: ((index: number) => number) | undefined;
}

/**
 * A series ready to draw: the full columns, the x column and TensorBoard's debiased EMA of the values.
 * Arrays are extended in place when points are appended; `version` changes whenever they do.
 *
 * @example
 * ```ts
 * const model = cache.get('sft-7:loss:step', { steps, values }, 0.6);
 * model.smoothed?.[model.length - 1];
 * ```
 */
export interface SeriesModel {
  readonly steps: readonly number[];
  readonly values: readonly number[];
  /** x coordinate of each point, ascending. */
  readonly xs: readonly number[];
  /** Smoothed values, or `null` when the weight is 0. */
  readonly smoothed: readonly number[] | null;
  /** Points whose value is `NaN` or infinite, drawn as markers. */
  readonly nonFinite: readonly NonFinitePoint[];
  readonly length: number;
  /** Increases each time the model changes. */
  readonly version: number;
  /**
   * The same object for as long as the model only grew by appends; a new one after a rebuild (a
   * resume that rewrote points, another smoothing weight). Views use it to extend instead of redo.
   */
  readonly lineage: object;
}

/**
 * Keeps one {@link SeriesModel} per key and updates it incrementally.
 *
 * @example
 * ```ts
 * const cache = createSeriesModelCache();
 * const model = cache.get('run:loss:step', { steps, values }, 0.6);
 * ```
 */
export interface SeriesModelCache {
  /** The model of `input` under `key`; reuses and extends the previous one when `input` only grew. */
  get(key: string, input: SeriesModelInput, weight: number): SeriesModel;
  /** Forgets every key not listed, so hidden or removed runs do not hold memory. */
  retain(keys: Iterable<string>): void;
}

interface Entry {
  model: SeriesModel;
  lineage: object;
  /** Own x coordinates when `xOf` maps steps; null when the x of a point is its step. */
  xs: number[] | null;
  smoothed: number[] | null;
  nonFinite: NonFinitePoint[];
  weight: number;
  /** Every value so far equals the first: drawn unsmoothed, as smoothEma draws a constant series. */
  constant: boolean;
  /** The running average, carried from poll to poll. */
  smoother: EmaSmoother;
}

/**
 * Creates a cache of series models. Appending 10 points to a 1M-point series costs 10 points of work:
 * the EMA state is carried from the previous end and only the new x coordinates are computed. Anything
 * other than an append (a resume that rewrote points, a different series) rebuilds the model.
 *
 * @returns an empty cache
 *
 * @example
 * ```ts
 * const cache = createSeriesModelCache();
 * let model = cache.get('a:loss', { steps: [1, 2], values: [3, 2] }, 0.5);
 * model = cache.get('a:loss', { steps: [1, 2, 3], values: [3, 2, 1] }, 0.5); // one new point smoothed
 * ```
 */
export function createSeriesModelCache(): SeriesModelCache {
  const entries = new Map<string, Entry>();
  let versions = 0;

  const build = (input: SeriesModelInput, weight: number): Entry => {
    const { steps, values } = input;
    const length = Math.min(steps.length, values.length);
    // On a step axis x is the step: reuse the array instead of copying a million numbers.
    let xs: number[] | null = null;
    if (input.xOf) {
      // Built by push, not `new Array(length)`: V8 keeps a preallocated million-slot array in slow
      // dictionary mode, and the first append to it would then cost a full conversion.
      xs = [];
      for (let i = 0; i < length; i++) xs.push(input.xOf(i));
    }
    const nonFinite = findNonFinite(steps, values);
    const lineage = {};
    const entry: Entry = {
      lineage,
      model: {
        lineage,
        steps,
        values,
        xs: xs ?? steps,
        smoothed: null,
        nonFinite,
        length,
        version: ++versions,
      },
      xs,
      smoothed: null,
      nonFinite,
      weight,
      constant: true,
      smoother: createEmaSmoother(weight),
    };
    if (weight > 0) {
      // Built by push for the same reason as `xs`: the next poll appends to it.
      const smoothed: number[] = [];
      entry.smoothed = smoothed;
      const first = values[0];
      for (let i = 0; i < length && entry.constant; i++)
        if (values[i] !== first) entry.constant = false;
      const { smoother, constant } = entry;
      for (let i = 0; i < length; i++) {
        const v = values[i] as number;
        smoothed.push(constant ? v : smoother.push(v));
      }
      entry.model = { ...entry.model, smoothed };
    }
    return entry;
  };

  const isAppend = (entry: Entry, input: SeriesModelInput): boolean => {
    const old = entry.model;
    const n = old.length;
    if (n === 0) return false;
    if (input.steps.length < n || input.values.length < n) return false;
    return (
      input.steps[0] === old.steps[0] &&
      input.steps[n - 1] === old.steps[n - 1] &&
      Object.is(input.values[n - 1], old.values[n - 1])
    );
  };

  const extend = (entry: Entry, input: SeriesModelInput): Entry | null => {
    const old = entry.model;
    const { steps, values } = input;
    const length = Math.min(steps.length, values.length);
    if (length === old.length && steps === old.steps && values === old.values) return entry;
    const w = entry.weight;
    const first = values[0];
    for (let i = old.length; i < length; i++) {
      const v = values[i] as number;
      // A series that stops being constant is smoothed from scratch, as smoothEma would do.
      if (w > 0 && entry.constant && v !== first) return null;
      if (entry.xs) entry.xs.push(input.xOf ? input.xOf(i) : (steps[i] as number));
      if (!Number.isFinite(v))
        entry.nonFinite.push({ index: i, step: steps[i] as number, value: v });
      if (entry.smoothed) entry.smoothed.push(entry.constant ? v : entry.smoother.push(v));
    }
    entry.model = {
      steps,
      values,
      xs: entry.xs ?? steps,
      smoothed: entry.smoothed,
      nonFinite: entry.nonFinite,
      length,
      version: ++versions,
      lineage: entry.lineage,
    };
    return entry;
  };

  return {
    get(key, input, weight) {
      // Clamped as smoothEma clamps it; a NaN weight means no smoothing.
      const w = createEmaSmoother(weight).weight;
      const previous = entries.get(key);
      let entry: Entry | null = null;
      if (previous && previous.weight === w && isAppend(previous, input)) {
        entry = extend(previous, input);
      }
      if (!entry) entry = build(input, w);
      entries.set(key, entry);
      return entry.model;
    },
    retain(keys) {
      const keep = new Set(keys);
      for (const key of entries.keys()) if (!keep.has(key)) entries.delete(key);
    },
  };
}
