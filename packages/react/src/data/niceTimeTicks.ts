import { niceTicks } from './niceTicks';

/** Round durations in seconds: 1, 2, 5, 10, 15, 30 s; 1, 2, 5, 10, 15, 30 min; 1, 2, 3, 6, 12 h; 1 d. */
const TIME_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
];
const DAY = 86_400;

/**
 * Round ticks for an axis of seconds since the run started: whole seconds, minutes or hours (1, 2, 5,
 * 10, 15, 30 s or min; 1, 2, 3, 6, 12 h; then 1-2-5 days), the step chosen so the number of ticks is
 * as close to `count` as possible. A range under two seconds falls back to {@link niceTicks}.
 *
 * @param min - low end of the range, in seconds
 * @param max - high end of the range, in seconds
 * @param count - wanted number of ticks. @defaultValue 5
 * @returns ascending ticks in seconds
 *
 * @example
 * ```ts
 * niceTimeTicks(12, 4400, 5); // [900, 1800, 2700, 3600]: 15m, 30m, 45m, 1h
 * ```
 */
export function niceTimeTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  if (hi - lo < 2) return niceTicks(lo, hi, count);
  const wanted = Math.max(1, Math.round(count));
  if ((hi - lo) / wanted > DAY) {
    return niceTicks(lo / DAY, hi / DAY, wanted, { integer: true }).map((days) => days * DAY);
  }
  let best: number[] = [];
  let bestError = Number.POSITIVE_INFINITY;
  for (const step of TIME_STEPS) {
    const first = Math.ceil(lo / step);
    const last = Math.floor(hi / step);
    if (last < first || last - first > 1000) continue;
    const error = Math.abs(last - first + 1 - wanted);
    // Steps ascend, so on a tie the later, sparser step wins: duration labels are wide.
    if (error <= bestError) {
      best = [];
      for (let i = first; i <= last; i++) best.push(i * step);
      bestError = error;
    }
  }
  return best;
}
