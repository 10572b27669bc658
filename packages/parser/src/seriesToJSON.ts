import type { LogFormat, ParseResult, ParseStats, Restart, StepSource } from './types';

/**
 * A number as the project writes it in JSON: finite numbers as they are, non-finite ones as the
 * strings `"NaN"`, `"Infinity"` and `"-Infinity"` (JSON has no such numbers).
 *
 * @example
 * ```ts
 * const v: JSONNumber = 'NaN';
 * const n = typeof v === 'string' ? Number(v) : v; // NaN
 * ```
 */
export type JSONNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/**
 * A {@link MetricSeries} ready for `JSON.stringify`.
 *
 * @example
 * ```ts
 * const s: MetricSeriesJSON = { steps: [10, 20], values: [2.3126, 'NaN'] };
 * ```
 */
export interface MetricSeriesJSON {
  /** Steps, strictly ascending. */
  steps: number[];
  /** `values[i]` is the value at `steps[i]`; non-finite values are strings. */
  values: JSONNumber[];
}

/**
 * The JSON document `trainviz-parse FILE --json` prints: a {@link ParseResult} with non-finite values
 * turned into strings.
 *
 * @example
 * ```ts
 * const doc: ParseResultJSON = JSON.parse(stdout);
 * doc.series.loss?.values; // [2.3126, 'NaN']
 * ```
 */
export interface ParseResultJSON {
  /** The detected format's id. */
  format: LogFormat;
  /** `explicit`, `progress` or `count`. */
  stepSource: StepSource;
  /** Series per canonical metric name. */
  series: Record<string, MetricSeriesJSON>;
  /** End-of-run totals. */
  summary: Record<string, JSONNumber>;
  /** Resumes detected, in log order. */
  restarts: Restart[];
  /** What was read and skipped. */
  stats: ParseStats;
}

/** `NaN`, `Infinity` and `-Infinity` as the strings of the project's JSON, other numbers unchanged. */
function toJSONNumber(value: number): JSONNumber {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/**
 * Turns a parse result into the project's JSON shape (the one of the corpus README and of the metrics
 * endpoint): `format`, `stepSource`, `series`, `summary`, `restarts` and `stats`, with non-finite values
 * as the strings `"NaN"`, `"Infinity"` and `"-Infinity"` (`JSON.stringify` would write `null`).
 * The result shares nothing with the input, so it can be mutated or serialised freely.
 *
 * @param result - What {@link parseTrainingLog} or a streaming parser's `result()` returned.
 * @returns A plain object to pass to `JSON.stringify`.
 *
 * @example
 * ```ts
 * const json = JSON.stringify(seriesToJSON(parseTrainingLog(text)), null, 2);
 * // { "format": "hf-trainer", "series": { "loss": { "steps": [10, 20], "values": [2.31, "NaN"] } }, ... }
 * ```
 */
export function seriesToJSON(result: ParseResult): ParseResultJSON {
  // fromEntries defines own properties, so a metric a log calls `__proto__` stays a plain key.
  const series: Record<string, MetricSeriesJSON> = Object.fromEntries(
    Object.entries(result.series).map(([name, s]) => [
      name,
      { steps: s.steps.slice(), values: s.values.map(toJSONNumber) },
    ]),
  );
  const summary: Record<string, JSONNumber> = Object.fromEntries(
    Object.entries(result.summary).map(([name, value]) => [name, toJSONNumber(value)]),
  );
  return {
    format: result.format,
    stepSource: result.stepSource,
    series,
    summary,
    restarts: result.restarts.map((r) => ({ step: r.step, fromStep: r.fromStep, line: r.line })),
    stats: { ...result.stats },
  };
}
