import type { MetricPreset } from '@trainviz/react';
import { assignRunColors, RunComparison, TrainingMetricsChart } from '@trainviz/react';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { CompareDialog } from './CompareDialog';
import { LogTerminal } from './LogTerminal';
import { RunHeader } from './RunHeader';
import { RunSidebar } from './RunSidebar';
import { ThemeToggle } from './ThemeToggle';
import type { DemoRunSummary } from './types';
import { useRunList } from './useRunList';
import { type DemoTheme, useTheme } from './useTheme';

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

function WaitingForFile({ file }: { file: string | null | undefined }) {
  return (
    <div className="chart-waiting" role="status">
      <strong>Waiting for the log file</strong>
      <span>{file} does not exist yet. The chart starts when it appears.</span>
    </div>
  );
}

interface RunChartProps {
  experimentId: string;
  runId: string;
  metric: string;
  onMetricChange: (metric: string) => void;
  theme: DemoTheme;
  /** Colour of every run of the experiment, so a run looks the same here and in a comparison. */
  colors: Readonly<Record<string, string>>;
  /** Panels of this preset instead of one metric with a selector. @defaultValue undefined */
  panels?: MetricPreset | undefined;
  onPanelsChange: (panels: boolean) => void;
  /** A `--log` file that does not exist yet: no request until it does. @defaultValue null */
  waitingFor?: string | null;
}

/**
 * The selected run's chart. Memoised on its props: the run list is polled every second for the
 * sidebar, and a new list must not redraw a chart whose inputs did not change. The chart follows
 * the run's status by itself (`isLive` polls while it is pending or running, then stops).
 */
const RunChart = memo(function RunChart(props: RunChartProps) {
  const runIds = useMemo(() => [props.runId], [props.runId]);
  return (
    <section className="card chart-card" aria-label="Metrics">
      <fieldset className="chart-view">
        <legend className="visually-hidden">Chart view</legend>
        <button
          type="button"
          className="button"
          aria-pressed={!props.panels}
          onClick={() => props.onPanelsChange(false)}
        >
          One metric
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={!!props.panels}
          onClick={() => props.onPanelsChange(true)}
        >
          Panels
        </button>
      </fieldset>
      <TrainingMetricsChart
        experimentId={props.experimentId}
        runIds={runIds}
        isLive
        metric={props.metric}
        onMetricChange={props.onMetricChange}
        height={340}
        theme={props.theme}
        runColorMap={props.colors}
        {...(props.panels ? { metrics: props.panels } : {})}
        enabled={!props.waitingFor}
        {...(props.waitingFor
          ? { renderEmpty: () => <WaitingForFile file={props.waitingFor} /> }
          : {})}
      />
    </section>
  );
});

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
  const [panels, setPanels] = useState(false);
  // One colour per run of the experiment, from its run list: the same in the chart, the sidebar's
  // comparison and the table.
  const runIdsKey = runs.map((run) => run.runId).join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `runIdsKey` stands for the run ids
  const colors = useMemo(() => assignRunColors(runs.map((run) => run.runId)), [runIdsKey]);
  const [theme, setTheme] = useTheme();
  const compareButton = useRef<HTMLButtonElement>(null);

  const linked = runs.find((run) => run.runId === selectedRunId);
  // A link to a run the experiment does not list (deleted, mistyped): say so, and let the chart
  // show what the metrics endpoint answers (a 404, once) rather than quietly opening another run.
  const unknownRunId = runList.data && selectedRunId !== null && !linked ? selectedRunId : null;
  const selected = unknownRunId === null ? (linked ?? defaultRun(runs)) : undefined;

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
          selectedRunId={selected?.runId ?? unknownRunId}
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
          {unknownRunId !== null ? (
            <>
              <header className="run-header">
                <div className="run-title">
                  <h1>{unknownRunId}</h1>
                </div>
                <p className="run-description">
                  This experiment lists no run with this id. Pick one on the left.
                </p>
              </header>
              <RunChart
                key={unknownRunId}
                experimentId={experimentId}
                runId={unknownRunId}
                metric={metric}
                onMetricChange={setMetric}
                theme={theme}
                colors={colors}
                onPanelsChange={setPanels}
              />
            </>
          ) : selected ? (
            <>
              <RunHeader run={selected} />
              <LogTerminal
                key={selected.runId}
                experimentId={experimentId}
                runId={selected.runId}
                isLive={selected.status === 'running'}
              />
              <RunChart
                key={`chart:${selected.runId}`}
                experimentId={experimentId}
                runId={selected.runId}
                waitingFor={
                  selected.waitingForFile ? selected.description.replace(/^Following /, '') : null
                }
                metric={metric}
                onMetricChange={setMetric}
                theme={theme}
                colors={colors}
                panels={panels ? (selected.kind === 'dpo' ? 'dpo' : 'sft') : undefined}
                onPanelsChange={setPanels}
              />
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
          <RunComparison
            experimentId={experimentId}
            runIds={compareIds}
            theme={theme}
            runColorMap={colors}
            isLive
          />
        </CompareDialog>
      ) : null}
    </div>
  );
}
