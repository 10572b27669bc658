import type { GroupBand } from './aggregateRunGroup';
import { aggregateRunGroup } from './aggregateRunGroup';
import type { DrawnRun } from './drawRuns';
import type { XRange } from './visibleRange';

/**
 * One drawn point of a run group: x, the members' mean and the band around it.
 *
 * @example
 * ```ts
 * const row: RunGroupRow = { x: 100, mean: 2.1, band: [1.9, 2.3], count: 3 };
 * ```
 */
export interface RunGroupRow {
  x: number;
  mean: number;
  band: [number, number];
  count: number;
}

/**
 * A group as the chart draws it: its mean line and band, and its members for the tooltip.
 *
 * @example
 * ```ts
 * const group: DrawnGroup = groupRows(drawn, { a: 'lr 2e-5', b: 'lr 2e-5' }, 'std')[0];
 * ```
 */
export interface DrawnGroup {
  /** `group:` + the group's name, the key of its legend entry. */
  id: string;
  label: string;
  color: string;
  rows: RunGroupRow[];
  /** Members with the metric, shown one by one in the tooltip. */
  members: DrawnRun[];
}

/**
 * The run groups of the selected metric: for each group with at least one member that has the
 * metric, the members' (smoothed, when smoothing is on) values reduced to a mean and a band by
 * `aggregateRunGroup` on the x axis drawn, cut to the zoom and thinned to about `maxPoints`. A
 * group is hidden with the legend entry `group:<name>` among the hidden runs.
 *
 * @param drawn - output of `drawRuns` (members included)
 * @param runGroups - group name by run id
 * @param band - `minmax` or `std`
 * @param view - zoom and point budget. @defaultValue no zoom, 2000 points
 * @returns the groups, in the order their first member appears
 *
 * @example
 * ```ts
 * const groups = groupRows(drawn, { s1: 'cfg-a', s2: 'cfg-a', s3: 'cfg-a' }, 'minmax');
 * ```
 */
export function groupRows(
  drawn: readonly DrawnRun[],
  runGroups: Readonly<Record<string, string>>,
  band: GroupBand,
  view: { zoom?: XRange | null; maxPoints?: number; hiddenIds?: readonly string[] } = {},
): DrawnGroup[] {
  const byName = new Map<string, DrawnRun[]>();
  for (const item of drawn) {
    const name = Object.hasOwn(runGroups, item.run.id) ? runGroups[item.run.id] : undefined;
    if (name === undefined || !item.model) continue;
    const list = byName.get(name) ?? [];
    list.push(item);
    byName.set(name, list);
  }
  const maxPoints = Math.max(10, view.maxPoints ?? 2000);
  const groups: DrawnGroup[] = [];
  for (const [name, members] of byName) {
    const id = `group:${name}`;
    if (view.hiddenIds?.includes(id)) continue;
    const series = members.map(({ model }) => ({
      steps: model?.xs ?? [],
      values: model?.smoothed ?? model?.values ?? [],
    }));
    const stats = aggregateRunGroup(series, band);
    const rows: RunGroupRow[] = [];
    const zoom = view.zoom;
    let first = 0;
    let last = stats.steps.length - 1;
    if (zoom) {
      while (first <= last && (stats.steps[first] as number) < zoom.from) first++;
      while (last >= first && (stats.steps[last] as number) > zoom.to) last--;
      // One point beyond each edge, so the band reaches the plot's sides.
      first = Math.max(0, first - 1);
      last = Math.min(stats.steps.length - 1, last + 1);
    }
    const stride = Math.max(1, Math.ceil((last - first + 1) / maxPoints));
    for (let i = first; i <= last; i += stride) {
      rows.push({
        x: stats.steps[i] as number,
        mean: stats.mean[i] as number,
        band: [stats.lower[i] as number, stats.upper[i] as number],
        count: stats.count[i] as number,
      });
    }
    if (last >= first && (last - first) % stride !== 0) {
      rows.push({
        x: stats.steps[last] as number,
        mean: stats.mean[last] as number,
        band: [stats.lower[last] as number, stats.upper[last] as number],
        count: stats.count[last] as number,
      });
    }
    const color = members[0]?.color ?? '#0072B2';
    groups.push({ id, label: name, color, rows, members });
  }
  return groups;
}
