'use client';
import { lowerBound } from '@trainviz/client/series';
import type { KeyboardEvent, PointerEvent, ReactNode } from 'react';
import { useMemo } from 'react';
import { CartesianGrid, ComposedChart, ReferenceArea, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { GroupBand } from '../data/aggregateRunGroup';
import { formatX, xAxisTicks, xAxisTitle, yAxisTicks } from '../data/axisTicks';
import { chartYDomain } from '../data/chartYDomain';
import { computeXDomain } from '../data/computeXDomain';
import { chartNotes, describeChart } from '../data/describeChart';
import type { DrawnRun } from '../data/drawRuns';
import { visibleRuns } from '../data/drawRuns';
import { formatNumber } from '../data/formatNumber';
import type { RunGroupRow } from '../data/groupRows';
import { groupRows, nonFiniteMarkers, runStretches, tooltipModule } from '../data/lazyFeatures';
import { nearestX, neighbourX } from '../data/plotPaths';
import type { ChartRun, XAxisMode, YScale } from '../data/types';
import type { XRange } from '../data/visibleRange';
import { useDrawnSeries } from '../hooks/useDrawnSeries';
import { useLazyModule } from '../hooks/useLazyModule';
import { PlotLines } from './PlotLines';

/**
 * Props of {@link MetricPlot}: one metric of the runs, with the settings and the hover and zoom
 * state it shares with the other panels of a chart.
 *
 * @example
 * ```tsx
 * <MetricPlot runs={runs} metric="loss" width={640} height={240} {...shared} />
 * ```
 */
export interface MetricPlotProps {
  runs: readonly ChartRun[];
  metric: string;
  width: number;
  height: number;
  xAxis: XAxisMode;
  yScale: YScale;
  smoothing: number;
  ignoreOutliers: boolean;
  hiddenRunIds: readonly string[];
  /** Group of each run id; grouped runs draw as one mean line with a band. */
  runGroups: Readonly<Record<string, string>> | undefined;
  groupBand: GroupBand;
  zoom: XRange | null;
  drag: XRange | null;
  /** Shared x range of the panels (the runs' whole extent), or null for this metric's own. */
  xRange: [number, number] | null;
  /** x under the pointer in any panel, or null. */
  hoverX: number | null;
  onHover: (x: number | null) => void;
  zoomHandlers: {
    onMouseDown: (state: { activeLabel?: unknown }) => void;
    onMouseMove: (state: { activeLabel?: unknown }) => void;
    onMouseUp: () => void;
    onMouseLeave: () => void;
  };
  /** Title drawn above the plot (panels), or none. @defaultValue undefined */
  title?: string | undefined;
  /** Receives the drawn runs and the `<svg>` anchor, for the export. @defaultValue undefined */
  exportRef?:
    | ((entry: {
        metric: string;
        drawn: DrawnRun[];
        groups: { id: string; label: string; color: string }[];
        anchor: SVGGElement | null;
      }) => void)
    | undefined;
  /** Extra items appended to the notes. @defaultValue undefined */
  notices?: ReactNode;
}

/** Width of the y axis, and the chart margins around the plot. */
const Y_AXIS_WIDTH = 64;
const MARGIN = { top: 12, right: 28, bottom: 24, left: 8 } as const;
/** Left edge of the plot area in the chart's box. */
const PLOT_LEFT = MARGIN.left + Y_AXIS_WIDTH;
const NO_DOMAIN: [number, number] = [0, 1];
/** Least horizontal room per x tick label (`1h 30m`, `1.25k`) and vertical room per y tick. */
const X_TICK_SPACING = 120;
const Y_TICK_SPACING = 44;
/** Vertical room the plot loses to the x axis and margins. */
const X_AXIS_ROOM = 66;
/** A series with fewer points than one per this many pixels gets a marker on each point. */
const SPARSE_PX_PER_POINT = 12;

/**
 * One metric of the runs as a plot: lines (smoothed over a faint raw line), group means with their
 * band, non-finite markers, resume lines, a hover line and tooltip that stay inside the plot, and
 * point markers on sparse series (an eval loss logged 9 times). The pointer's x is reported through
 * `onHover` and drawn from `hoverX`, so panels follow one hover step.
 *
 * @param props - {@link MetricPlotProps}
 * @returns the plot, its notes and a screen-reader summary
 *
 * @example
 * ```tsx
 * <MetricPlot {...shared} runs={runs} metric="eval_loss" width={480} height={220} title="eval_loss" />
 * ```
 */
export function MetricPlot(props: MetricPlotProps) {
  const { runs, metric, width, height, xAxis, yScale, zoom, hoverX } = props;
  // The plot's box as Recharts lays it out (margins, y axis width, its default 30 px x axis): the
  // lines draw in the first commit instead of after Recharts' layout effects report it.
  const plotArea = useMemo(
    () => ({
      x: PLOT_LEFT,
      y: MARGIN.top,
      width: Math.max(0, width - PLOT_LEFT - MARGIN.right),
      height: Math.max(0, height - X_AXIS_ROOM),
    }),
    [width, height],
  );
  // Point budgets and tick counts keep a floor on a very narrow chart; pixel positions (hover,
  // markers) use the box itself, as the lines do.
  const plotWidth = Math.max(50, plotArea.width);
  const grouped = props.runGroups;
  // Members of a group are drawn through their group: hide them as lines of their own.
  const hiddenRunIds = useMemo(() => {
    if (!grouped) return props.hiddenRunIds;
    return [...props.hiddenRunIds, ...runs.filter((run) => grouped[run.id]).map((run) => run.id)];
  }, [props.hiddenRunIds, grouped, runs]);
  const { drawn, views } = useDrawnSeries(
    runs,
    { metric, xAxis, smoothing: props.smoothing, hiddenRunIds: props.hiddenRunIds },
    { plotWidth, zoom, log: yScale === 'log' },
  );
  const groups = useMemo(
    () =>
      grouped
        ? groupRows(drawn, grouped, props.groupBand, {
            zoom,
            maxPoints: 2 * plotWidth,
            hiddenIds: props.hiddenRunIds,
          })
        : [],
    [drawn, grouped, props.groupBand, zoom, plotWidth, props.hiddenRunIds],
  );
  const lines = useMemo(
    () =>
      drawn.map((item) => (hiddenRunIds.includes(item.run.id) ? { ...item, hidden: true } : item)),
    [drawn, hiddenRunIds],
  );
  const visible = useMemo(() => visibleRuns(lines), [lines]);
  const ignoreOutliers = props.ignoreOutliers;
  const yDomain = useMemo(() => {
    const own = chartYDomain(drawn, views, { zoom, yScale, ignoreOutliers });
    if (groups.length === 0 || ignoreOutliers) return own;
    // The band must fit: widen the domain to its edges.
    let [lo, hi] = own ?? [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const group of groups) {
      for (const row of group.rows) {
        const [low, high] = row.band;
        if (Number.isFinite(low) && (yScale !== 'log' || low > 0)) lo = Math.min(lo, low);
        if (Number.isFinite(high)) hi = Math.max(hi, high);
      }
    }
    return lo <= hi ? ([lo, hi] as [number, number]) : own;
  }, [drawn, views, zoom, yScale, ignoreOutliers, groups]);
  const xDomain = useMemo(
    () =>
      zoom ? ([zoom.from, zoom.to] as [number, number]) : (props.xRange ?? computeXDomain(drawn)),
    [drawn, zoom, props.xRange],
  );
  const xTickCount = Math.max(2, Math.floor(plotWidth / X_TICK_SPACING));
  const yTickCount = Math.max(2, Math.round((height - X_AXIS_ROOM) / Y_TICK_SPACING));
  const xTicks = useMemo(
    () => (xDomain ? xAxisTicks(xDomain, xAxis, xTickCount) : null),
    [xDomain, xAxis, xTickCount],
  );
  const yTicks = useMemo(
    () => (yDomain ? yAxisTicks(yDomain, yTickCount, yScale) : null),
    [yDomain, yTickCount, yScale],
  );
  const stretches = useMemo(
    () => runStretches(drawn, xDomain, plotWidth, zoom),
    [drawn, xDomain, plotWidth, zoom],
  );
  const summary = describeChart(metric, drawn);
  const notes = chartNotes(metric, drawn, xAxis);
  const axisTitle = xAxisTitle(xAxis, runs);

  const { onHover, zoomHandlers } = props;
  // The pointer's x, snapped to the nearest recorded x of a shown run (hidden runs are not
  // snapped to; group members are, through their group), or null outside the plot.
  const snapColumns = useMemo(
    () => drawn.flatMap((item) => (item.model && !item.hidden ? [item.model.xs] : [])),
    [drawn],
  );
  const xAtPointer = (event: PointerEvent<HTMLDivElement>): number | null => {
    if (!xDomain) return null;
    const offset = event.clientX - event.currentTarget.getBoundingClientRect().left - PLOT_LEFT;
    if (offset < 0 || offset > plotArea.width) return null;
    const fraction = offset / (plotArea.width || 1);
    return nearestX(snapColumns, xDomain[0] + fraction * (xDomain[1] - xDomain[0]));
  };
  // Pointer events on the plot's box: any pointer hovers; a mouse drag zooms (a finger scrolls).
  // Arrow keys walk the hover line from recorded point to recorded point (the plot is focusable);
  // Escape hides it.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      onHover(null);
      return;
    }
    const direction = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (direction === 0 || !xDomain) return;
    event.preventDefault();
    const inside = (x: number | null): x is number =>
      x !== null && x >= xDomain[0] && x <= xDomain[1];
    // From the hovered x, or (none shown) from the visible range's near edge, that x included.
    const next = inside(hoverX)
      ? neighbourX(snapColumns, hoverX, direction)
      : neighbourX(snapColumns, direction > 0 ? xDomain[0] : xDomain[1], direction, true);
    if (inside(next)) onHover(next);
  };
  // The tooltip's module loads as a pointer comes near or the keyboard arrives, before the first
  // hover needs it.
  const loadTooltip = () => {
    tooltipModule.load().catch(() => {
      // Without it the hover line still shows; the next hover tries again.
    });
  };
  const pointer = {
    onKeyDown,
    onFocus: loadTooltip,
    onPointerEnter: loadTooltip,
    onPointerDown: (event: PointerEvent<HTMLDivElement>) => {
      if (event.pointerType === 'mouse' && event.button === 0)
        zoomHandlers.onMouseDown({ activeLabel: xAtPointer(event) });
    },
    onPointerMove: (event: PointerEvent<HTMLDivElement>) => {
      const x = xAtPointer(event);
      zoomHandlers.onMouseMove({ activeLabel: x });
      onHover(x);
    },
    onPointerUp: () => zoomHandlers.onMouseUp(),
    onPointerCancel: () => zoomHandlers.onMouseLeave(),
    onPointerLeave: () => {
      zoomHandlers.onMouseLeave();
      onHover(null);
    },
  };

  const empty = yDomain === null ? emptyMessage(metric, drawn) : null;
  const hoverInside =
    hoverX !== null && xDomain !== null && hoverX >= xDomain[0] && hoverX <= xDomain[1];
  const hoverPx =
    hoverInside && xDomain
      ? PLOT_LEFT + ((hoverX - xDomain[0]) / (xDomain[1] - xDomain[0] || 1)) * plotArea.width
      : null;
  useLazyModule(tooltipModule, hoverPx !== null);
  const Tooltip = tooltipModule.current?.ChartTooltip;

  return (
    <div className="tvz-plot" style={{ position: 'relative', minWidth: 0 }}>
      {props.title ? <h3 className="tvz-panel-title">{props.title}</h3> : null}
      <div
        role="img"
        aria-label={summary}
        style={{
          position: 'relative',
          height,
          width: '100%',
          overflow: 'hidden',
          userSelect: 'none',
        }}
        {...pointer}
      >
        {empty !== null || yDomain === null ? (
          <p role="status" className="tvz-empty" style={{ lineHeight: `${height}px` }}>
            {empty}
          </p>
        ) : (
          <ComposedChart width={width} height={height} margin={MARGIN}>
            <g
              ref={(anchor) => {
                props.exportRef?.({ metric, drawn: lines, groups, anchor });
              }}
            />
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              domain={xDomain ?? NO_DOMAIN}
              allowDataOverflow
              {...(xTicks ? { ticks: xTicks.values } : {})}
              interval="preserveStartEnd"
              minTickGap={8}
              tickFormatter={(value: number) => xTicks?.labels.get(value) ?? formatX(value, xAxis)}
              stroke="currentColor"
              label={{ value: axisTitle, position: 'insideBottom', offset: -14 }}
            />
            <YAxis
              type="number"
              scale={yScale === 'log' ? 'log' : 'linear'}
              domain={yDomain}
              allowDataOverflow
              {...(yTicks ? { ticks: yTicks.values } : {})}
              interval="preserveStartEnd"
              tickFormatter={(value: number) => yTicks?.labels.get(value) ?? formatNumber(value)}
              stroke="currentColor"
              width={Y_AXIS_WIDTH}
              {...(props.title
                ? {}
                : { label: { value: metric, angle: -90, position: 'insideLeft' } })}
            />
            <PlotLines
              area={plotArea}
              runs={visible}
              views={views}
              groups={groups}
              xDomain={xDomain ?? NO_DOMAIN}
              yDomain={yDomain}
              log={yScale === 'log'}
              sparseBelow={plotWidth / SPARSE_PX_PER_POINT}
            />
            {visible.flatMap(({ run }) =>
              (stretches.get(run.id) ?? []).flatMap((stretch) =>
                nonFiniteMarkers(run.id, stretch, yDomain[1], xDomain, plotArea.width),
              ),
            )}
            {visible.flatMap(({ run, model }) =>
              (run.restarts ?? []).map((restart) => (
                <ReferenceLine
                  key={`${run.id}-resume-${restart.step}`}
                  x={
                    model.xs[
                      Math.min(model.length - 1, lowerBound(model.steps, restart.step))
                    ] as number
                  }
                  className="tvz-resume"
                  strokeDasharray="4 4"
                  label={{ value: 'resumed', position: 'insideTopRight' }}
                />
              )),
            )}
            {hoverInside ? (
              <ReferenceLine x={hoverX} className="tvz-hover" strokeDasharray="2 3" />
            ) : null}
            {props.drag ? (
              <ReferenceArea x1={props.drag.from} x2={props.drag.to} className="tvz-zoom" />
            ) : null}
          </ComposedChart>
        )}
        {hoverPx !== null && hoverX !== null && Tooltip ? (
          <div
            className="tvz-tip-wrap"
            style={
              // On the side with more room, never past the plot's edge (phones included).
              hoverPx > width / 2
                ? { right: Math.max(4, width - hoverPx + 10) }
                : { left: Math.max(4, hoverPx + 10) }
            }
          >
            <Tooltip
              active
              label={hoverX}
              drawn={lines}
              groups={groups}
              xAxis={xAxis}
              axisTitle={axisTitle}
            />
          </div>
        ) : null}
      </div>
      <p className="tvz-sr">{summary}</p>
      {notes.length > 0 || props.notices ? (
        <ul className="tvz-notes">
          {notes.map((note) => (
            <li key={note.text} className={note.danger ? 'tvz-danger' : undefined}>
              {note.text}
            </li>
          ))}
          {props.notices ? <li>{props.notices}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

/** Why there is nothing to draw, in words a user can act on. */
function emptyMessage(metric: string, drawn: readonly DrawnRun[]): string {
  const withMetric = drawn.filter((item) => item.model !== null);
  if (withMetric.length === 0) {
    return drawn.some((item) => item.missingX)
      ? `No run has this x axis for ${metric}`
      : `No run recorded ${metric}`;
  }
  if (withMetric.every((item) => item.hidden)) {
    return withMetric.length === 1
      ? `${withMetric[0]?.label} is hidden: show it in the legend`
      : 'All runs are hidden: show one in the legend';
  }
  return `No finite ${metric} values to draw`;
}

export type { RunGroupRow };
