import { newRestartStep } from './newRestartStep';
import type { RunMetrics } from './types';

/**
 * Whether `increment` lists more restarts (resumes from a checkpoint) than `previous`. `restarts`
 * is never filtered by the query, so comparing counts is enough. When `true`,
 * {@link mergeRunMetrics} has dropped the points from the restart's step on, and the client should
 * refetch with `sinceStep: newRestartStep(previous, increment) - 1` to get the rewritten points.
 *
 * @example
 * ```ts
 * const merged = mergeRunMetrics(data, increment);
 * if (hasNewRestart(data, increment)) void queryClient.invalidateQueries({ queryKey });
 * ```
 */
export function hasNewRestart(
  previous: Pick<RunMetrics, 'restarts'>,
  increment: Pick<RunMetrics, 'restarts'>,
): boolean {
  return newRestartStep(previous, increment) !== null;
}
