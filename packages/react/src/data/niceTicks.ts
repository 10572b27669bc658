/**
 * Options of {@link niceTicks}.
 *
 * @example
 * ```ts
 * const options: NiceTicksOptions = { scale: 'log' };
 * ```
 */
export interface NiceTicksOptions {
  /**
   * `log` puts ticks at powers of ten (and at their 2 and 5 multiples on a range under two decades).
   * @defaultValue 'linear'
   */
  scale?: 'linear' | 'log';
  /** Only whole-number ticks, for steps. @defaultValue false */
  integer?: boolean;
}

const STEP_FACTORS = [1, 2, 5];

/**
 * Round axis ticks inside `[min, max]`: multiples of a 1, 2 or 5 × 10ⁿ step, the step chosen so the
 * number of ticks is as close to `count` as possible. The range itself need not be round: the ticks
 * are. On a log scale the ticks are powers of ten, thinned to about `count`, plus their 2 and 5
 * multiples when the range spans less than two decades.
 *
 * @param min - low end of the axis range
 * @param max - high end of the axis range
 * @param count - wanted number of ticks. @defaultValue 5
 * @param options - scale and integer-only ticks
 * @returns ascending ticks, empty when the range is not finite (or not positive on a log scale)
 *
 * @example
 * ```ts
 * niceTicks(10, 4830, 5); // [1000, 2000, 3000, 4000]
 * niceTicks(1.01, 2.62, 6); // [1.2, 1.4, 1.6, 1.8, 2, 2.2, 2.4, 2.6]
 * niceTicks(1e-6, 1e-2, 5, { scale: 'log' }); // [1e-6, 1e-5, 1e-4, 1e-3, 1e-2]
 * ```
 */
export function niceTicks(
  min: number,
  max: number,
  count = 5,
  options: NiceTicksOptions = {},
): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const wanted = Math.max(1, Math.round(count));
  if (options.scale === 'log') return logTicks(lo, hi, wanted);
  return linearTicks(lo, hi, wanted, options.integer === true);
}

function linearTicks(lo: number, hi: number, count: number, integer: boolean): number[] {
  if (lo === hi) return integer && !Number.isInteger(lo) ? [] : [lo];
  const raw = (hi - lo) / count;
  const exponent = Math.floor(Math.log10(raw));
  let best: number[] = [];
  let bestError = Number.POSITIVE_INFINITY;
  // Candidate steps around the raw step; the closest tick count wins, the sparser one on a tie.
  for (let e = exponent - 1; e <= exponent + 1; e++) {
    for (const factor of STEP_FACTORS) {
      const step = factor * 10 ** e;
      if (integer && step < 1) continue;
      const ticks = multiplesOf(step, e, lo, hi);
      if (ticks.length === 0) continue;
      const error = Math.abs(ticks.length - count);
      if (error < bestError || (error === bestError && ticks.length < best.length)) {
        best = ticks;
        bestError = error;
      }
    }
  }
  return best;
}

function multiplesOf(step: number, exponent: number, lo: number, hi: number): number[] {
  // A tolerance of a millionth of a step keeps a bound that is itself a multiple (1.2 vs 1.2000000001).
  const first = Math.ceil(lo / step - 1e-6);
  const last = Math.floor(hi / step + 1e-6);
  if (last - first > 1000) return [];
  const decimals = Math.max(0, -exponent);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(roundTo(i * step, decimals));
  return ticks;
}

function roundTo(value: number, decimals: number): number {
  // Removes binary noise: 3 × 0.1 is 0.30000000000000004, the tick should read 0.3.
  const rounded = Number(value.toFixed(Math.min(100, decimals)));
  return rounded === 0 ? 0 : rounded;
}

function powerOfTen(exponent: number): number {
  return Number(`1e${exponent}`);
}

function logTicks(lo: number, hi: number, count: number): number[] {
  if (hi <= 0) return [];
  const low = lo > 0 ? lo : hi / 1000;
  const first = Math.ceil(Math.log10(low) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  const inRange = (v: number) => v >= low * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  if (Math.log10(hi / low) < 2) {
    const ticks: number[] = [];
    for (let e = first - 1; e <= last; e++) {
      for (const factor of STEP_FACTORS) {
        const value = roundTo(factor * powerOfTen(e), Math.max(0, -e));
        if (inRange(value)) ticks.push(value);
      }
    }
    // Within a single decade (a loss from 1.3 to 2.6) the 1-2-5 marks leave one tick at most: round
    // linear ticks read better there, and a log axis places them correctly all the same.
    if (ticks.length >= 3) return ticks;
    return linearTicks(low, hi, count, false).filter((v) => v > 0);
  }
  const decades = last - first + 1;
  const every = Math.max(1, Math.ceil(decades / count));
  const ticks: number[] = [];
  for (let e = first; e <= last; e++) {
    if (e % every === 0) ticks.push(powerOfTen(e));
  }
  return ticks;
}
