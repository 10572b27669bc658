/**
 * One metric of one run, columnar: the one series shape of every trainviz package. `steps` ascend
 * strictly; `values[i]` is the metric at `steps[i]`, with `NaN` and the infinities kept as JS
 * numbers (the wire codes them as strings, see `encodeWireValue`); `times[i]`, when known, is
 * seconds since the run started.
 *
 * @example
 * ```ts
 * const loss: MetricSeries = { steps: [10, 20], values: [2.31, Number.NaN], times: [12, 25] };
 * ```
 */
export interface MetricSeries {
  steps: number[];
  values: number[];
  times?: number[];
}

/** A {@link MetricSeries} read but never written (what a chart is given). */
export interface ReadonlyMetricSeries {
  readonly steps: readonly number[];
  readonly values: readonly number[];
  readonly times?: readonly number[];
}
