'use client';
import type { ReactNode } from 'react';
import { useCallback, useMemo, useRef } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatX, xAxisTicks, xAxisTitles, yAxisTicks } from '../data/axisTicks';
import { chartTheme } from '../data/chartTheme';
import type { ChartViewSettings } from '../data/chartViewSettings';
import { chartDefaults } from '../data/chartViewSettings';
import { chartYDomain } from '../data/chartYDomain';
import { computeXDomain } from '../data/computeXDomain';
import { chartNotes, describeChart } from '../data/describeChart';
import { visibleRuns } from '../data/drawRuns';
import { formatNumber } from '../data/formatNumber';
import { runStretches } from '../data/runStretches';
import { lowerBound } from '../data/sortedSearch';
import type { ChartRun } from '../data/types';
import type { ExportFormat } from '../dom/exportChart';
import { exportMetricsChart } from '../dom/exportMetricsChart';
import { useChartControls } from '../hooks/useChartControls';
import { useChartZoom } from '../hooks/useChartZoom';
import { useColorScheme } from '../hooks/useColorScheme';
import { useDrawnSeries } from '../hooks/useDrawnSeries';
import { useElementWidth } from '../hooks/useElementWidth';
import { ChartLegend } from './ChartLegend';
import { ChartToolbar } from './ChartToolbar';
import { ChartTooltip } from './ChartTooltip';
import { MetricSelector } from './MetricSelector';
import { nonFiniteMarkers } from './nonFiniteMarkers';

/**
 * Props of {@link MetricsChartView}: the runs to draw and the chart's settings.
 *
 * @example
 * ```tsx
 * <MetricsChartView runs={[{ id: 'a', metrics: { loss: { steps: [1, 2], values: [2, 1.5] } } }]} />
 * ```
 */
export interface MetricsChartViewProps extends ChartViewSettings {
  /** The runs to draw, each with its metrics. */
  runs: readonly ChartRun[];
  /** Extra notes shown under the chart (update badges, per-run errors). @defaultValue undefined */
  notices?: ReactNode;
}

/** Room taken by the y axis and margins, subtracted from the width to get the plot's pixels. */
const AXIS_ROOM = 80;
/** Width before the container is measured (and always in jsdom, which has no layout). */
const FALLBACK_WIDTH = 800;
/** Vertical room the plot loses to the x axis and margins. */
const X_AXIS_ROOM = 66;
/** Least horizontal room per x tick label (`1h 30m`, `1.25k`) and vertical room per y tick. */
const X_TICK_SPACING = 120;
const Y_TICK_SPACING = 44;

/**
 * The pure chart: draws the runs it is given (no fetching), with metric selector, toolbar, legend,
 * tooltip, drag-to-zoom, non-finite markers, resume lines and a screen-reader summary. Each series is
 * smoothed in full, then downsampled to about two points per horizontal pixel of the visible range.
 *
 * @param props - {@link MetricsChartViewProps}
 * @returns the chart
 *
 * @example
 * ```tsx
 * <MetricsChartView
 *   runs={[{ id: 'sft-7', status: 'running', metrics: { loss: { steps, values } } }]}
 *   defaultSmoothing={0.6}
 *   theme="dark"
 * />
 * ```
 */
