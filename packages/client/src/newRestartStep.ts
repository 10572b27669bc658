import type { RunMetrics } from './types';

/**
 * The earliest step among the restarts `increment` lists beyond those `previous` knew, or `null`
 * when there is none. A polling client that gets a step back should refetch with
 * `sinceStep: step - 1`: points the resumed run rewrote below its previous last step were not in
 * the increment.
 *
 * @example
 * ```ts
 * const step = newRestartStep(data, increment);
 * if (step !== null) refetch({ sinceStep: step - 1 });
 * ```
 */
export function newRestartStep(
  previous: Pick<RunMetrics, 'restarts'>,
  increment: Pick<RunMetrics, 'restarts'>,
): number | null {
  let earliest: number | null = null;
  for (const restart of increment.restarts.slice(previous.restarts.length)) {
    if (earliest === null || restart.step < earliest) earliest = restart.step;
  }
  return earliest;
}
