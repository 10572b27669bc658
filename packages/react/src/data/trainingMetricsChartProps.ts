import type { TrainvizError } from '@trainviz/client';
import type { ReactNode } from 'react';
import type { ChartViewSettings } from './chartViewSettings';

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
 * Replacements for the chart's states, and run names. Shared by every source.
 *
 * @example
 * ```tsx
 * const states: ChartStateProps = { renderEmpty: () => <p>No metrics yet</p> };
 * ```
 */
export interface ChartStateProps {
  /** Display names per run id. @defaultValue undefined (the ids) */
  runLabels?: Readonly<Record<string, string>>;
  /** Replaces the loading skeleton. @defaultValue undefined */
  renderLoading?: () => ReactNode;
  /**
   * Replaces the error state, with the request's error (branch on `error.kind`); call `retry` to
   * fetch again.
   * @defaultValue undefined
   */
  renderError?: (error: TrainvizError, retry: () => void) => ReactNode;
  /** Replaces the "No metrics recorded for this run" state. @defaultValue undefined */
  renderEmpty?: () => ReactNode;
}

/**
 * Runs fetched from the metrics endpoint, polled while `isLive`.
 *
 * @example
 * ```tsx
 * <TrainingMetricsChart experimentId="exp-1" runIds={['sft-7']} isLive />
 * ```
 */
export interface EndpointSourceProps {
  /** Experiment of the runs to fetch. */
  experimentId: string;
  /** Runs to fetch, drawn one line each. */
  runIds: readonly string[];
  /**
   * Follow the runs' status: poll for new points while a run is `pending` or `running`, stop when it
   * completes, fails, is interrupted or does not exist (a 404 is shown once, with Retry). `false`
   * fetches once.
   * @defaultValue true
   */
  isLive?: boolean;
  /** Polling interval in milliseconds. @defaultValue 3000 */
  pollIntervalMs?: number;
  /** Fetch at all; false shows the empty state. @defaultValue true */
  enabled?: boolean;
  logText?: never;
  logs?: never;
  logComplete?: never;
}

/**
 * Raw log text parsed in the browser: one log (`logText`, run id `log`) or several (`logs`).
 *
 * @example
 * ```tsx
 * <TrainingMetricsChart logText={terminalOutput} />
 * ```
 */
export type LogSourceProps = (
  | {
      /** Raw log text parsed in the browser (one run, id `log`). */
      logText: string;
      logs?: never;
    }
  | {
      /** Several raw logs, one line each. */
      logs: readonly LogSource[];
      logText?: never;
    }
) & {
  /** The logs are complete: their last line is read even without a trailing newline. @defaultValue false */
  logComplete?: boolean;
  experimentId?: never;
  runIds?: never;
  isLive?: never;
  pollIntervalMs?: never;
  enabled?: never;
};

/**
 * Props of `TrainingMetricsChart`: exactly one source (an endpoint's runs, or log text), the view's
 * settings, and optional replacements for each state. A chart without a source does not type-check.
 *
 * @example
 * ```tsx
 * <TrainingMetricsChart experimentId="exp-1" runIds={['sft-7']} isLive defaultSmoothing={0.6} />
 * ```
 */
export type TrainingMetricsChartProps = ChartViewSettings &
  ChartStateProps &
  (EndpointSourceProps | LogSourceProps);

type ContainerKey = Exclude<
  keyof ChartStateProps | keyof EndpointSourceProps | 'logText' | 'logs' | 'logComplete',
  keyof ChartViewSettings
>;

/**
 * The props the container reads itself. Typed against the prop types: a container prop added
 * without being listed here fails to compile, so it cannot leak into the view.
 */
const containerKeys = {
  experimentId: true,
  runIds: true,
  isLive: true,
  pollIntervalMs: true,
  enabled: true,
  logText: true,
  logs: true,
  logComplete: true,
  runLabels: true,
  renderLoading: true,
  renderError: true,
  renderEmpty: true,
} as const satisfies Record<ContainerKey, true>;

/**
 * The view's settings out of a chart's props: everything but the source and the state props.
 *
 * @param props - the chart's props
 * @returns the settings to pass to the view
 *
 * @example
 * ```tsx
 * <MetricsChartView {...viewSettings(props)} runs={runs} />
 * ```
 */
export function viewSettings(props: TrainingMetricsChartProps): ChartViewSettings {
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (!Object.hasOwn(containerKeys, key)) settings[key] = value;
  }
  return settings as ChartViewSettings;
}
