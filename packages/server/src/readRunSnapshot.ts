import { downsampleM4 } from '@trainviz/client/series';
import type { MetricStore, RunSnapshot, SeriesColumns, SnapshotQuery } from './types';

function pick(column: ArrayLike<number>, kept: readonly number[]): number[] {
  const out = new Array<number>(kept.length);
  for (let i = 0; i < kept.length; i++) out[i] = column[kept[i] as number] as number;
  return out;
}

/** Cuts a series to about `maxPoints` with M4 (first, last, min and max per bucket). */
export function downsampleColumns(columns: SeriesColumns, maxPoints: number): SeriesColumns {
  if (columns.steps.length <= maxPoints) return columns;
  const kept = downsampleM4(columns.steps, columns.values, maxPoints);
  const out: SeriesColumns = {
    steps: pick(columns.steps, kept),
    values: pick(columns.values, kept),
  };
  if (columns.times) out.times = pick(columns.times, kept);
  return out;
}

/**
 * {@link MetricStore.readSnapshot} of a store that has none: the run, then its points up to the
 * run's `lastStep` as read (so no point past it shows up, even with a writer running), then
 * downsampling in JavaScript.
 */
export async function readRunSnapshot(
  store: MetricStore,
  experimentId: string,
  runId: string,
  query: SnapshotQuery = {},
): Promise<RunSnapshot | null> {
  if (store.readSnapshot) return store.readSnapshot(experimentId, runId, query);
  const run = await store.getRun(experimentId, runId);
  if (!run) return null;
  const { maxPoints, encodeJson: _notUsed, ...pointQuery } = query;
  if (run.lastStep === null) {
    return { run, series: Object.create(null), totalPoints: Object.create(null) };
  }
  const stepMax = Math.min(pointQuery.stepMax ?? run.lastStep, run.lastStep);
  const found = await store.queryPoints(experimentId, runId, { ...pointQuery, stepMax });
  const series: Record<string, SeriesColumns> = Object.create(null);
  const totalPoints: Record<string, number> = Object.create(null);
  for (const name of Object.keys(found)) {
    const columns = found[name] as SeriesColumns;
    totalPoints[name] = columns.steps.length;
    series[name] = maxPoints === undefined ? columns : downsampleColumns(columns, maxPoints);
  }
  return { run, series, totalPoints };
}
