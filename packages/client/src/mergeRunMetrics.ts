import { newRestartStep } from './newRestartStep';
import { lowerBound } from './series/sortedSearch';
import type { RunMetricSeries, RunMetrics } from './types';
import { withMetrics } from './withMetrics';

/**
 * Appends an incremental response to what the client already has, returning a new object (inputs
 * are not mutated; untouched series are shared). Poll with `sinceStep: previous.lastStep - 1`:
 * the one step of overlap picks up a metric (an eval loss, say) logged at the last step after the
 * previous poll, and costs nothing since the boundary step is deduplicated.
 *
 * - Run fields (`status`, `lastStep`, `updatedAt`, `restarts`, ...) come from `increment`.
 * - Per metric, points are merged by step; on a step both have, the increment's point wins, so
 *   merging the same increment twice changes nothing and an overlapping `sinceStep` is harmless.
 * - Restarts: when `increment` lists more restarts than `previous`, every previous point with
 *   `step >=` the earliest new restart's step is dropped (all metrics) before merging, because the
 *   resumed run rewrote them. The increment alone may then leave a gap between that step and the
 *   old last step: a polling client should detect it with {@link hasNewRestart} and refetch with
 *   `sinceStep: newRestartStep(previous, increment) - 1`, then merge that too.
 * - A metric a restart left without points is removed unless the increment lists it (servers
 *   may send empty series); `totalPoints` (which describes one response) is not carried over.
 * - A response for another experiment or run replaces `previous` entirely.
 *
 * @example
 * ```ts
 * const increment = await client.getRunMetrics('exp-1', 'sft-7', {
 *   sinceStep: (data.lastStep ?? 0) - 1,
 * });
 * const restartStep = newRestartStep(data, increment);
 * data = mergeRunMetrics(data, increment);
 * if (restartStep !== null) {
 *   data = mergeRunMetrics(data, await client.getRunMetrics('exp-1', 'sft-7', { sinceStep: restartStep - 1 }));
 * }
 * ```
 */
export function mergeRunMetrics(previous: RunMetrics, increment: RunMetrics): RunMetrics {
  const sameRun =
    previous.experimentId === increment.experimentId && previous.runId === increment.runId;
  const cut = sameRun ? newRestartStep(previous, increment) : null;
  // Null-prototype, own-key lookups: a metric named `constructor` or `__proto__` is ordinary.
  const metrics: Record<string, RunMetricSeries> = Object.create(null);
  const names = new Set([
    ...(sameRun ? Object.keys(previous.metrics) : []),
    ...Object.keys(increment.metrics),
  ]);
  for (const name of names) {
    const before =
      sameRun && Object.hasOwn(previous.metrics, name) ? previous.metrics[name] : undefined;
    const kept = before === undefined || cut === null ? before : truncate(before, cut);
    const added = Object.hasOwn(increment.metrics, name) ? increment.metrics[name] : undefined;
    const merged =
      added === undefined ? kept : kept === undefined ? copy(added) : merge(kept, added);
    // An empty series the server sent is kept (it lists the metric); one a restart emptied is not.
    if (merged !== undefined && (merged.steps.length > 0 || added !== undefined)) {
      metrics[name] = merged;
    }
  }
  return withMetrics(increment, metrics);
}

function copy(series: RunMetricSeries): RunMetricSeries {
  const result: RunMetricSeries = { steps: series.steps.slice(), values: series.values.slice() };
  if (series.times !== undefined) result.times = series.times.slice();
  return result;
}

function truncate(series: RunMetricSeries, cut: number): RunMetricSeries {
  const end = lowerBound(series.steps, cut);
  if (end === series.steps.length) return series;
  const result: RunMetricSeries = {
    steps: series.steps.slice(0, end),
    values: series.values.slice(0, end),
  };
  if (series.times !== undefined) result.times = series.times.slice(0, end);
  return result;
}

function merge(kept: RunMetricSeries, added: RunMetricSeries): RunMetricSeries {
  if (added.steps.length === 0) return kept;
  // A column is only meaningful if every merged point has it.
  const withTimes =
    (kept.times !== undefined || kept.steps.length === 0) &&
    (added.times !== undefined || added.steps.length === 0);
  const lastKept = kept.steps[kept.steps.length - 1];
  const firstAdded = added.steps[0] as number;
  if (lastKept === undefined || lastKept < firstAdded) {
    // The usual live-polling case: everything new is after what we have.
    const result: RunMetricSeries = {
      steps: kept.steps.concat(added.steps),
      values: kept.values.concat(added.values),
    };
    if (withTimes) result.times = (kept.times ?? []).concat(added.times ?? []);
    return result;
  }
  const steps: number[] = [];
  const values: number[] = [];
  const times: number[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.steps.length || j < added.steps.length) {
    const a = kept.steps[i];
    const b = added.steps[j];
    const takeAdded = a === undefined || (b !== undefined && b <= a);
    if (takeAdded) {
      steps.push(b as number);
      values.push(added.values[j] as number);
      if (withTimes) times.push(added.times?.[j] as number);
      if (a === b) i++;
      j++;
    } else {
      steps.push(a);
      values.push(kept.values[i] as number);
      if (withTimes) times.push(kept.times?.[i] as number);
      i++;
    }
  }
  const result: RunMetricSeries = { steps, values };
  if (withTimes) result.times = times;
  return result;
}
