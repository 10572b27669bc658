import { RunComparison, TrainingMetricsChart } from '@trainviz/react';
import { useEffect, useRef, useState } from 'react';
import { CompareDialog } from './CompareDialog';
import { LogTerminal } from './LogTerminal';
import { RunHeader } from './RunHeader';
import { RunSidebar } from './RunSidebar';
import { ThemeToggle } from './ThemeToggle';
import type { DemoRunSummary } from './types';
import { useRunList } from './useRunList';
import { useTheme } from './useTheme';

/**
 * Props of {@link App}.
 *
 * @example
 * ```tsx
 * <App experimentId="qwen2.5-7b-chat" />
 * ```
 */
export interface AppProps {
  /** The experiment whose runs are listed. */
  experimentId: string;
}

function initialRunId(): string | null {
  return new URLSearchParams(window.location.search).get('run');
}

function defaultRun(runs: readonly DemoRunSummary[]): DemoRunSummary | undefined {
  return runs.find((run) => run.status === 'running') ?? runs[0];
}

/**
 * The experiment page: run list, log terminal and live chart of the selected run, and a comparison
 * of 2 or 3 runs in a dialog.
 *
 * @example
 * ```tsx
 * createRoot(root).render(<App experimentId="qwen2.5-7b-chat" />);
 * ```
 */
export function App({ experimentId }: AppProps) {
  const runList = useRunList(experimentId);
  const runs = runList.data?.runs ?? [];
  const [selectedRunId, setSelectedRunId] = useState<string | null>(initialRunId);
  const [compareIds, setCompareIds] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);
  const [metric, setMetric] = useState('loss');
  const [theme, setTheme] = useTheme();
  const compareButton = useRef<HTMLButtonElement>(null);

  const selected = runs.find((run) => run.runId === selectedRunId) ?? defaultRun(runs);

  useEffect(() => {
    if (!selected) return;
    const url = new URL(window.location.href);
    if (url.searchParams.get('run') === selected.runId) return;
    url.searchParams.set('run', selected.runId);
    window.history.replaceState(null, '', url);
  }, [selected]);

  function toggleCompare(runId: string): void {
    setCompareIds((ids) =>
      ids.includes(runId) ? ids.filter((id) => id !== runId) : [...ids, runId].slice(0, 3),
    );
  }

  const title = runList.data?.title ?? experimentId;
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="/">
          <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path
              d="M5 9c4 0 5 12 9 14s6-9 9-9 4 5 4 5"
              fill="none"
              stroke="var(--brand-ink)"
              strokeWidth="3"
              strokeLinecap="round"
            />
          </svg>
          trainviz
        </a>
        <nav className="crumbs" aria-label="Breadcrumb">
          <span>Experiments</span>
          <span aria-hidden="true">/</span>
          <strong>{title}</strong>
        </nav>
        <div className="topbar-actions">
          <a className="button ghost" href="/api/openapi.json" target="_blank" rel="noreferrer">
            API
          </a>
          <ThemeToggle theme={theme} onChange={setTheme} />
        </div>
      </header>
      <div className="layout">
        <RunSidebar
          ref={compareButton}
          runs={runs}
          selectedRunId={selected?.runId ?? null}
          onSelect={setSelectedRunId}
          compareIds={compareIds}
          onToggleCompare={toggleCompare}
          onCompare={() => setComparing(true)}
        />
        <main className="main">
          {runList.isError && !runList.data ? (
            <div className="notice" role="alert">
              Cannot reach the demo server.{' '}
              <button type="button" className="button" onClick={() => void runList.refetch()}>
                Retry
              </button>
            </div>
          ) : null}
          {selected ? (
            <>
              <RunHeader run={selected} />
              <LogTerminal
                key={selected.runId}
                experimentId={experimentId}
                runId={selected.runId}
                isLive={selected.status === 'running'}
              />
              <section className="card chart-card" aria-label="Metrics">
                <TrainingMetricsChart
                  key={selected.runId}
                  experimentId={experimentId}
                  runIds={[selected.runId]}
                  isLive={selected.status === 'running'}
                  metric={metric}
                  onMetricChange={setMetric}
                  height={340}
                  theme={theme}
                />
              </section>
            </>
          ) : runList.isPending ? (
            <div className="skeleton" aria-busy="true" />
          ) : null}
        </main>
      </div>
      {comparing ? (
        <CompareDialog
          title={`Compare ${compareIds.length} runs`}
          onClose={() => setComparing(false)}
        >
          <RunComparison experimentId={experimentId} runIds={compareIds} theme={theme} />
        </CompareDialog>
      ) : null}
    </div>
  );
}
