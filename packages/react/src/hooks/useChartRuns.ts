'use client';
import type { UseQueryResult } from '@tanstack/react-query';
import type { RunMetrics } from '@trainviz/client';
import { useState } from 'react';
import { runColors } from '../data/runColors';
import type { ChartRun } from '../data/types';

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
): ChartRun[] {
  // A memo of a pure function of its inputs, so a render React discards leaves it correct.
  const [memo] = useState(createRunsMemo);
  const inputs = [runLabels, ...runIds, ...results.map((result) => result.data)];
  return memo(inputs, () =>
    results.flatMap((result, index): ChartRun[] => {
      const data = result.data;
      if (!data) return [];
      const runId = runIds[index] ?? data.runId;
      return [toChartRun(data, runLabels?.[runId] ?? runId, index)];
    }),
  );
}
