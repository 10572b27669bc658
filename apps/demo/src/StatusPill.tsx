import type { DemoRunSummary } from './types';

/**
 * Props of {@link StatusPill}.
 *
 * @example
 * ```tsx
 * <StatusPill run={run} />
 * ```
 */
export interface StatusPillProps {
  /** The run whose status is shown. */
  run: Pick<DemoRunSummary, 'status' | 'hasMetrics'> &
    Partial<Pick<DemoRunSummary, 'waitingForFile'>>;
}

const labels = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  pending: 'Pending',
  interrupted: 'Capture lost',
  empty: 'No metrics',
  waiting: 'Waiting for file',
} as const;

/**
 * A run's status as a coloured pill; a running run pulses, a finished run without points says
 * "No metrics", a `--log` file that does not exist yet says "Waiting for file".
 *
 * @example
 * ```tsx
 * <StatusPill run={{ status: 'running', hasMetrics: true }} />
 * ```
 */
export function StatusPill({ run }: StatusPillProps) {
  const state = run.waitingForFile
    ? 'waiting'
    : run.status !== 'running' && !run.hasMetrics
      ? 'empty'
      : run.status;
  return (
    <span className={`pill pill-${state}`} data-status={state}>
      {state === 'running' ? <span className="pulse" aria-hidden="true" /> : null}
      {labels[state]}
    </span>
  );
}
