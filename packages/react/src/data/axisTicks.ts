import { formatNumber } from './formatNumber';
import { formatTicks } from './formatTicks';
import { timeAxisModule } from './lazyFeatures';
import { niceTicks } from './niceTicks';
import type { XAxisMode, YScale } from './types';

/**
 * Tick positions of an axis and the label of each.
 *
 * @example
 * ```ts
 * const ticks: AxisTicks = { values: [0, 1000], labels: new Map([[0, '0'], [1000, '1k']]) };
 * ```
 */
export interface AxisTicks {
  values: number[];
  labels: Map<number, string>;
}

/**
 * Title of the x axis in each mode.
 *
 * @example
 * ```ts
 * xAxisTitles.time; // 'time since start'
 * ```
 */
export const xAxisTitles: Readonly<Record<XAxisMode, string>> = {
  step: 'step',
  epoch: 'epoch',
  time: 'time since start',
};

/**
 * Title of the x axis for these runs: on the step axis, "log record #" when every run's steps were
 * counted (its log printed no step, so records were numbered), as the parser documents.
 *
 * @param mode - the x axis
 * @param runs - the runs drawn
 * @returns the title
 *
 * @example
 * ```ts
 * xAxisTitle('step', [{ id: 'a', stepSource: 'count', metrics: {} }]); // 'log record #'
 * ```
 */
export function xAxisTitle(
  mode: XAxisMode,
  runs: readonly { stepSource?: string | null | undefined }[],
): string {
  if (mode === 'step' && runs.length > 0 && runs.every((run) => run.stepSource === 'count')) {
    return 'log record #';
  }
  return xAxisTitles[mode];
}

/**
 * One x value as the tooltip shows it: a duration on the time axis, else a short number.
 *
 * @param value - x coordinate
 * @param mode - what x measures
 * @returns the label
 *
 * @example
 * ```ts
 * formatX(5400, 'time'); // '1h 30m'
 * ```
 */
export function formatX(value: number, mode: XAxisMode): string {
  // The view draws a time axis once its module is loaded; plain seconds until then.
  const time = mode === 'time' ? timeAxisModule.current : null;
  if (time) return time.formatDuration(value, 3);
  return formatNumber(value, mode === 'epoch' ? 3 : 4);
}

function withLabels(values: number[], labels: readonly string[]): AxisTicks {
  return { values, labels: new Map(values.map((value, i) => [value, labels[i] ?? ''])) };
}

/**
 * Round x ticks for a domain: whole steps, round epochs, or durations on whole minutes or hours,
 * with labels precise enough to tell neighbours apart. Durations need `timeAxisModule` loaded (the
 * view waits for it before drawing a time axis); before that the ticks are plain seconds.
 *
 * @param domain - visible x range
 * @param mode - what x measures
 * @param count - about how many ticks fit
 * @returns the ticks and their labels
 *
 * @example
 * ```ts
 * xAxisTicks([0, 4830], 'step', 5).values; // [0, 1000, 2000, 3000, 4000]
 * ```
 */
export function xAxisTicks(
  domain: readonly [number, number],
  mode: XAxisMode,
  count: number,
): AxisTicks {
  const [from, to] = domain;
  const time = mode === 'time' ? timeAxisModule.current : null;
  if (time) {
    const { values, labels } = time.timeTicks(from, to, count);
    return withLabels(values, labels);
  }
  const values = niceTicks(from, to, count, { integer: mode === 'step' });
  return withLabels(values, formatTicks(values));
}

/**
 * Round y ticks for a domain, powers of ten on a log scale.
 *
 * @param domain - visible y range
 * @param count - about how many ticks fit
 * @param scale - linear or log
 * @returns the ticks and their labels
 *
 * @example
 * ```ts
 * yAxisTicks([1.01, 2.62], 3, 'linear').values; // [1.5, 2, 2.5]
 * ```
 */
export function yAxisTicks(
  domain: readonly [number, number],
  count: number,
  scale: YScale,
): AxisTicks {
  const values = niceTicks(domain[0], domain[1], count, { scale });
  return withLabels(values, formatTicks(values));
}
