import { formatDuration } from './formatDuration';
import { formatTicks } from './formatTicks';
import { niceTimeTicks } from './niceTimeTicks';

/**
 * Ticks of a time axis (seconds since the run started) on whole seconds, minutes, hours or days,
 * labelled as durations with as many units as it takes to tell neighbours apart. Loaded on first
 * use of the time axis (see `lazyFeatures`).
 *
 * @param from - start of the visible range, in seconds
 * @param to - end of the visible range, in seconds
 * @param count - about how many ticks fit
 * @returns the tick values and their labels, in the same order
 *
 * @example
 * ```ts
 * timeTicks(0, 5400, 4); // { values: [0, 1800, 3600, 5400], labels: ['0s', '30m', '1h', '1h 30m'] }
 * ```
 */
export function timeTicks(
  from: number,
  to: number,
  count: number,
): { values: number[]; labels: string[] } {
  const values = niceTimeTicks(from, to, count);
  // Ticks 5 s apart an hour into a run need the seconds (`1h 14m 50s`) to tell them apart.
  for (let units = 2; units <= 4; units++) {
    const labels = values.map((value) => formatDuration(value, units));
    if (labels.every((label, i) => i === 0 || label !== labels[i - 1])) return { values, labels };
  }
  // Only a sub-second range gets here: its fractional ticks read as plain seconds.
  return { values, labels: formatTicks(values).map((text) => `${text}s`) };
}

export { formatDuration };
