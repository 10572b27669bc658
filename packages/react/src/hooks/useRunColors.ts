'use client';
import { useContext, useMemo } from 'react';
import { RunColorContext } from './RunColorContext';

/**
 * A colour per run that stays the same in every view of the host: the host's `runColorMap` when it
 * lists the run, else the colour the provider's registry gave the run the first time any chart of
 * the experiment showed it (no two runs of an experiment share one while the palette lasts).
 *
 * @param experimentId - the runs' experiment
 * @param runIds - the runs
 * @param runColorMap - colours chosen by the host. @defaultValue undefined
 * @returns colour by run id
 *
 * @example
 * ```ts
 * const colors = useRunColors('exp-1', ['a', 'b']);
 * ```
 */
export function useRunColors(
  experimentId: string,
  runIds: readonly string[],
  runColorMap?: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  const registry = useContext(RunColorContext);
  const key = runIds.join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ids' contents
  return useMemo(() => {
    const assigned = registry.colorsFor(experimentId, runIds);
    if (!runColorMap) return assigned;
    const colors: Record<string, string> = Object.create(null);
    for (const runId of runIds) {
      const color = Object.hasOwn(runColorMap, runId) ? runColorMap[runId] : assigned[runId];
      if (color !== undefined) colors[runId] = color;
    }
    return colors;
  }, [registry, experimentId, key, runColorMap]);
}
