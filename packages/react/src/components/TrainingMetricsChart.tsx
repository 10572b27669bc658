'use client';
import type { UseQueryResult } from '@tanstack/react-query';
import type { RunMetrics } from '@trainviz/client';
import type { ParseResult } from '@trainviz/parser';
import type { ReactNode } from 'react';
import { useMemo, useRef } from 'react';
import { chartTheme } from '../data/chartTheme';
import { createIncrementalLogParser } from '../data/createIncrementalLogParser';
import { runColors } from '../data/runColors';
import type { ChartRun } from '../data/types';
import { useColorScheme } from '../hooks/useColorScheme';
import { useRunComparison } from '../hooks/useRunComparison';
import { ChartEmpty } from './ChartEmpty';
import { ChartError } from './ChartError';
import { ChartSkeleton } from './ChartSkeleton';
import type { MetricsChartViewProps } from './MetricsChartView';
import { MetricsChartView } from './MetricsChartView';

/**
 * A raw training log to chart without a metrics endpoint.
 *
 * @example
 * ```ts
 * const log: LogSource = { id: 'local', text: terminalOutput, label: 'this machine' };
 * ```
 */
export interface LogSource {
  id: string;
  text: string;
  /** Legend name. @defaultValue the `id` */
  label?: string;
}

/**
 * Props of {@link TrainingMetricsChart}: a source (`experimentId` + `runIds`, or `logText` / `logs`),
 * the view's settings, and optional replacements for each state.
 *
 * @example
 * ```tsx
 * <TrainingMetricsChart experimentId="exp-1" runIds={['sft-7']} isLive defaultSmoothing={0.6} />
 * ```
 */
export interface TrainingMetricsChartProps extends Omit<MetricsChartViewProps, 'runs' | 'notices'> {
  /** Experiment of the runs to fetch. @defaultValue undefined */
  experimentId?: string;
  /** Runs to fetch from the metrics endpoint, drawn one line each. @defaultValue [] */
  runIds?: readonly string[];
  /** Raw log text parsed in the browser instead of fetching (one run, id `log`). @defaultValue undefined */
  logText?: string;
  /** Several raw logs, one line each. @defaultValue undefined */
  logs?: readonly LogSource[];
  /** Logs are complete: their last line is read even without a trailing newline. @defaultValue false */
  logComplete?: boolean;
  /** Poll for new points until the runs complete or fail. @defaultValue false */
  isLive?: boolean;
  /** Polling interval in milliseconds. @defaultValue 3000 */
  pollIntervalMs?: number;
  /** Fetch at all; false shows the empty state. @defaultValue true */
  enabled?: boolean;
  /** Display names per run id. @defaultValue undefined (the ids) */
  runLabels?: Readonly<Record<string, string>>;
  /** Replaces the loading skeleton. @defaultValue undefined */
  renderLoading?: () => ReactNode;
  /** Replaces the error state; call `retry` to fetch again. @defaultValue undefined */
  renderError?: (error: unknown, retry: () => void) => ReactNode;
  /** Replaces the "No metrics recorded for this run" state. @defaultValue undefined */
  renderEmpty?: () => ReactNode;
}

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
  if (props.logText !== undefined || props.logs !== undefined) return <LogChart {...props} />;
  return <EndpointChart {...props} />;
}

function viewProps(props: TrainingMetricsChartProps) {
  const {
    experimentId: _experimentId,
    runIds: _runIds,
    logText: _logText,
    logs: _logs,
    logComplete: _logComplete,
    isLive: _isLive,
    pollIntervalMs: _pollIntervalMs,
    enabled: _enabled,
    runLabels: _runLabels,
    renderLoading: _renderLoading,
    renderError: _renderError,
    renderEmpty: _renderEmpty,
    ...rest
  } = props;
  return rest;
}

function StateFrame(props: {
  theme: TrainingMetricsChartProps['theme'];
  className?: string | undefined;
  children: ReactNode;
}) {
  const scheme = useColorScheme(props.theme);
  return (
    <div
      className={props.className ? `tvz-root ${props.className}` : 'tvz-root'}
      data-theme={scheme}
    >
      <style>{chartTheme(scheme)}</style>
      {props.children}
    </div>
  );
}

function hasPoints(runs: readonly ChartRun[]): boolean {
  return runs.some((run) => Object.values(run.metrics).some((series) => series.steps.length > 0));
}

