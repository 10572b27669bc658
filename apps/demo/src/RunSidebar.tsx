import { forwardRef } from 'react';
import { KindBadge } from './KindBadge';
import { StatusPill } from './StatusPill';
import type { DemoRunSummary } from './types';

/**
 * Props of {@link RunSidebar}.
 *
 * @example
 * ```tsx
 * <RunSidebar runs={runs} selectedRunId={id} onSelect={setId} compareIds={ids} onToggleCompare={toggle} onCompare={open} />
 * ```
 */
export interface RunSidebarProps {
  /** Runs in display order. */
  runs: readonly DemoRunSummary[];
  /** The run shown in the main area. */
  selectedRunId: string | null;
  onSelect: (runId: string) => void;
  /** Runs ticked for comparison, in the order they were ticked. */
  compareIds: readonly string[];
  onToggleCompare: (runId: string) => void;
  /** Opens the comparison; the button is enabled for 2 or 3 ticked runs. */
  onCompare: () => void;
  /**
   * Most runs a comparison takes.
   * @defaultValue 3
   */
  maxCompare?: number;
}

function progress(run: DemoRunSummary): string {
  if (run.waitingForFile) return 'file not found yet';
  if (run.lastStep === null) return run.kind === 'log' ? 'waiting for metrics' : 'no steps logged';
  const step = run.lastStep.toLocaleString('en-US');
  return run.totalSteps === null
    ? `step ${step}`
    : `${step} / ${run.totalSteps.toLocaleString('en-US')}`;
}

/**
 * The experiment's runs: select one to inspect, tick 2 or 3 to compare.
 *
 * @example
 * ```tsx
 * <RunSidebar ref={compareButtonRef} {...props} />
 * ```
 */
export const RunSidebar = forwardRef<HTMLButtonElement, RunSidebarProps>(function RunSidebar(
  { runs, selectedRunId, onSelect, compareIds, onToggleCompare, onCompare, maxCompare = 3 },
  compareButtonRef,
) {
  const canCompare = compareIds.length >= 2 && compareIds.length <= maxCompare;
  return (
    <aside className="sidebar" aria-label="Runs">
      <div className="sidebar-head">
        <h2>
          Runs <span className="count">{runs.length}</span>
        </h2>
        <button
          ref={compareButtonRef}
          type="button"
          className="button primary"
          disabled={!canCompare}
          onClick={onCompare}
          title={canCompare ? 'Compare the ticked runs' : `Tick 2 to ${maxCompare} runs to compare`}
        >
          Compare ({compareIds.length})
        </button>
      </div>
      <ul className="run-list">
        {runs.map((run) => {
          const ticked = compareIds.includes(run.runId);
          const selected = run.runId === selectedRunId;
          return (
            <li key={run.runId} className={selected ? 'run-item selected' : 'run-item'}>
              <input
                type="checkbox"
                className="run-check"
                checked={ticked}
                disabled={!ticked && compareIds.length >= maxCompare}
                onChange={() => onToggleCompare(run.runId)}
                aria-label={`Compare ${run.name}`}
              />
              <button
                type="button"
                className="run-select"
                aria-current={selected ? 'true' : undefined}
                onClick={() => onSelect(run.runId)}
                data-run-id={run.runId}
              >
                <span className="run-line">
                  <span className="run-name">{run.name}</span>
                </span>
                <span className="run-line">
                  <KindBadge kind={run.kind} />
                  <StatusPill run={run} />
                  <span className="run-progress">{progress(run)}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </aside>
  );
});
