import { chartCsv, exportFileName } from '../data/chartCsv';
import type { XRange } from '../data/visibleRange';
import type { FigurePanel } from './composeChartFigure';
import { composeChartFigure } from './composeChartFigure';
import type { ExportFormat } from './exportChart';
import { exportChart } from './exportChart';

/**
 * What {@link exportMetricsChart} exports: the panels shown (one for a single metric), each with
 * its drawn data and its `<svg>`.
 *
 * @example
 * ```ts
 * const request: MetricsChartExport = { format: 'png', panels: [{ metric: 'loss', drawn, svg }], zoom: null, scheme: 'light' };
 * ```
 */
export interface MetricsChartExport {
  format: ExportFormat;
  panels: readonly FigurePanel[];
  zoom: XRange | null;
  /** The chart's colour scheme: the figure's background and text follow it. */
  scheme: 'light' | 'dark';
}

/**
 * Downloads what a `MetricsChartView` shows: its recorded points inside the zoom as CSV (from the
 * data, not from the drawn and downsampled rows; every panel's metric), or a figure as SVG or PNG
 * with each metric as a title, the axis labels, a legend of the runs, in a font stack that renders
 * the same everywhere.
 *
 * @param request - format, panels, zoom, scheme
 * @returns resolves once the download was offered
 *
 * @example
 * ```ts
 * await exportMetricsChart({ format: 'svg', panels, zoom, scheme: 'dark' });
 * ```
 */
export function exportMetricsChart(request: MetricsChartExport): Promise<void> {
  const { format, panels, zoom, scheme } = request;
  const filename = exportFileName(panels.map((panel) => panel.metric).join('+') || 'chart');
  if (format === 'csv') {
    const csv = panels
      .map((panel, i) => {
        const text = chartCsv(panel.metric, panel.drawn, zoom);
        // One header for the whole file.
        return i === 0 ? text : text.slice(text.indexOf('\n') + 1);
      })
      .join('');
    return exportChart({ format, filename, csv });
  }
  const dark = scheme === 'dark';
  const figure = composeChartFigure(panels, {
    columns: panels.length > 1 ? 2 : 1,
    background: dark ? '#0d1117' : '#ffffff',
    foreground: dark ? '#e6edf3' : '#1f2328',
    muted: dark ? '#9198a1' : '#59636e',
  });
  return exportChart({ format, filename, svgText: figure });
}