function EndpointChart(props: TrainingMetricsChartProps) {
  const { experimentId = '', runIds = [], height = 320, runLabels } = props;
  const enabled = (props.enabled ?? true) && experimentId !== '' && runIds.length > 0;
  const options = {
    isLive: props.isLive ?? false,
    enabled,
    ...(props.pollIntervalMs !== undefined ? { pollIntervalMs: props.pollIntervalMs } : {}),
  };
  const results = useRunComparison(experimentId, runIds, options);
  const runs = useStableRuns(results, runIds, runLabels);
  const frame = (children: ReactNode) => (
    <StateFrame theme={props.theme} className={props.className}>
      {children}
    </StateFrame>
  );

  if (runs.length > 0) {
    if (!hasPoints(runs))
      return frame(props.renderEmpty ? props.renderEmpty() : <ChartEmpty height={height} />);
    return (
      <MetricsChartView
        {...viewProps(props)}
        runs={runs}
        notices={<RunNotices results={results} runIds={runIds} labels={runLabels} />}
      />
    );
  }
  const failed = results.filter((result) => result.isError);
  if (failed.length > 0) {
    const retry = () => {
      for (const result of failed) void result.refetch();
    };
    const error = failed[0]?.error;
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

/**
 * The runs with data, as the same array while no run's data changed: the query results are new
 * wrappers each render, but their `data` keeps its identity between polls, which lets the view skip
 * all work on renders that bring nothing new.
 */
function useStableRuns(
  results: readonly UseQueryResult<RunMetrics>[],
  runIds: readonly string[],
  runLabels: Readonly<Record<string, string>> | undefined,
): ChartRun[] {
  const previous = useRef<{ inputs: unknown[]; runs: ChartRun[] } | null>(null);
  const inputs: unknown[] = [runLabels, ...runIds, ...results.map((result) => result.data)];
  const last = previous.current;
  if (
    last &&
    last.inputs.length === inputs.length &&
    last.inputs.every((x, i) => x === inputs[i])
  ) {
    return last.runs;
  }
  const runs = results.flatMap((result, index): ChartRun[] => {
    const data = result.data;
    if (!data) return [];
    const runId = runIds[index] ?? data.runId;
    return [toChartRun(data, runLabels?.[runId] ?? runId, index)];
  });
  previous.current = { inputs, runs };
  return runs;
}

function RunNotices(props: {
  results: readonly UseQueryResult<RunMetrics>[];
  runIds: readonly string[];
  labels: Readonly<Record<string, string>> | undefined;
}) {
  const items: ReactNode[] = [];
  props.results.forEach((result, index) => {
    const runId = props.runIds[index] ?? String(index);
    const label = props.labels?.[runId] ?? runId;
    if (!result.isError) return;
    const message = result.error instanceof Error ? result.error.message : 'request failed';
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

function toChartRun(data: RunMetrics, label: string, index: number): ChartRun {
  return {
    id: data.runId,
    label,
    // Colour by position in `runIds`, so a failed run does not shift the others' colours.
    color: runColors[index % runColors.length] as string,
    status: data.status,
    lastStep: data.lastStep,
    metrics: data.metrics,
    restarts: data.restarts,
  };
}

function LogChart(props: TrainingMetricsChartProps) {
  const { height = 320, logComplete = false } = props;
  const sources = useMemo<LogSource[]>(
    () =>
      props.logs?.slice() ??
      (props.logText !== undefined ? [{ id: 'log', text: props.logText }] : []),
    [props.logs, props.logText],
  );
  const parsers = useRef(new Map<string, ReturnType<typeof createIncrementalLogParser>>());
  const runs = useMemo(() => {
    const next = new Map<string, ReturnType<typeof createIncrementalLogParser>>();
    const parsed = sources.map((source) => {
      const parser = parsers.current.get(source.id) ?? createIncrementalLogParser();
      next.set(source.id, parser);
      return toLogRun(source, parser.parse(source.text, logComplete), props.runLabels);
    });
    parsers.current = next;
    return parsed;
  }, [sources, logComplete, props.runLabels]);
  if (!hasPoints(runs)) {
    return (
      <StateFrame theme={props.theme} className={props.className}>
        {props.renderEmpty ? props.renderEmpty() : <ChartEmpty height={height} />}
      </StateFrame>
    );
  }
  return <MetricsChartView {...viewProps(props)} runs={runs} />;
}

function toLogRun(
  source: LogSource,
  result: ParseResult,
  labels: Readonly<Record<string, string>> | undefined,
): ChartRun {
  return {
    id: source.id,
    label: source.label ?? labels?.[source.id] ?? source.id,
    metrics: result.series,
    restarts: result.restarts,
  };
}
