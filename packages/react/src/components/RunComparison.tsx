'use client';
import { useMemo } from 'react';
import type { ChartViewSettings } from '../data/chartViewSettings';
import { runColors } from '../data/runColors';
import { summarizeRun } from '../data/summarizeRun';
import type { ChartStateProps, EndpointSourceProps } from '../data/trainingMetricsChartProps';
import { useColorScheme } from '../hooks/useColorScheme';
import { useRunColors } from '../hooks/useRunColors';
import { useRunComparison } from '../hooks/useRunComparison';
import { RunComparisonTable } from './RunComparisonTable';
import { TrainingMetricsChart } from './TrainingMetricsChart';

/**
 * Props of {@link RunComparison}: the chart's props for endpoint runs, with 2 to 10 `runIds`.
 *
 * @example
 * ```tsx
 * <RunComparison experimentId="exp-1" runIds={['a', 'b', 'c']} />
 * ```
 */
export interface RunComparisonProps
  extends ChartViewSettings,
    ChartStateProps,
    Omit<EndpointSourceProps, 'runIds'> {
  /** The runs to compare, 2 to 10 (more are cut to the first 10, for legible colours). */
  runIds: readonly string[];
}

/** Beyond this the Okabe-Ito colours repeat and a comparison stops being readable. */
const MAX_RUNS = 10;

/**
 * Several runs side by side: all curves overlaid in one chart (same metric selector), and a sortable
 * table of per-run facts. A run whose fetch fails shows its error in its row without hiding the others.
 * Sized by its container, so it fits in a modal.
 *
 * @param props - {@link RunComparisonProps}
 * @returns the chart and the table
 *
 * @example
 * ```tsx
 * <dialog open>
 *   <RunComparison experimentId="exp-1" runIds={selected} runLabels={names} />
 * </dialog>
 * ```
 */
export function RunComparison(props: RunComparisonProps) {
  const runIds = useMemo(() => props.runIds.slice(0, MAX_RUNS), [props.runIds]);
  // The chart's own queries fetch and poll; these observers only read the same cache entries.
  const results = useRunComparison(props.experimentId, runIds, { enabled: false });
  const colors = useRunColors(props.experimentId, runIds, props.runColorMap);
  const rows = runIds.map((runId, index) => {
    const result = results[index];
    const label = props.runLabels?.[runId] ?? runId;
    const data = result?.data;
    const summary = summarizeRun(
      data
        ? {
            id: runId,
            label,
            status: data.status,
            lastStep: data.lastStep,
            metrics: data.metrics,
          }
        : { id: runId, label, metrics: {} },
    );
    const color = colors[runId] ?? (runColors[index % runColors.length] as string);
    return result?.isError && !data ? { summary, color, error: result.error } : { summary, color };
  });
  // The table's colours follow the chart's theme (the chart's stylesheet keys them on data-theme).
  const scheme = useColorScheme(props.theme);
  return (
    <section
      aria-label="Run comparison"
      className="tvz-root"
      data-theme={scheme}
      style={{ display: 'grid', gap: 12, minWidth: 0 }}
    >
      <TrainingMetricsChart {...props} runIds={runIds} />
      <RunComparisonTable
        rows={rows}
        onRetry={(runId) => void results[runIds.indexOf(runId)]?.refetch()}
      />
    </section>
  );
}
