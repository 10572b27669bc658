import type { DrawnRun } from '../data/drawRuns';
import { visibleRuns } from '../data/drawRuns';
import { svgToString } from './exportChart';

/**
 * One panel of a figure: its metric (the panel's title), the runs it draws and its `<svg>`.
 *
 * @example
 * ```ts
 * const panel: FigurePanel = { metric: 'loss', drawn, svg };
 * ```
 */
export interface FigurePanel {
  metric: string;
  drawn: readonly DrawnRun[];
  svg: SVGSVGElement | null;
  /** Run groups drawn as a mean line, for the legend. @defaultValue [] */
  groups?: readonly { id: string; label: string; color: string }[];
}

/**
 * Fonts with the same metrics on every system (Arial, Helvetica, Liberation Sans and Nimbus Sans
 * are drop-in for one another), so a figure lays out the same wherever it is opened, never in a
 * serif fallback.
 */
export const FIGURE_FONT = "Arial, Helvetica, 'Liberation Sans', 'Nimbus Sans', sans-serif";

const PAD = 16;
const TITLE_HEIGHT = 26;
const LEGEND_ROW = 22;
const GAP = 16;

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

/**
 * A figure to paste into a paper or a pull request: each panel's chart under its metric as title,
 * in a grid of up to `columns` panels, then a legend of the runs drawn (their colour and name), on
 * an opaque background, every text in {@link FIGURE_FONT}. The charts keep their axis labels and
 * colours (copied from the page's CSS onto the elements).
 *
 * @param panels - the panels, in order
 * @param options - columns, colours of the background and of the text
 * @returns the SVG document and its size
 *
 * @example
 * ```ts
 * const { text, width, height } = composeChartFigure([{ metric: 'loss', drawn, svg }], { background: '#fff', foreground: '#1f2328' });
 * ```
 */
export function composeChartFigure(
  panels: readonly FigurePanel[],
  options: { columns?: number; background: string; foreground: string; muted?: string },
): { text: string; width: number; height: number } {
  const drawnPanels = panels.filter((panel) => panel.svg !== null);
  const columns = Math.max(1, Math.min(options.columns ?? 2, drawnPanels.length));
  const sizes = drawnPanels.map(({ svg }) => {
    const box = svg?.getBoundingClientRect();
    return {
      width: box?.width || Number(svg?.getAttribute('width')) || 800,
      height: box?.height || Number(svg?.getAttribute('height')) || 320,
    };
  });
  const cellWidth = Math.max(...sizes.map((size) => size.width), 200);
  const cellHeight = Math.max(...sizes.map((size) => size.height), 120) + TITLE_HEIGHT;
  const rows = Math.ceil(drawnPanels.length / columns);

  // Legend: every run or group drawn in any panel, once, in order.
  const legend = new Map<string, { label: string; color: string }>();
  for (const panel of drawnPanels) {
    for (const { run, label, color } of visibleRuns(panel.drawn)) {
      if (!legend.has(run.id)) legend.set(run.id, { label, color });
    }
  }
  for (const panel of drawnPanels) {
    for (const group of panel.groups ?? []) {
      if (!legend.has(group.id)) legend.set(group.id, { label: group.label, color: group.color });
    }
  }
  const width = PAD * 2 + columns * cellWidth + (columns - 1) * GAP;
  const legendItems = [...legend.values()];
  // Lay the legend out in rows that fit the width.
  const placed: { x: number; y: number; label: string; color: string }[] = [];
  let lx = PAD;
  let ly = 0;
  for (const item of legendItems) {
    const itemWidth = 28 + item.label.length * 7.2 + 18;
    if (lx + itemWidth > width - PAD && lx > PAD) {
      lx = PAD;
      ly += LEGEND_ROW;
    }
    placed.push({ x: lx, y: ly, ...item });
    lx += itemWidth;
  }
  const legendHeight = legendItems.length > 0 ? ly + LEGEND_ROW + 8 : 0;
  const height = PAD * 2 + rows * cellHeight + (rows - 1) * GAP + legendHeight;

  const parts: string[] = [];
  drawnPanels.forEach((panel, i) => {
    const svg = panel.svg as SVGSVGElement;
    const size = sizes[i] as { width: number; height: number };
    const col = i % columns;
    const row = Math.floor(i / columns);
    const x = PAD + col * (cellWidth + GAP);
    const y = PAD + row * (cellHeight + GAP);
    const inner = svgToString(svg, options.background)
      .replace(/^<svg[^>]*>/, '')
      .replace(/<\/svg>\s*$/, '');
    parts.push(
      `<text x="${x + 8}" y="${y + 17}" font-size="15" font-weight="700" fill="${options.foreground}">${escapeXml(panel.metric)}</text>`,
      `<svg x="${x}" y="${y + TITLE_HEIGHT}" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size.height}" overflow="hidden">${inner}</svg>`,
    );
  });
  const legendTop = PAD + rows * cellHeight + (rows - 1) * GAP + 8;
  for (const item of placed) {
    const y = legendTop + item.y;
    parts.push(
      `<rect x="${item.x}" y="${y + 7}" width="20" height="4" rx="1" fill="${item.color}"/>`,
      `<text x="${item.x + 26}" y="${y + 13}" font-size="13" fill="${options.muted ?? options.foreground}">${escapeXml(item.label)}</text>`,
    );
  }
  const text = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FIGURE_FONT}">`,
    `<style>text{font-family:${FIGURE_FONT}}</style>`,
    `<rect width="100%" height="100%" fill="${options.background}"/>`,
    ...parts,
    '</svg>',
  ].join('');
  return { text, width, height };
}
