'use client';
import { memo, useId, useMemo } from 'react';
import type { SeriesViewRow } from '../data/buildSeriesView';
import type { DrawnRun } from '../data/drawRuns';
import type { DrawnGroup } from '../data/groupRows';
import { bandPath, linePath, plotScale } from '../data/plotPaths';

/**
 * Props of {@link PlotLines}.
 *
 * @example
 * ```tsx
 * <PlotLines area={area} runs={visible} views={views} groups={groups} xDomain={[0, 900]} yDomain={[0.4, 2.6]} log={false} sparseBelow={60} />
 * ```
 */
export interface PlotLinesProps {
  /**
   * The plot's box in the chart's SVG, where Recharts lays out its axes and grid around it (a test
   * holds the two together). Given, not read from Recharts' layout, so the lines draw in the
   * chart's first commit.
   */
  area: PlotArea;
  /** Visible runs with the metric. */
  runs: readonly DrawnRun[];
  /** Drawn rows of each run, by run id. */
  views: ReadonlyMap<string, SeriesViewRow[]>;
  groups: readonly DrawnGroup[];
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  log: boolean;
  /** A run with fewer recorded points than this gets a marker on each point. */
  sparseBelow: number;
}

/** A plot's box in its chart's SVG. */
export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Marker radius of a sparse series' points. */
const POINT_RADIUS = 3;

/**
 * The runs' lines inside the Recharts chart, drawn as one SVG path per line from the drawn rows and
 * the axes' domains: Recharts draws the axes, grid and reference marks, but not the lines, whose
 * per-point work (scales, tooltip ticks, curve objects) made a redraw cost milliseconds per thousand
 * points. Group bands and means first, then each run's faint raw line under its smoothed one;
 * clipped to the plot area (a zoomed chart's lines end at its edges).
 *
 * @param props - {@link PlotLinesProps}
 * @returns the lines
 *
 * @example
 * ```tsx
 * <ComposedChart width={800} height={320}>
 *   <XAxis type="number" domain={xDomain} />
 *   <PlotLines area={area} runs={visible} views={views} groups={[]} xDomain={xDomain} yDomain={yDomain} log={false} sparseBelow={60} />
 * </ComposedChart>
 * ```
 */
export const PlotLines = memo(function PlotLines(props: PlotLinesProps) {
  const area = props.area;
  const clipId = `tvz-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const { runs, views, groups, xDomain, yDomain, log, sparseBelow } = props;
  const { x: left, y: top, width, height } = area;
  const lines = useMemo(() => {
    const scale = plotScale({ left, top, width, height, xDomain, yDomain, log });
    const bands = groups.map((group) => ({
      group,
      band: bandPath(group.rows, (row) => row.band, scale),
      mean: linePath(group.rows, (row) => row.mean, scale),
    }));
    const drawn = runs.map((item) => {
      const rows = views.get(item.run.id) ?? [];
      const smoothed = Boolean(item.model?.smoothed);
      const recorded = item.model?.length ?? 0;
      // Markers sit outside the clip (one on the plot's edge shows whole), so those off the plot
      // (a zoomed chart) are left out here.
      const onPlot = (x: number, y: number) =>
        x >= left - 0.5 && x <= left + width + 0.5 && y >= top - 0.5 && y <= top + height + 0.5;
      const points =
        recorded > 0 && recorded < sparseBelow
          ? rows.flatMap((row) => {
              const x = scale.x(row.x);
              const y = row.s === null ? Number.NaN : scale.y(row.s);
              return Number.isFinite(y) && onPlot(x, y) ? [{ x, y }] : [];
            })
          : [];
      return {
        item,
        smoothed,
        points,
        raw: linePath(rows, (row) => row.y, scale),
        smooth: smoothed ? linePath(rows, (row) => row.s, scale) : '',
      };
    });
    return { bands, drawn };
  }, [runs, views, groups, xDomain, yDomain, log, sparseBelow, left, top, width, height]);
  return (
    <g className="tvz-lines">
      <defs>
        <clipPath id={clipId}>
          <rect x={left} y={top} width={width} height={height} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        {lines.bands.map(({ group, band, mean }) => (
          <g key={group.id} data-group={group.id}>
            <path className="tvz-group-band" d={band} fill={group.color} fillOpacity={0.18} />
            <path
              className="tvz-group-mean"
              d={mean}
              fill="none"
              stroke={group.color}
              strokeWidth={2}
            />
          </g>
        ))}
        {lines.drawn.map(({ item, smoothed, raw, smooth }) => (
          <g key={item.run.id} data-run={item.run.id}>
            {/* Faint under a smoothed line. Opacity on a group, not the stroke: a translucent
                stroke of a noisy path costs Chromium's rasteriser tens of ms per frame; a
                translucent group rasterises the path opaque and blends it once. Miter joins
                (the default) for the same reason: round ones cost more to rasterise. */}
            <g opacity={smoothed ? 0.25 : 1}>
              <path
                className="tvz-line tvz-line-raw"
                d={raw}
                fill="none"
                stroke={item.color}
                // 1 px, as Recharts' default line: a software rasteriser (Chromium without GPU
                // raster: VMs, remote desktops, CI) strokes 1 px paths on a fast path, and a wider
                // noisy path cost it 20 to 50 ms a frame at 3 x 1,000 points.
                strokeWidth={1}
              />
            </g>
            {smoothed ? (
              <path
                className="tvz-line tvz-line-smooth"
                d={smooth}
                fill="none"
                stroke={item.color}
                strokeWidth={2}
              />
            ) : null}
          </g>
        ))}
      </g>
      {lines.drawn.map(({ item, points }) =>
        points.length === 0 ? null : (
          <g key={item.run.id} className="tvz-points">
            {points.map((point) => (
              <circle
                key={point.x}
                className="tvz-point"
                cx={point.x}
                cy={point.y}
                r={POINT_RADIUS}
                fill={item.color}
                stroke={item.color}
              />
            ))}
          </g>
        ),
      )}
    </g>
  );
});
