import { chartCsv, exportFileName } from '../data/chartCsv';
import type { DrawnRun } from '../data/drawRuns';
import type { XRange } from '../data/visibleRange';
import type { ExportFormat } from './exportChart';
import { exportChart } from './exportChart';

/**
 * What {@link exportMetricsChart} exports: the drawn data and the chart's own `<svg>`.
 *
 * @example
 * ```ts
 * const request: MetricsChartExport = { format: 'csv', metric: 'loss', drawn, zoom: null, svg: null, background: '#fff' };
 * ```
 */
export interface MetricsChartExport {
  format: ExportFormat;
  metric: string;
  drawn: readonly DrawnRun[];
  zoom: XRange | null;
  /** The chart's surface, for `svg` and `png`. */
  svg: SVGSVGElement | null;
  /** Colour painted behind the image. */
  background: string;
}

/**
 * Downloads what a `MetricsChartView` shows: its recorded points inside the zoom as CSV (from the
 * data, not from the drawn and downsampled rows), or its surface as SVG or PNG.
 *
 * @param request - format, data and surface
 * @returns resolves once the download was offered
 *
 * @example
 * ```ts
 * await exportMetricsChart({ format: 'png', metric: 'loss', drawn, zoom, svg, background: '#0d1117' });
 * ```
 */
export function exportMetricsChart(request: MetricsChartExport): Promise<void> {
  const { format, metric, drawn, zoom, svg, background } = request;
  const filename = exportFileName(metric);
  if (format === 'csv')
    return exportChart({ format, filename, csv: chartCsv(metric, drawn, zoom) });
  return exportChart({ format, filename, svg, background });
}
