/**
 * How the spread of a run group is drawn around its mean: between the lowest and highest member
 * (`minmax`), or one standard deviation either side (`std`).
 *
 * @example
 * ```ts
 * const band: GroupBand = 'std';
 * ```
 */
export type GroupBand = 'minmax' | 'std';

/**
 * One metric of a group of runs (seed replicas of one config) reduced to a mean line and a band.
 *
 * @example
 * ```ts
 * const group: RunGroupSeries = aggregateRunGroup([seed1.loss, seed2.loss, seed3.loss], 'minmax');
 * group.mean[0]; // mean of the three at the first step
 * ```
 */
export interface RunGroupSeries {
  /** Every step any member recorded, ascending. */
  steps: number[];
  /** Mean of the members with a finite value at the step; `NaN` when none has one. */
  mean: number[];
  /** Lower edge of the band (min, or mean - std). */
  lower: number[];
  /** Upper edge of the band (max, or mean + std). */
  upper: number[];
  /** How many members contributed at the step. */
  count: number[];
}

interface Series {
  steps: readonly number[];
  values: readonly number[];
}

/**
 * A member's value at `step`: its own point when it has one, else linear interpolation between
 * its neighbours (replicas log eval metrics at slightly different steps); `undefined` outside its
 * range, so a shorter run does not drag the mean with invented values.
 */
function valueAt(series: Series, step: number, cursor: { i: number }): number | undefined {
  const { steps, values } = series;
  const n = steps.length;
  if (n === 0 || step < (steps[0] as number) || step > (steps[n - 1] as number)) return undefined;
  // Steps are visited in ascending order, so the cursor only moves forward: linear overall.
  while (cursor.i < n - 1 && (steps[cursor.i + 1] as number) <= step) cursor.i++;
  const s0 = steps[cursor.i] as number;
  const v0 = values[cursor.i] as number;
  if (s0 === step || cursor.i === n - 1) return v0;
  const s1 = steps[cursor.i + 1] as number;
  const v1 = values[cursor.i + 1] as number;
  if (!Number.isFinite(v0) || !Number.isFinite(v1)) return Number.NaN;
  return v0 + ((step - s0) * (v1 - v0)) / (s1 - s0);
}

/**
 * Reduces the same metric of several runs to one mean line with a band: the union of their steps,
 * at each the mean of the members that cover it (their own value, or interpolated between their
 * neighbouring points), and the band as min-max or mean ± one (population) standard deviation.
 * Non-finite member values are left out of the statistics; a step where no member is finite gets
 * `NaN`, which the chart draws as a gap with its non-finite marker.
 *
 * @param members - the metric of each run of the group (ascending steps)
 * @param band - `minmax` or `std`. @defaultValue 'minmax'
 * @returns mean, band edges and member count per step
 *
 * @example
 * ```ts
 * const seeds = runs.map((run) => run.metrics.loss).filter((s) => s !== undefined);
 * const { steps, mean, lower, upper } = aggregateRunGroup(seeds, 'std');
 * ```
 */
export function aggregateRunGroup(
  members: readonly Series[],
  band: GroupBand = 'minmax',
): RunGroupSeries {
  const all = new Set<number>();
  for (const member of members) for (const step of member.steps) all.add(step);
  const steps = [...all].sort((a, b) => a - b);
  const cursors = members.map(() => ({ i: 0 }));
  const mean: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const count: number[] = [];
  for (const step of steps) {
    let n = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const finite: number[] = [];
    members.forEach((member, m) => {
      const value = valueAt(member, step, cursors[m] as { i: number });
      if (value === undefined || !Number.isFinite(value)) return;
      n++;
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
      finite.push(value);
    });
    count.push(n);
    if (n === 0) {
      mean.push(Number.NaN);
      lower.push(Number.NaN);
      upper.push(Number.NaN);
      continue;
    }
    const m = sum / n;
    mean.push(m);
    if (band === 'minmax') {
      lower.push(min);
      upper.push(max);
    } else {
      let squares = 0;
      for (const value of finite) squares += (value - m) ** 2;
      const std = Math.sqrt(squares / n);
      lower.push(m - std);
      upper.push(m + std);
    }
  }
  return { steps, mean, lower, upper, count };
}
