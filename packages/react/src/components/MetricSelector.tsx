'use client';
import { useId } from 'react';

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
 * A native, keyboard-accessible `<select>` of the metrics the runs recorded.
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
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {metrics.map((metric) => (
          <option key={metric} value={metric}>
            {metric}
          </option>
        ))}
      </select>
    </label>
  );
}
