import { orderMetrics } from './orderMetrics';
import type { ChartRun, XAxisMode } from './types';

/**
 * The metric names with at least one point in any run, in the order of `orderMetrics`: loss,
 * eval_loss, learning_rate, grad_norm and rewards first, timing and throughput last.
 *
 * @param runs - the runs drawn
 * @returns metric names for the selector
 *
 * @example
 * ```ts
 * availableMetrics([{ id: 'a', metrics: { zeta: s, loss: s } }]); // ['loss', 'zeta']
 * ```
 */
export function availableMetrics(runs: readonly ChartRun[]): string[] {
  const names = new Set<string>();
  for (const run of runs) {
    for (const [name, series] of Object.entries(run.metrics)) {
      if (series.steps.length > 0) names.add(name);
    }
  }
  const { main, more } = orderMetrics(names);
  return [...main, ...more];
}

/**
 * The x axes the data supports: always the step; the epoch when a run records an `epoch` series;
 * time when the metric carries timestamps.
 *
 * @param runs - the runs drawn
 * @param metric - the selected metric
 * @returns the modes the toolbar offers
 *
 * @example
 * ```ts
 * availableXAxisModes(runs, 'loss'); // ['step', 'epoch']
 * ```
 */
export function availableXAxisModes(runs: readonly ChartRun[], metric: string): XAxisMode[] {
  const modes: XAxisMode[] = ['step'];
  if (runs.some((run) => (run.metrics.epoch?.steps.length ?? 0) > 0)) modes.push('epoch');
  if (runs.some((run) => (run.metrics[metric]?.times?.length ?? 0) > 0)) modes.push('time');
  return modes;
}
