import type { DrawnRun } from './drawRuns';
import { visibleRuns } from './drawRuns';
import type { NonFiniteStretch } from './groupNonFinite';
import { groupNonFinite } from './groupNonFinite';
import type { XRange } from './visibleRange';

/** Non-finite stretches closer than this many pixels draw as one band. */
const MARKER_MERGE_PX = 3;

/**
 * The non-finite stretches of each visible run within the zoom, those closer than a few pixels at
 * the current scale merged, so a run with thousands of NaNs draws a few bands, not thousands.
 *
 * @param drawn - output of `drawRuns`
 * @param xDomain - the visible x range
 * @param plotWidth - plot width in pixels
 * @param zoom - the zoom, or null
 * @returns stretches by run id (runs without any are absent)
 *
 * @example
 * ```ts
 * runStretches(drawn, [0, 5000], 720, null).get('sft-7'); // [{ fromStep: 120, toStep: 180, ... }]
 * ```
 */
export function runStretches(
  drawn: readonly DrawnRun[],
  xDomain: readonly [number, number] | null,
  plotWidth: number,
  zoom: XRange | null,
): Map<string, NonFiniteStretch[]> {
  const byRun = new Map<string, NonFiniteStretch[]>();
  if (!xDomain) return byRun;
  const mergeGap = ((xDomain[1] - xDomain[0]) / plotWidth) * MARKER_MERGE_PX;
  for (const { run, model } of visibleRuns(drawn)) {
    if (model.nonFinite.length === 0) continue;
    byRun.set(
      run.id,
      groupNonFinite(model.xs, model.nonFinite, {
        mergeGap,
        ...(zoom ? { from: zoom.from, to: zoom.to } : {}),
      }),
    );
  }
  return byRun;
}
