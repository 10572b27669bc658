import { downsampleM4 } from '@trainviz/client/series';
import type { MetricSeries } from './types';

/**
 * A shorter copy of a series for drawing: the points {@link downsampleM4} keeps (first, last, min and
 * max of each of `maxPoints / 4` step buckets, plus every non-finite value). The values are the
 * recorded ones, never averages; the input is not modified.
 *
 * @param series - A series of a parse result.
 * @param maxPoints - Budget of points, about 4 per horizontal pixel-bucket of the chart.
 * @returns The same series when it has `maxPoints` points or fewer (a copy), otherwise the kept points.
 *
 * @example
 * ```ts
 * const loss = downsampleSeries(result.series.loss, 2000);
 * chart.setData(loss.steps.map((step, i) => ({ step, loss: loss.values[i] })));
 * ```
 */
export function downsampleSeries(series: MetricSeries, maxPoints: number): MetricSeries {
  const kept = downsampleM4(series.steps, series.values, maxPoints);
  const steps = new Array<number>(kept.length);
  const values = new Array<number>(kept.length);
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k] as number;
    steps[k] = series.steps[i] as number;
    values[k] = series.values[i] as number;
  }
  return { steps, values };
}
