import { mergeRunMetrics } from './mergeRunMetrics';
import { newRestartStep } from './newRestartStep';
import { lowerBound } from './series/sortedSearch';
import type { RunMetricSeries, RunMetrics } from './types';
import { withMetrics } from './withMetrics';

/**
 * How many leading points of `added` repeat the tail of `kept` exactly, or -1 when the overlap
 * rewrites a point (or the columns differ), which only a full merge can apply.
 */
function repeatedPrefix(kept: RunMetricSeries, added: RunMetricSeries): number {
  if (kept.steps.length === 0 || (kept.times === undefined) !== (added.times === undefined))
    return -1;
  const start = lowerBound(kept.steps, added.steps[0] as number);
  const overlap = kept.steps.length - start;
  if (overlap > added.steps.length) return -1;
  for (let i = 0; i < overlap; i++) {
    if (kept.steps[start + i] !== added.steps[i]) return -1;
    if (!Object.is(kept.values[start + i], added.values[i])) return -1;
    if (kept.times && kept.times[start + i] !== added.times?.[i]) return -1;
  }
  return overlap;
}

function sameRunFields(a: RunMetrics, b: RunMetrics): boolean {
  return (
    a.status === b.status &&
    a.lastStep === b.lastStep &&
    a.updatedAt === b.updatedAt &&
    a.startedAt === b.startedAt &&
    a.stepSource === b.stepSource &&
    a.restarts.length === b.restarts.length &&
    a.restarts.every((restart, i) => restart.step === b.restarts[i]?.step)
  );
}

/**
 * {@link mergeRunMetrics} for a caller that owns `owned`'s arrays (a cache entry nobody else
 * mutates): new points are pushed onto the existing columns, so a poll costs the points it brings,
 * not the million already there, and allocates nothing in proportion to the series. Returns `owned`
 * itself when the increment brings nothing (only repeats of points already held, same run fields),
 * so a cache sees no change and nothing re-renders.
 *
 * Falls back to the copying {@link mergeRunMetrics} when the increment is for another run, reports a
 * new resume, or rewrites a point already held: the result is always what `mergeRunMetrics` returns.
 * Arrays of `owned` grow in place: an old snapshot's columns may show points added after it.
 *
 * @param owned - the run as held so far, its series arrays owned by the caller
 * @param increment - the response to a `sinceStep` poll
 * @returns `owned` when nothing changed, else the merged run sharing `owned`'s grown arrays
 *
 * @example
 * ```ts
 * const increment = await client.getRunMetrics('exp-1', 'sft-7', { sinceStep: data.lastStep - 1 });
 * data = appendRunMetrics(data, increment);
 * ```
 */
export function appendRunMetrics(owned: RunMetrics, increment: RunMetrics): RunMetrics {
  if (
    owned.experimentId !== increment.experimentId ||
    owned.runId !== increment.runId ||
    newRestartStep(owned, increment) !== null
  ) {
    return mergeRunMetrics(owned, increment);
  }
  // Plan first, apply after: a fallback found halfway must not leave some series already grown.
  const plan: [RunMetricSeries, RunMetricSeries, number][] = [];
  let newMetrics = false;
  for (const [name, added] of Object.entries(increment.metrics)) {
    const kept = Object.hasOwn(owned.metrics, name) ? owned.metrics[name] : undefined;
    if (kept === undefined) {
      newMetrics = true;
      continue;
    }
    if (added.steps.length === 0) continue;
    const skip = repeatedPrefix(kept, added);
    if (skip < 0) return mergeRunMetrics(owned, increment);
    if (skip < added.steps.length) plan.push([kept, added, skip]);
  }
  if (plan.length === 0 && !newMetrics && sameRunFields(owned, increment)) return owned;
  for (const [kept, added, skip] of plan) {
    const steps = kept.steps as number[];
    const values = kept.values as number[];
    const times = kept.times as number[] | undefined;
    for (let i = skip; i < added.steps.length; i++) {
      steps.push(added.steps[i] as number);
      values.push(added.values[i] as number);
      if (times) times.push(added.times?.[i] as number);
    }
  }
  // No prototype: a metric a log calls `__proto__` is a key like any other.
  const metrics: Record<string, RunMetricSeries> = Object.assign(
    Object.create(null),
    owned.metrics,
  );
  for (const [name, added] of Object.entries(increment.metrics)) {
    if (Object.hasOwn(owned.metrics, name)) continue;
    const series: RunMetricSeries = { steps: added.steps.slice(), values: added.values.slice() };
    if (added.times !== undefined) series.times = added.times.slice();
    metrics[name] = series;
  }
  return withMetrics(increment, metrics);
}
