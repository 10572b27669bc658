'use client';
import type { UseQueryResult } from '@tanstack/react-query';
import type { RunMetrics } from '@trainviz/client';
import { useState } from 'react';
import { runColors } from '../data/runColors';
import type { ChartRun } from '../data/types';

function toChartRun(data: RunMetrics, label: string, color: string): ChartRun {
  return {
    id: data.runId,
    label,
    color,
    status: data.status,
    lastStep: data.lastStep,
    metrics: data.metrics,
    restarts: data.restarts,
    stepSource: data.stepSource,
  };
}

/** Remembers the last inputs and output, a `useMemo` whose inputs are a list of any length. */
function createRunsMemo() {
  let inputs: readonly unknown[] = [];
  let runs: ChartRun[] = [];
  return (next: readonly unknown[], compute: () => ChartRun[]): ChartRun[] => {
    if (next.length !== inputs.length || next.some((x, i) => x !== inputs[i])) {
      inputs = next;
      runs = compute();
    }
    return runs;
  };
}

/**
 * The runs with data, as the same array while no run's data changed: the query results are new
 * objects each render, but their `data` keeps its identity between polls that bring nothing, which
 * lets the view skip all work on those renders.
 *
 * @param results - one query result per run id
 * @param runIds - the run ids, in order
 * @param runLabels - display names
 * @param colors - colour by run id. @defaultValue the palette, by position
 * @returns the runs to draw
 *
 * @example
 * ```ts
 * const runs = useChartRuns(useRunComparison('exp-1', runIds), runIds, labels);
 * ```
 */
export function useChartRuns(
  results: readonly UseQueryResult<RunMetrics, unknown>[],
  runIds: readonly string[],
  runLabels: Readonly<Record<string, string>> | undefined,
  colors?: Readonly<Record<string, string>>,
): ChartRun[] {
  // A memo of a pure function of its inputs, so a render React discards leaves it correct.
  const [memo] = useState(createRunsMemo);
  const inputs = [runLabels, colors, ...runIds, ...results.map((result) => result.data)];
  return memo(inputs, () =>
    results.flatMap((result, index): ChartRun[] => {
      const data = result.data;
      if (!data) return [];
      const runId = runIds[index] ?? data.runId;
      // By run, not by position: a run keeps its colour in every view; a failed run shifts nothing.
      const color = colors?.[runId] ?? (runColors[index % runColors.length] as string);
      return [toChartRun(data, runLabels?.[runId] ?? runId, color)];
    }),
  );
}
