/**
 * Named sets of panels for common kinds of training run.
 *
 * @example
 * ```tsx
 * <TrainingMetricsChart experimentId="exp-1" runIds={['dpo-3']} metrics="dpo" />
 * ```
 */
export type MetricPreset = 'sft' | 'dpo';

/**
 * The metrics each preset shows, in panel order: supervised fine-tuning (loss, eval loss, learning
 * rate, gradient norm) and DPO (loss and TRL's reward metrics).
 *
 * @example
 * ```ts
 * metricPresets.dpo; // ['loss', 'rewards/chosen', 'rewards/rejected', 'rewards/margins', 'rewards/accuracies']
 * ```
 */
export const metricPresets: Readonly<Record<MetricPreset, readonly string[]>> = {
  sft: ['loss', 'eval_loss', 'learning_rate', 'grad_norm'],
  dpo: ['loss', 'rewards/chosen', 'rewards/rejected', 'rewards/margins', 'rewards/accuracies'],
};

/**
 * The panels to draw: the preset's or the listed metrics that the runs record, in the given order.
 * Metrics no run has are left out rather than drawn as empty panels.
 *
 * @param metrics - a preset name or a list of metric names
 * @param available - the metrics the runs record
 * @returns metric names, one panel each
 *
 * @example
 * ```ts
 * panelMetrics('sft', ['loss', 'learning_rate', 'epoch']); // ['loss', 'learning_rate']
 * ```
 */
export function panelMetrics(
  metrics: MetricPreset | readonly string[],
  available: readonly string[],
): string[] {
  const wanted = typeof metrics === 'string' ? (metricPresets[metrics] ?? []) : metrics;
  const have = new Set(available);
  return [...new Set(wanted)].filter((metric) => have.has(metric));
}
