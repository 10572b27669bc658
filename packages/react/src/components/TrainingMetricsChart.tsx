'use client';
import type { TrainingMetricsChartProps } from '../data/trainingMetricsChartProps';
import { LogMetricsChart } from '../log/LogMetricsChart';
import { EndpointMetricsChart } from './EndpointMetricsChart';

/**
 * The loss-curve chart a host drops under its training terminal: fetches the runs (polling while
 * `isLive`), or parses `logText`, and shows data first; else an error with Retry; else a fixed-height
 * skeleton; a run without any metric shows "No metrics recorded for this run".
 *
 * @param props - {@link TrainingMetricsChartProps}
 * @returns the chart or a state
 *
 * @example
 * ```tsx
 * <TrainvizProvider baseUrl="/api">
 *   <TrainingMetricsChart experimentId="exp-1" runIds={['a', 'b', 'c']} isLive />
 * </TrainvizProvider>
 * ```
 */
export function TrainingMetricsChart(props: TrainingMetricsChartProps) {
  if (props.logText !== undefined || props.logs !== undefined)
    return <LogMetricsChart {...props} />;
  return <EndpointMetricsChart {...props} />;
}
