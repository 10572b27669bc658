import { lowerBound, nearestIndex, upperBound } from '@trainviz/client/series';

/**
 * Where the plot sits in the chart's SVG and which data ranges its edges show.
 *
 * @example
 * ```ts
 * const frame: PlotFrame = {
 *   left: 72, top: 12, width: 700, height: 250, xDomain: [0, 5000], yDomain: [0.5, 3], log: false,
 * };
 * ```
 */
export interface PlotFrame {
  left: number;
  top: number;
  width: number;
  height: number;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** A log10 y axis (the domain is then positive). */
  log: boolean;
}

/**
 * Data to pixel mapping of a {@link PlotFrame}, as Recharts' linear and log scales map it.
 *
 * @example
 * ```ts
 * const scale = plotScale(frame);
 * const px = scale.x(2500); // 422
 * ```
 */
export interface PlotScale {
  x(value: number): number;
  /** NaN for a value a log axis cannot show. */
  y(value: number): number;
}

/**
 * The scale of a frame. A zero-width domain maps to the plot's middle.
 *
 * @param frame - the plot's box and domains
 * @returns the x and y mappings
 *
 * @example
 * ```ts
 * const { x, y } = plotScale(frame);
 * ```
 */
export function plotScale(frame: PlotFrame): PlotScale {
  const [x0, x1] = frame.xDomain;
  const xSpan = x1 - x0;
  const xk = xSpan > 0 ? frame.width / xSpan : 0;
  const xMid = frame.left + frame.width / 2;
  const log = frame.log;
  const y0 = log ? Math.log10(frame.yDomain[0]) : frame.yDomain[0];
  const y1 = log ? Math.log10(frame.yDomain[1]) : frame.yDomain[1];
  const ySpan = y1 - y0;
  const yk = ySpan > 0 ? frame.height / ySpan : 0;
  const bottom = frame.top + frame.height;
  const yMid = frame.top + frame.height / 2;
  return {
    x: (value) => (xk === 0 ? xMid : frame.left + (value - x0) * xk),
    y: (value) => {
      const v = log ? (value > 0 ? Math.log10(value) : Number.NaN) : value;
      return yk === 0 ? (Number.isNaN(v) ? v : yMid) : bottom - (v - y0) * yk;
    },
  };
}

/** Pixel coordinates to one decimal: sharper than a screen shows, and short strings. */
const px = (value: number) => Math.round(value * 10) / 10;

/**
 * The `d` of an SVG path through the rows, in order: straight segments, broken where a value is
 * missing (`null`, not finite, or not positive on a log axis), as Recharts draws a linear line with
 * `connectNulls` off. One string built in one pass: a redraw costs the drawn rows (about two per
 * pixel), whatever the series' length.
 *
 * @param rows - drawn rows, ascending x
 * @param value - the row's value, or null
 * @param scale - the plot's scale
 * @returns the path data, empty when nothing can be drawn
 *
 * @example
 * ```ts
 * <path d={linePath(rows, (row) => row.s, plotScale(frame))} />
 * ```
 */
export function linePath<Row extends { x: number }>(
  rows: readonly Row[],
  value: (row: Row) => number | null,
  scale: PlotScale,
): string {
  let d = '';
  let open = false;
  for (const row of rows) {
    const v = value(row);
    const y = v === null ? Number.NaN : scale.y(v);
    const x = scale.x(row.x);
    if (!Number.isFinite(y) || !Number.isFinite(x)) {
      open = false;
      continue;
    }
    d += `${open ? 'L' : 'M'}${px(x)},${px(y)}`;
    open = true;
  }
  return d;
}

/**
 * The `d` of a filled band between two edges (a run group's min-max or ±std): one closed shape per
 * stretch of rows whose both edges can be drawn.
 *
 * @param rows - drawn rows, ascending x
 * @param band - the row's low and high edge
 * @param scale - the plot's scale
 * @returns the path data, empty when nothing can be drawn
 *
 * @example
 * ```ts
 * <path d={bandPath(group.rows, (row) => row.band, plotScale(frame))} />
 * ```
 */
export function bandPath<Row extends { x: number }>(
  rows: readonly Row[],
  band: (row: Row) => readonly [number, number],
  scale: PlotScale,
): string {
  let d = '';
  let upper: string[] = [];
  let lower: string[] = [];
  const close = () => {
    if (upper.length > 0) d += `M${upper.join('L')}L${lower.reverse().join('L')}Z`;
    upper = [];
    lower = [];
  };
  for (const row of rows) {
    const [low, high] = band(row);
    const x = scale.x(row.x);
    const yLow = scale.y(low);
    const yHigh = scale.y(high);
    if (!Number.isFinite(x) || !Number.isFinite(yLow) || !Number.isFinite(yHigh)) {
      close();
      continue;
    }
    upper.push(`${px(x)},${px(yHigh)}`);
    lower.push(`${px(x)},${px(yLow)}`);
  }
  close();
  return d;
}

/**
 * The data x nearest to `x` among sorted x columns (the drawn runs' points), or null when they are
 * all empty: what the hover line and the tooltip snap to.
 *
 * @param columns - ascending x values, one column per drawn series
 * @param x - the x under the pointer
 * @returns the nearest recorded x
 *
 * @example
 * ```ts
 * nearestX([[0, 10, 20], [5, 15]], 12); // 10
 * ```
 */
export function nearestX(columns: readonly ArrayLike<number>[], x: number): number | null {
  let best: number | null = null;
  for (const xs of columns) {
    if (xs.length === 0) continue;
    const candidate = xs[nearestIndex(xs, x)] as number;
    if (!Number.isFinite(candidate)) continue;
    if (best === null || Math.abs(candidate - x) < Math.abs(best - x)) best = candidate;
  }
  return best;
}

/**
 * The recorded x next to `from` among sorted x columns, in the direction of `direction`: what the
 * arrow keys move the hover line to. With `inclusive`, `from` itself counts (the first x at or
 * after a zoomed range's left edge).
 *
 * @param columns - ascending x values, one column per drawn series
 * @param from - the x to move from
 * @param direction - 1 for the next x, -1 for the previous one
 * @param inclusive - whether an x equal to `from` is a result @defaultValue false
 * @returns that x, or null when there is none
 *
 * @example
 * ```ts
 * neighbourX([[0, 10, 20], [5, 15]], 10, 1); // 15
 * neighbourX([[0, 10, 20], [5, 15]], 10, -1, true); // 10
 * ```
 */
export function neighbourX(
  columns: readonly ArrayLike<number>[],
  from: number,
  direction: 1 | -1,
  inclusive = false,
): number | null {
  let best: number | null = null;
  for (const xs of columns) {
    // The first x past `from` (or at it, inclusive), or the last one before it.
    const i =
      direction > 0
        ? inclusive
          ? lowerBound(xs, from)
          : upperBound(xs, from)
        : (inclusive ? upperBound(xs, from) : lowerBound(xs, from)) - 1;
    if (i < 0 || i >= xs.length) continue;
    const candidate = xs[i] as number;
    if (!Number.isFinite(candidate)) continue;
    if (best === null || (direction > 0 ? candidate < best : candidate > best)) best = candidate;
  }
  return best;
}
