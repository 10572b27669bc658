'use client';
import type { UseQueryResult } from '@tanstack/react-query';
import { useQueries } from '@tanstack/react-query';
import type { RunMetrics, TrainvizError } from '@trainviz/client';
import type { ReactNode } from 'react';
import { memo, useMemo } from 'react';
import { chartDefaults } from '../data/chartViewSettings';
import { hasPoints } from '../data/hasPoints';
import type {
  ChartStateProps,
  EndpointSourceProps,
  TrainingMetricsChartProps,
} from '../data/trainingMetricsChartProps';
import { viewSettings } from '../data/trainingMetricsChartProps';
import { useChartRuns } from '../hooks/useChartRuns';
import { useFrameBatchedValue } from '../hooks/useFrameBatchedValue';
import { useRunColors } from '../hooks/useRunColors';
import { useTrainvizClient } from '../hooks/useTrainvizClient';
import { runMetricsQueryOptions } from '../runMetricsQueryOptions';
import { ChartEmpty } from './ChartEmpty';
import { ChartError } from './ChartError';
import { ChartSkeleton } from './ChartSkeleton';
import { MetricsChartView } from './MetricsChartView';
import { StateFrame } from './StateFrame';

/**
 * `TrainingMetricsChart` with an endpoint source: data first; else an error with Retry; else a
 * fixed-height skeleton while fetching; else the empty state.
 *
 * @param props - the chart's props, with an endpoint source
 * @returns the chart or a state
 *
 * @example
 * ```tsx
 * <EndpointMetricsChart experimentId="exp-1" runIds={['sft-7']} isLive />
 * ```
 */
export function EndpointMetricsChart(
  props: TrainingMetricsChartProps & EndpointSourceProps & ChartStateProps,
) {
  const { experimentId, runIds, runLabels, height = chartDefaults.height } = props;
  const enabled = (props.enabled ?? true) && experimentId !== '' && runIds.length > 0;
  const client = useTrainvizClient();
  const options = {
    isLive: props.isLive ?? true,
    enabled,
    ...(props.pollIntervalMs !== undefined ? { pollIntervalMs: props.pollIntervalMs } : {}),
  };
  const results = useQueries({
    queries: runIds.map((runId) => ({
      ...runMetricsQueryOptions(client, experimentId, runId, options),
      // A poll's fetch status is not shown: only what it brought (or its error) re-renders.
      notifyOnChangeProps: CHART_PROPS,
    })),
  });
  const colors = useRunColors(experimentId, runIds, props.runColorMap);
  const latestRuns = useChartRuns(results, runIds, runLabels, colors);
  const batchedRuns = useFrameBatchedValue(latestRuns);
  // Polls are batched per frame; the first data is shown at once, with the states it decides.
  const runs = batchedRuns.length > 0 ? batchedRuns : latestRuns;
  // The notices change only with the runs' failures: a successful poll must not redraw the chart
  // through a new `notices` element.
  const failures = results
    .map((result) => (result.isError ? `${result.data ? 1 : 0}${result.error.message}` : ''))
    .join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `failures` stands for `results`' errors
  const notices = useMemo(
    () =>
      failures.replaceAll('\u0000', '') === '' ? null : runNotices(results, runIds, runLabels),
    [failures, runIds, runLabels],
  );
  const frame = (children: ReactNode) => (
    <StateFrame theme={props.theme} className={props.className}>
      {children}
    </StateFrame>
  );

  if (runs.length > 0) {
    if (!hasPoints(runs)) {
      return frame(props.renderEmpty ? props.renderEmpty() : <ChartEmpty height={height} />);
    }
    return <MemoChartView {...viewSettings(props)} runs={runs} {...(notices ? { notices } : {})} />;
  }
  const failed = results.filter((result) => result.isError);
  const error = failed[0]?.error;
  if (error) {
    const retry = () => {
      for (const result of failed) void result.refetch();
    };
    return frame(
      props.renderError ? (
        props.renderError(error, retry)
      ) : (
        <ChartError error={error} onRetry={retry} height={height} />
      ),
    );
  }
  if (enabled && results.some((result) => result.isPending)) {
    return frame(props.renderLoading ? props.renderLoading() : <ChartSkeleton height={height} />);
  }
  return frame(props.renderEmpty ? props.renderEmpty() : <ChartEmpty height={height} />);
}

const CHART_PROPS: ('data' | 'error' | 'status')[] = ['data', 'error', 'status'];

/** Re-renders only when its props change, not on every query notification of the container. */
const MemoChartView = memo(MetricsChartView);

/**
 * Per-run failures next to a chart that has data: a badge, or an alert with Retry; `null` when
 * every run is fine, so the notes list gets no empty item.
 */
function runNotices(
  results: readonly UseQueryResult<RunMetrics, TrainvizError>[],
  runIds: readonly string[],
  labels: Readonly<Record<string, string>> | undefined,
): ReactNode {
  const items: ReactNode[] = [];
  results.forEach((result, index) => {
    if (!result.isError) return;
    const runId = runIds[index] ?? String(index);
    const label = labels?.[runId] ?? runId;
    const message = result.error.message || 'request failed';
    if (result.data) {
      items.push(
        <span key={runId} className="tvz-badge" title={message}>
          {`${label}: update failed`}
        </span>,
      );
    } else {
      items.push(
        <span key={runId} role="alert" className="tvz-danger">
          {`${label}: ${message} `}
          <button type="button" onClick={() => void result.refetch()}>
            Retry
          </button>
        </span>,
      );
    }
  });
  if (items.length === 0) return null;
  return <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 8 }}>{items}</span>;
}
