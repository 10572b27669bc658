/**
 * Colour scheme of the chart. `auto` follows the host page's `prefers-color-scheme`.
 *
 * @example
 * ```tsx
 * <TrainingMetricsChart experimentId="exp-1" runIds={['a']} theme="dark" />
 * ```
 */
export type ChartThemeName = 'light' | 'dark' | 'auto';

/**
 * Default colours of a theme. Each can be overridden by the host with the CSS variable of the same
 * name: `--trainviz-bg`, `--trainviz-fg`, `--trainviz-muted`, `--trainviz-grid`, `--trainviz-surface`,
 * `--trainviz-danger`, `--trainviz-accent`, `--trainviz-font`.
 *
 * @example
 * ```css
 * .my-dashboard { --trainviz-bg: #101418; --trainviz-danger: #ff6b6b; }
 * ```
 */
export interface ChartThemeColors {
  bg: string;
  fg: string;
  muted: string;
  grid: string;
  surface: string;
  danger: string;
  accent: string;
}

const palettes: Record<'light' | 'dark', ChartThemeColors> = {
  light: {
    bg: '#ffffff',
    fg: '#1f2328',
    muted: '#59636e',
    grid: '#d1d9e0',
    surface: '#f6f8fa',
    danger: '#cf222e',
    accent: '#0072b2',
  },
  dark: {
    bg: '#0d1117',
    fg: '#e6edf3',
    muted: '#9198a1',
    grid: '#30363d',
    surface: '#161b22',
    danger: '#ff7b72',
    accent: '#56b4e9',
  },
};

/** `--tvz-bg:var(--trainviz-bg,#ffffff);...`: a scheme's colours, each the host's variable first. */
const colorVariables = (scheme: 'light' | 'dark') =>
  Object.entries(palettes[scheme])
    .map(([name, color]) => `--tvz-${name}:var(--trainviz-${name},${color})`)
    .join(';');

/**
 * The charts' stylesheet, scoped to `.tvz-root`: one text for every chart on a page, each root's
 * `data-theme` (`light` or `dark`) picking its colours, so a light and a dark chart side by side
 * each keep theirs. Every colour reads its `--trainviz-*` variable first, so hosts theme the chart
 * from their own CSS.
 */
export const chartStyles = [
  `.tvz-root{${colorVariables('light')};color:var(--tvz-fg);background:var(--tvz-bg);font-family:var(--trainviz-font,system-ui,sans-serif);font-size:13px;box-sizing:border-box;width:100%;min-width:0}`,
  `.tvz-root[data-theme=dark]{${colorVariables('dark')}}`,
  `.tvz-root *{box-sizing:border-box}`,
  `.tvz-bar{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:4px 0}`,
  `.tvz-bar label{display:inline-flex;gap:4px;align-items:center;color:var(--tvz-muted)}`,
  `.tvz-root select,.tvz-root button{font:inherit;color:inherit;background:var(--tvz-surface);border:1px solid var(--tvz-grid);border-radius:4px;padding:2px 8px;cursor:pointer}`,
  // Disabled controls look it: faded, no pointer, no hover.
  `.tvz-root :is(button,select,input):disabled{opacity:.45;cursor:not-allowed}`,
  `.tvz-root :is(button,select,input):focus-visible{outline:2px solid var(--tvz-accent);outline-offset:1px}`,
  `.tvz-root button[aria-pressed=false]{opacity:.5;text-decoration:line-through}`,
  `.tvz-root .recharts-cartesian-grid line{stroke:var(--tvz-grid)}`,
  `.tvz-root .recharts-text{fill:var(--tvz-muted)}`,
  `.tvz-root :is(.tvz-nonfinite,.tvz-nonfinite circle){fill:var(--tvz-danger);stroke:var(--tvz-bg)}`,
  `.tvz-root :is(.tvz-nonfinite-band,.tvz-nonfinite-band path){fill:var(--tvz-danger);fill-opacity:.1;stroke:none}`,
  // Recharts writes the label's fill as an inline style, which only an important rule outranks.
  `.tvz-root .tvz-nonfinite-label{fill:var(--tvz-danger)!important}`,
  // A click (drag to zoom) focuses the plot; the focus ring is for keyboard users only.
  `.tvz-root :is(.recharts-surface,.recharts-wrapper):focus:not(:focus-visible){outline:none}`,
  `.tvz-root :is(.tvz-resume,.tvz-hover) line{stroke:var(--tvz-muted)}`,
  `.tvz-root .tvz-zoom{fill:var(--tvz-accent);fill-opacity:.15}`,
  `.tvz-tip{background:var(--tvz-surface);border:1px solid var(--tvz-grid);border-radius:4px;padding:6px 8px;color:var(--tvz-fg);font-size:12px;box-shadow:0 2px 8px rgb(0 0 0 / 12%)}`,
  // The hover box stays inside the plot: at most its width, long names wrap.
  `.tvz-tip-wrap{position:absolute;top:8px;max-width:min(320px,calc(100% - 8px));pointer-events:none;z-index:2;overflow-wrap:anywhere}`,
  `.tvz-tip-x{font-weight:600;margin-bottom:2px}`,
  `:is(.tvz-tip-raw,.tvz-tip-member,.tvz-empty,.tvz-notes){color:var(--tvz-muted)}`,
  `.tvz-tip-member{padding-left:14px}`,
  `.tvz-panel-title{margin:0 0 2px 8px;font-size:13px;font-weight:600;font-family:inherit}`,
  `.tvz-empty{margin:0;text-align:center}`,
  `.tvz-notes{margin:4px 0 0;padding:0;list-style:none}`,
  `.tvz-danger{color:var(--tvz-danger)}`,
  `.tvz-badge{font-size:11px;padding:1px 6px;border-radius:8px;border:1px solid var(--tvz-danger);color:var(--tvz-danger)}`,
  `.tvz-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`,
  `.tvz-skeleton{border-radius:6px;background:var(--tvz-surface);animation:tvz-pulse 1.2s ease-in-out infinite}`,
  `@keyframes tvz-pulse{50%{opacity:.55}}`,
  `@media (prefers-reduced-motion:reduce){.tvz-skeleton{animation:none}}`,
  `.tvz-table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}`,
  `.tvz-table :is(th,td){padding:4px 8px;border-bottom:1px solid var(--tvz-grid);text-align:right}`,
  `.tvz-table :is(th,td):first-child{text-align:left}`,
].join('\n');