export function MetricsChartView(props: MetricsChartViewProps) {
  const {
    runs,
    height = chartDefaults.height,
    controls: showControls = chartDefaults.controls,
  } = props;
  const scheme = useColorScheme(props.theme);
  const [measureRef, measuredWidth] = useElementWidth<HTMLDivElement>();
  const width = props.width ?? (measuredWidth > 0 ? measuredWidth : FALLBACK_WIDTH);
  const plotWidth = Math.max(50, width - AXIS_ROOM);

  const controls = useChartControls(props, runs);
  const { metric, xAxis, yScale } = controls;
  const { zoom, drag, handlers, reset } = useChartZoom(`${metric}\u0000${xAxis}`);
  const { drawn, views } = useDrawnSeries(
    runs,
    { metric, xAxis, smoothing: controls.smoothing, hiddenRunIds: controls.hiddenRunIds },
    { plotWidth, zoom, log: yScale === 'log' },
  );
  const visible = visibleRuns(drawn);
  const ignoreOutliers = controls.ignoreOutliers;
  const yDomain = useMemo(
    () => chartYDomain(drawn, views, { zoom, yScale, ignoreOutliers }),
    [drawn, views, zoom, yScale, ignoreOutliers],
  );
  const xDomain = useMemo(
    () => (zoom ? ([zoom.from, zoom.to] as [number, number]) : computeXDomain(drawn)),
    [drawn, zoom],
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

  // The export reads the drawn <svg> through an element rendered inside it, not by querying the DOM.
  const anchor = useRef<SVGGElement | null>(null);
  const onExport = useCallback(
    (format: ExportFormat) => {
      exportMetricsChart({
        format,
        metric,
        drawn,
        zoom,
        svg: anchor.current?.ownerSVGElement ?? null,
        background: scheme === 'dark' ? '#0d1117' : '#ffffff',
      }).catch(() => {
        // A failed export (no canvas, a tainted image) leaves the chart as it is; nothing to undo.
      });
    },
    [metric, drawn, zoom, scheme],
  );

  const chart =
    yDomain === null ? (
      <p role="status" style={{ margin: 0, lineHeight: `${height}px`, textAlign: 'center' }}>
        {`No finite ${metric} values to draw`}
      </p>
    ) : (
      <LineChart
        width={width}
        height={height}
        margin={{ top: 12, right: 28, bottom: 24, left: 8 }}
        {...handlers}
      >
        <g ref={anchor} />
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="x"
          domain={xDomain ?? ['dataMin', 'dataMax']}
          allowDataOverflow
          {...(xTicks ? { ticks: xTicks.values } : {})}
          interval="preserveStartEnd"
          minTickGap={8}
          tickFormatter={(value: number) => xTicks?.labels.get(value) ?? formatX(value, xAxis)}
          stroke="currentColor"
          label={{ value: xAxisTitles[xAxis], position: 'insideBottom', offset: -14 }}
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
          width={AXIS_ROOM - 16}
          label={{ value: metric, angle: -90, position: 'insideLeft' }}
        />
        <Tooltip
          content={(state) => (
            <ChartTooltip active={state.active} label={state.label} drawn={drawn} xAxis={xAxis} />
          )}
          isAnimationActive={false}
        />
        {visible.flatMap(({ run, label, color, model }) => {
          const rows = views.get(run.id) ?? [];
          const line = (kind: 'raw' | 'smooth') => (
            <Line
              key={`${run.id}-${kind}`}
              name={kind === 'raw' ? label : `${label} (smoothed)`}
              data={rows}
              dataKey={kind === 'raw' ? 'y' : 's'}
              type="linear"
              stroke={color}
              strokeOpacity={kind === 'raw' && model.smoothed ? 0.25 : 1}
              strokeWidth={kind === 'raw' ? 1.5 : 2}
              dot={false}
              activeDot={false}
              isAnimationActive={false}
            />
          );
          return model.smoothed ? [line('raw'), line('smooth')] : [line('raw')];
        })}
        {visible.flatMap(({ run }) =>
          (stretches.get(run.id) ?? []).flatMap((stretch) =>
            nonFiniteMarkers(run.id, stretch, yDomain[1], xDomain, plotWidth),
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
        {drag ? <ReferenceArea x1={drag.from} x2={drag.to} className="tvz-zoom" /> : null}
      </LineChart>
    );

  return (
    <div
      className={props.className ? `tvz-root ${props.className}` : 'tvz-root'}
      data-theme={scheme}
      style={{ position: 'relative' }}
    >
      <style>{chartTheme(scheme)}</style>
      {showControls ? (
        <div className="tvz-bar">
          <MetricSelector metrics={controls.metrics} value={metric} onChange={controls.setMetric} />
          <ChartToolbar
            smoothing={controls.smoothing}
            onSmoothingChange={controls.setSmoothing}
            yScale={yScale}
            onYScaleChange={controls.setYScale}
            ignoreOutliers={ignoreOutliers}
            onIgnoreOutliersChange={controls.setIgnoreOutliers}
            xAxis={xAxis}
            onXAxisChange={controls.setXAxis}
            xAxisModes={controls.xAxisModes}
            zoomed={zoom !== null}
            onResetZoom={reset}
            onExport={onExport}
          />
        </div>
      ) : null}
      <div
        ref={measureRef}
        role="img"
        aria-label={summary}
        style={{ height, width: props.width ?? '100%', overflow: 'hidden', userSelect: 'none' }}
      >
        {chart}
      </div>
      <p className="tvz-sr">{summary}</p>
      {showControls && runs.length > 0 ? (
        <ChartLegend
          items={drawn.map(({ run, label, color, hidden }) => ({
            id: run.id,
            label,
            color,
            hidden,
          }))}
          onToggle={controls.toggleRun}
        />
      ) : null}
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
