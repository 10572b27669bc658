import type { NonFinitePoint } from './findNonFinite';

/**
 * A run of non-finite points drawn as one marker: from the first to the last point of the stretch.
 *
 * @example
 * ```ts
 * const stretch: NonFiniteStretch = {
 *   fromX: 2650, toX: 4830, fromStep: 2650, toStep: 4830, count: 219, value: Number.NaN,
 * };
 * ```
 */
export interface NonFiniteStretch {
  /** x of the first point (step, epoch or seconds, as the axis). */
  fromX: number;
  /** x of the last point. */
  toX: number;
  fromStep: number;
  toStep: number;
  /** Number of non-finite points in the stretch. */
  count: number;
  /** Value of the first point: `NaN`, `Infinity` or `-Infinity`. */
  value: number;
}

/**
 * Gathers non-finite points into stretches so every one of them is shown however many there are:
 * consecutive points (adjacent in the series) form one stretch, and stretches closer than `mergeGap`
 * on the x axis (about a pixel or two) merge, so a million alternating NaNs still draw as a few
 * bands. Points without a finite x, or outside `[from, to]`, are left out.
 *
 * @param xs - the x column of the series
 * @param points - the non-finite points, in series order
 * @param options - `mergeGap` in x units (@defaultValue 0) and the visible range (@defaultValue all)
 * @returns the stretches, ascending x
 *
 * @example
 * ```ts
 * groupNonFinite([10, 20, 30, 40], [
 *   { index: 1, step: 20, value: Number.NaN },
 *   { index: 2, step: 30, value: Number.NaN },
 * ]); // [{ fromX: 20, toX: 30, fromStep: 20, toStep: 30, count: 2, value: NaN }]
 * ```
 */
export function groupNonFinite(
  xs: ArrayLike<number>,
  points: readonly NonFinitePoint[],
  options: { mergeGap?: number; from?: number; to?: number } = {},
): NonFiniteStretch[] {
  const mergeGap = options.mergeGap ?? 0;
  const from = options.from ?? Number.NEGATIVE_INFINITY;
  const to = options.to ?? Number.POSITIVE_INFINITY;
  const stretches: NonFiniteStretch[] = [];
  let current: NonFiniteStretch | null = null;
  let lastIndex = -2;
  for (const point of points) {
    const x = xs[point.index];
    if (x === undefined || !Number.isFinite(x) || x < from || x > to) continue;
    if (current && (point.index === lastIndex + 1 || x - current.toX <= mergeGap)) {
      current.toX = Math.max(current.toX, x);
      current.toStep = point.step;
      current.count++;
    } else {
      current = {
        fromX: x,
        toX: x,
        fromStep: point.step,
        toStep: point.step,
        count: 1,
        value: point.value,
      };
      stretches.push(current);
    }
    lastIndex = point.index;
  }
  return stretches;
}
