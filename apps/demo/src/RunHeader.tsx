import { useEffect, useState } from 'react';
import { formatDuration } from './formatDuration';
import { KindBadge } from './KindBadge';
import { StatusPill } from './StatusPill';
import type { DemoRunSummary } from './types';

/**
 * Props of {@link RunHeader}.
 *
 * @example
 * ```tsx
 * <RunHeader run={run} />
 * ```
 */
export interface RunHeaderProps {
  run: DemoRunSummary;
}

function useNow(enabled: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [enabled]);
  return now;
}

/**
 * Name, status, step and elapsed time of the selected run; the elapsed time ticks while it runs.
 *
 * @example
 * ```tsx
 * <RunHeader run={{ ...run, status: 'running' }} />
 * ```
 */
export function RunHeader({ run }: RunHeaderProps) {
  const now = useNow(run.status === 'running');
  const started = run.startedAt === null ? null : Date.parse(run.startedAt);
  const ended = run.endedAt === null ? null : Date.parse(run.endedAt);
  const elapsed =
    started === null ? null : (run.status === 'running' ? now : (ended ?? now)) - started;
  const step =
    run.lastStep === null
      ? '–'
      : run.totalSteps === null
        ? run.lastStep.toLocaleString('en-US')
        : `${run.lastStep.toLocaleString('en-US')} / ${run.totalSteps.toLocaleString('en-US')}`;
  const percent =
    run.lastStep !== null && run.totalSteps
      ? Math.min(100, (run.lastStep / run.totalSteps) * 100)
      : null;
  return (
    <header className="run-header">
      <div className="run-title">
        <h1>{run.name}</h1>
        <KindBadge kind={run.kind} />
        <StatusPill run={run} />
      </div>
      <p className="run-description">{run.description}</p>
      <dl className="run-stats">
        <div>
          <dt>Step</dt>
          <dd data-testid="run-step">{step}</dd>
        </div>
        <div>
          <dt>{run.status === 'running' ? 'Elapsed' : 'Duration'}</dt>
          <dd>{elapsed === null ? '–' : formatDuration(elapsed)}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            {started === null
              ? '–'
              : new Date(started).toLocaleString('en-US', {
                  month: 'short',
                  day: 'numeric',
                  year:
                    new Date(started).getFullYear() === new Date(now).getFullYear()
                      ? undefined
                      : 'numeric',
                  hour: '2-digit',
                  minute: '2-digit',
                })}
          </dd>
        </div>
        {percent === null ? null : (
          <div className="run-progress-stat">
            <dt>Progress</dt>
            <dd>
              <span className="progress-track" aria-hidden="true">
                <span
                  className={`progress-fill progress-${run.status}`}
                  style={{ width: `${percent}%` }}
                />
              </span>
              {percent.toFixed(0)}%
            </dd>
          </div>
        )}
      </dl>
    </header>
  );
}
