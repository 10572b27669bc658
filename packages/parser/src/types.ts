import type { FormatId } from './formats/registry';

/**
 * Identifier of a log format the parser recognises.
 *
 * `generic` is the `key: value` / `key=value` fallback; `unknown` means no record was found.
 *
 * @example
 * ```ts
 * const { format } = parseTrainingLog(text);
 * if (format === 'hf-trainer') console.log('Hugging Face Trainer stdout');
 * ```
 */
export type LogFormat = FormatId | 'unknown';

/**
 * Where the x-axis steps of a parse come from, best first:
 * - `explicit`: the log printed them (`step`, `global_step`, `iter`, `Iter N:`, `current_steps`, ...);
 * - `progress`: the position of the progress bar printed just before each record (`| 100/7252 [`);
 * - `count`: neither was there, records were counted 1, 2, 3, ... (label the axis honestly).
 *
 * @example
 * ```ts
 * const label = result.stepSource === 'count' ? 'log record #' : 'step';
 * ```
 */
export type StepSource = 'explicit' | 'progress' | 'count';

/**
 * One metric as two parallel columns, sorted by ascending step, at most one value per step.
 * Non-finite values (`NaN`, `Infinity`, `-Infinity`) are kept as JS numbers. In a parse result,
 * metrics logged at the same steps may share one `steps` array: copy it before changing it.
 *
 * @example
 * ```ts
 * const { steps, values } = result.series.loss;
 * const rows = steps.map((step, i) => ({ step, loss: values[i] }));
 * ```
 */
export interface MetricSeries {
  /** Steps, strictly ascending. */
  steps: number[];
  /** `values[i]` is the value at `steps[i]`. */
  values: number[];
}

/**
 * A resume from a checkpoint: explicit steps went backwards. Points of every metric at and after
 * `step` recorded before the restart were replaced by the ones after it (what TensorBoard does).
 *
 * @example
 * ```ts
 * for (const r of result.restarts) console.log(`resumed at step ${r.step} (line ${r.line})`);
 * ```
 */
export interface Restart {
  /** The first step logged after the resume. */
  step: number;
  /** The last step seen before the resume. */
  fromStep: number;
  /** 1-based line number of the record where the restart was detected. */
  line: number;
}

/**
 * Counts of what the parser read and left out.
 *
 * @example
 * ```ts
 * if (result.stats.malformedLines > 0) console.warn(`${result.stats.malformedLines} lines skipped`);
 * ```
 */
export interface ParseStats {
  /** Physical lines read (split on `\n`, `\r\n` and `\r`). */
  lines: number;
  /** Records (logged events) that produced at least one metric value. */
  records: number;
  /** Lines that looked like a record (a dict, a JSON object, a metric line) but could not be read. */
  malformedLines: number;
  /** Records dropped as exact duplicates of the previous record at the same step. */
  duplicateRecords: number;
}

/**
 * The result of parsing a whole log.
 *
 * @example
 * ```ts
 * const result = parseTrainingLog(text);
 * result.series.loss?.values; // [2.31, 2.12, ...]
 * result.summary.train_runtime; // 15291.77
 * ```
 */
export interface ParseResult {
  /** The format of most records (`unknown` when no record was found). */
  format: LogFormat;
  /** Every format that contributed records, most records first (a log may mix formats). */
  formats: LogFormat[];
  /** Where steps came from (the weakest source used by any train record). */
  stepSource: StepSource;
  /** Series per canonical metric name (`loss`, `eval_loss`, `learning_rate`, `grad_norm`, `epoch`, ...). */
  series: Record<string, MetricSeries>;
  /** End-of-run totals (`train_runtime`, `train_loss`, ...), kept out of the curves. */
  summary: Record<string, number>;
  /** Resumes detected, in log order. */
  restarts: Restart[];
  /** What was read and skipped. */
  stats: ParseStats;
}

/**
 * One metric value at one step, as emitted by the streaming parser.
 *
 * @example
 * ```ts
 * const point: MetricPoint = { metric: 'loss', step: 10, value: 2.31 };
 * ```
 */
export interface MetricPoint {
  metric: string;
  step: number;
  value: number;
}

/**
 * What one `push()` or `end()` of the streaming parser made final.
 * Apply `restarts` first (drop every stored point with `step >= restart.step`), then upsert `points`
 * (a later point for the same metric and step replaces the earlier one).
 *
 * @example
 * ```ts
 * const update = parser.push(chunk);
 * for (const r of update.restarts) store.deleteFrom(r.step);
 * store.upsert(update.points);
 * ```
 */
export interface LogParserUpdate {
  points: MetricPoint[];
  restarts: Restart[];
  /** Summary keys that became known in this update. */
  summary: Record<string, number>;
}

/**
 * Options of {@link parseTrainingLog} and {@link createLogParser}.
 *
 * @example
 * ```ts
 * parseTrainingLog(text, { format: 'nanogpt' });
 * ```
 */
export interface ParseOptions {
  /**
   * Force a format instead of detecting it per line.
   * @defaultValue undefined (detect)
   */
  format?: LogFormat;
  /**
   * Longest line kept, in characters; longer lines are skipped and counted as malformed, so one
   * runaway line cannot exhaust memory.
   * @defaultValue 1_048_576
   */
  maxLineLength?: number;
  /**
   * Keep every point in the parser, for `result().series`. Set it to `false` when you consume the
   * `push()`/`end()` updates and store the points yourself (a server capture, a `--follow` printer):
   * then `result().series` is empty, but `format`, `formats`, `stepSource`, `summary`, `restarts` and
   * `stats` are still kept, duplicates, latest-wins and restarts still work on the updates, and memory
   * stays bounded by the parser's small per-metric state however long the log is.
   * @defaultValue true
   * @example
   * ```ts
   * const parser = createLogParser({ retainSeries: false });
   * store.upsert(parser.push(chunk).points);
   * ```
   */
  retainSeries?: boolean;
  /**
   * Read one-line dicts and JSON objects that repeat the layout of an earlier line by that layout
   * (a compiled pattern), without the general object reader. The result is the same either way;
   * turn it off to check exactly that, or to measure the general path.
   *
   * @defaultValue true
   * @example
   * ```ts
   * parseTrainingLog(text, { layoutFastPath: false });
   * ```
   */
  layoutFastPath?: boolean;
}

/**
 * A streaming parser: feed it chunks as they arrive; the result does not depend on where the text was
 * cut (a line, a `\r\n` or a multi-line dict split across chunks).
 *
 * @example
 * ```ts
 * const parser = createLogParser();
 * child.stdout.on('data', (b) => send(parser.push(b.toString())));
 * child.on('close', () => { send(parser.end()); console.log(parser.result()); });
 * ```
 */
export interface LogParser {
  /** Feed the next chunk of text; returns the points that became final. Never throws. */
  push(chunk: string): LogParserUpdate;
  /** Flush what is pending (an unterminated last line); returns the last points. */
  end(): LogParserUpdate;
  /**
   * The result so far, same shape as {@link parseTrainingLog}'s. Before `end()` the series are
   * copies; after it they are the parser's own final arrays (no copy): treat them as read-only.
   * Metrics logged together (the keys of one dict or JSON line) may share one `steps` array.
   */
  result(): ParseResult;
}
