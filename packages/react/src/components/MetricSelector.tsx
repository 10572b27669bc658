'use client';
import { useId, useMemo } from 'react';
import { orderMetrics } from '../data/orderMetrics';

/**
 * Props of {@link MetricSelector}.
 *
 * @example
 * ```tsx
 * <MetricSelector metrics={['loss', 'eval_loss']} value="loss" onChange={setMetric} />
 * ```
 */
export interface MetricSelectorProps {
  /** Metric names to offer, in display order. */
  metrics: readonly string[];
  /** Selected metric. */
  value: string;
  /** Called with the newly selected metric. */
  onChange: (metric: string) => void;
  /** Visible label. @defaultValue 'Metric' */
  label?: string;
}

/**
 * A native, keyboard-accessible `<select>` of the metrics the runs recorded: training signals first
 * (loss, eval_loss, learning_rate, grad_norm, rewards), then epoch, runtimes and throughput in a
 * "More" group.
 *
 * @param props - {@link MetricSelectorProps}
 * @returns the labelled select
 *
 * @example
 * ```tsx
 * <MetricSelector metrics={metrics} value={metric} onChange={setMetric} />
 * ```
 */
export function MetricSelector({
  metrics,
  value,
  onChange,
  label = 'Metric',
}: MetricSelectorProps) {
  const id = useId();
  const { main, more } = useMemo(() => orderMetrics(metrics), [metrics]);
  const option = (metric: string) => (
    <option key={metric} value={metric}>
      {metric}
    </option>
  );
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {main.map(option)}
        {more.length > 0 ? <optgroup label="More">{more.map(option)}</optgroup> : null}
      </select>
    </label>
  );
}
