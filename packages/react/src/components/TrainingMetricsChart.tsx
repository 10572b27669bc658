'use client';
import { lazy, Suspense } from 'react';
import { chartDefaults } from '../data/chartViewSettings';
import type { TrainingMetricsChartProps } from '../data/trainingMetricsChartProps';
import { ChartSkeleton } from './ChartSkeleton';
import { EndpointMetricsChart } from './EndpointMetricsChart';
import { StateFrame } from './StateFrame';

// The parser is loaded only when a chart is given log text: endpoint charts never download it.
const LogMetricsChart = lazy(() =>
  import('../log/LogMetricsChart').then((module) => ({ default: module.LogMetricsChart })),
);

/**
 * The loss-curve chart a host drops under its training terminal: fetches the runs (polling while
 * `isLive`), or parses `logText`, and shows data first; else an error with Retry; else a fixed-height
 * skeleton; a run without any metric shows "No metrics recorded for this run". Log text is parsed by
 * `@trainviz/parser`, loaded on first use (import `LogMetricsChart` from `@trainviz/react/log` to
 * bundle it up front).
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
  if (props.logText === undefined && props.logs === undefined) {
    return <EndpointMetricsChart {...props} />;
  }
  const fallback = (
    <StateFrame theme={props.theme} className={props.className}>
      {props.renderLoading ? (
        props.renderLoading()
      ) : (
        <ChartSkeleton height={props.height ?? chartDefaults.height} />
      )}
    </StateFrame>
  );
  return (
    <Suspense fallback={fallback}>
      <LogMetricsChart {...props} />
    </Suspense>
  );
}
