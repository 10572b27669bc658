'use client';
import type { ReactNode } from 'react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { MouseHandlerDataParam } from 'recharts';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SeriesViewRow } from '../data/buildSeriesView';
import type { ChartThemeName } from '../data/chartTheme';
import { chartTheme } from '../data/chartTheme';
import { computeYDomain } from '../data/computeYDomain';
import type { SeriesModel } from '../data/createSeriesModelCache';
import { createSeriesModelCache } from '../data/createSeriesModelCache';
import type { SeriesViewCache } from '../data/createSeriesViewCache';
import { createSeriesViewCache } from '../data/createSeriesViewCache';
import { findNearestIndex } from '../data/findNearestIndex';
import { formatDuration } from '../data/formatDuration';
import { formatNumber } from '../data/formatNumber';
import { formatTicks } from '../data/formatTicks';
import type { NonFiniteStretch } from '../data/groupNonFinite';
import { groupNonFinite } from '../data/groupNonFinite';
import { niceTicks } from '../data/niceTicks';
import { niceTimeTicks } from '../data/niceTimeTicks';
import { runColors } from '../data/runColors';
import { seriesToCsv } from '../data/seriesToCsv';
import type { ChartRun, XAxisMode, YScale } from '../data/types';
import type { ExportFormat } from '../dom/exportChart';
import { exportChart } from '../dom/exportChart';
import { useColorScheme } from '../hooks/useColorScheme';
import { useControllableState } from '../hooks/useControllableState';
import { useElementWidth } from '../hooks/useElementWidth';
import { ChartLegend } from './ChartLegend';
import { ChartToolbar } from './ChartToolbar';
import { MetricSelector } from './MetricSelector';

/**
 * Props of {@link MetricsChartView}. Every setting is controllable (`x` + `onXChange`) or left to the
 * view (`defaultX`).
 *
 * @example
 * ```tsx
 * <MetricsChartView runs={[{ id: 'a', metrics: { loss: { steps: [1, 2], values: [2, 1.5] } } }]} />
 * ```
 */
export interface MetricsChartViewProps {
  /** The runs to draw, each with its metrics. */
  runs: readonly ChartRun[];
  /** Selected metric (controlled). @defaultValue undefined */
  metric?: string;
  /** Initially selected metric, when it exists (else the first one offered). @defaultValue 'loss' */
  defaultMetric?: string;
  /** Called when the user selects another metric. @defaultValue undefined */
  onMetricChange?: (metric: string) => void;
  /** x axis (controlled). @defaultValue undefined */
  xAxis?: XAxisMode;
  /** Initial x axis. @defaultValue 'step' */
  defaultXAxis?: XAxisMode;
  /** Called when the user changes the x axis. @defaultValue undefined */
  onXAxisChange?: (mode: XAxisMode) => void;
  /** y scale (controlled). @defaultValue undefined */
  yScale?: YScale;
  /** Initial y scale. @defaultValue 'linear' */
  defaultYScale?: YScale;
  /** Called when the user toggles the log scale. @defaultValue undefined */
  onYScaleChange?: (scale: YScale) => void;
  /** EMA smoothing weight 0..0.999 (controlled); the raw line is drawn faintly behind. @defaultValue undefined */
  smoothing?: number;
  /** Initial smoothing weight. @defaultValue 0 */
  defaultSmoothing?: number;
  /** Called when the user moves the smoothing slider. @defaultValue undefined */
  onSmoothingChange?: (smoothing: number) => void;
  /** Clip the y range to the 5th-95th percentile (controlled). @defaultValue undefined */
  ignoreOutliers?: boolean;
  /** Initial outlier setting. @defaultValue false */
  defaultIgnoreOutliers?: boolean;
  /** Called when the user toggles "Ignore outliers". @defaultValue undefined */
  onIgnoreOutliersChange?: (ignore: boolean) => void;
  /** Ids of runs not drawn (controlled). @defaultValue undefined */
  hiddenRunIds?: readonly string[];
  /** Called when the legend hides or shows a run. @defaultValue undefined */
  onHiddenRunIdsChange?: (ids: readonly string[]) => void;
  /** Height of the plot in pixels. @defaultValue 320 */
  height?: number;
  /** Fixed width in pixels instead of the measured container width. @defaultValue the container's */
  width?: number;
  /** Colour scheme; colours can also be set with `--trainviz-*` CSS variables. @defaultValue 'auto' */
  theme?: ChartThemeName;
  /** Class name added to the root element. @defaultValue undefined */
  className?: string;
  /** Extra notes shown under the chart (update badges, per-run errors). @defaultValue undefined */
  notices?: ReactNode;
  /** Show the metric selector, toolbar and legend. @defaultValue true */
  controls?: boolean;
}

/** Room taken by the y axis and margins, subtracted from the width to get the plot's pixels. */
const AXIS_ROOM = 80;
const FALLBACK_WIDTH = 800;
/** Vertical room the plot loses to the x axis and margins. */
const X_AXIS_ROOM = 66;
/** Least horizontal room per x tick label (`1h 30m`, `1.25k`) and vertical room per y tick. */
const X_TICK_SPACING = 120;
const Y_TICK_SPACING = 44;
/** Non-finite stretches closer than this many pixels draw as one band. */
const MARKER_MERGE_PX = 3;
const PREFERRED_METRICS = ['loss', 'learning_rate', 'grad_norm', 'eval_loss'];

interface DrawnRun {
  run: ChartRun;
  label: string;
  color: string;
  hidden: boolean;
  model: SeriesModel | null;
  /** The run has the metric but not the x axis (no epoch or times recorded): it is left out. */
  missingX: boolean;
}

interface Zoom {
  key: string;
  from: number;
  to: number;
}

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
  const { runs, height = 320, controls = true } = props;
  const scheme = useColorScheme(props.theme);
  const [measureRef, measuredWidth] = useElementWidth<HTMLDivElement>();
  const width = props.width ?? (measuredWidth > 0 ? measuredWidth : FALLBACK_WIDTH);
  const surfaceRef = useRef<HTMLDivElement | null>(null);
  const setSurface = useCallback(
    (node: HTMLDivElement | null) => {
      surfaceRef.current = node;
      measureRef(node);
    },
    [measureRef],
  );

  const metrics = useMemo(() => availableMetrics(runs), [runs]);
  const [metricSetting, setMetric] = useControllableState(
    props.metric,
    props.defaultMetric ?? 'loss',
    props.onMetricChange,
  );
  const metric = metrics.includes(metricSetting) ? metricSetting : (metrics[0] ?? metricSetting);
  const [smoothing, setSmoothing] = useControllableState(
    props.smoothing,
    props.defaultSmoothing ?? 0,
    props.onSmoothingChange,
  );
  const [yScale, setYScale] = useControllableState(
    props.yScale,
    props.defaultYScale ?? 'linear',
    props.onYScaleChange,
  );
  const [ignoreOutliers, setIgnoreOutliers] = useControllableState(
    props.ignoreOutliers,
    props.defaultIgnoreOutliers ?? false,
    props.onIgnoreOutliersChange,
  );
  const [hiddenRunIds, setHiddenRunIds] = useControllableState<readonly string[]>(
    props.hiddenRunIds,
    [],
    props.onHiddenRunIdsChange,
  );
  const xAxisModes = useMemo(() => availableXAxisModes(runs, metric), [runs, metric]);
  const [xAxisSetting, setXAxis] = useControllableState(
    props.xAxis,
    props.defaultXAxis ?? 'step',
    props.onXAxisChange,
  );
  const xAxis = xAxisModes.includes(xAxisSetting) ? xAxisSetting : 'step';

  const cache = useRef<ReturnType<typeof createSeriesModelCache> | null>(null);
  cache.current ??= createSeriesModelCache();
  const drawn = useMemo<DrawnRun[]>(() => {
    const models = cache.current!;
    const keys: string[] = [];
    const result = runs.map((run, index) => {
      const series = run.metrics[metric];
      const label = run.label ?? run.id;
      const color = run.color ?? (runColors[index % runColors.length] as string);
      const hidden = hiddenRunIds.includes(run.id);
      const empty = { run, label, color, hidden, model: null, missingX: false };
      if (!series || series.steps.length === 0) return empty;
      const xOf = xOfFor(run, series, xAxis);
      // Mixing steps with epochs or seconds on one axis would draw nonsense: leave such runs out.
      if (xAxis !== 'step' && !xOf) return { ...empty, missingX: true };
      const key = `${run.id}\u0000${metric}\u0000${xAxis}`;
      keys.push(key);
      const model = models.get(key, { ...series, xOf }, smoothing);
      return { run, label, color, hidden, model, missingX: false };
    });
    models.retain(keys);
    return result;
  }, [runs, metric, xAxis, smoothing, hiddenRunIds]);

  const zoomKey = `${metric}\u0000${xAxis}`;
  const [zoomState, setZoom] = useState<Zoom | null>(null);
  const zoom = zoomState?.key === zoomKey ? zoomState : null;
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);

  const log = yScale === 'log';
  const plotWidth = Math.max(50, width - AXIS_ROOM);
  const viewCache = useRef<SeriesViewCache | null>(null);
  viewCache.current ??= createSeriesViewCache();
  const views = useMemo(() => {
    const cachedViews = viewCache.current!;
    const rowsByRun = new Map<string, SeriesViewRow[]>();
    for (const item of drawn) {
      if (!item.model || item.hidden) continue;
      const rows = cachedViews.get(item.run.id, item.model, {
        maxPoints: 2 * plotWidth,
        log,
        ...(zoom ? { start: zoom.from, end: zoom.to } : {}),
      });
      rowsByRun.set(item.run.id, rows);
    }
    cachedViews.retain(rowsByRun.keys());
    return rowsByRun;
  }, [drawn, plotWidth, zoom, log]);

  const visible = drawn.filter((item) => item.model && !item.hidden);
  const yDomain = useMemo(() => {
    const columns: ArrayLike<number>[] = [];
    for (const item of drawn) {
      if (!item.model || item.hidden) continue;
      if (ignoreOutliers) {
        columns.push(sampleRange(item.model, zoom));
      } else {
        const rows = views.get(item.run.id) ?? [];
        columns.push(rows.map((row) => row.y ?? Number.NaN));
        if (item.model.smoothed) columns.push(rows.map((row) => row.s ?? Number.NaN));
      }
    }
    const domain = computeYDomain(columns, { scale: yScale, ignoreOutliers });
    if (domain || !zoom) return domain;
    // Zoomed into a stretch where every value is NaN: keep the runs' whole range, so the axes and
    // the NaN band still show instead of an empty plot.
    const whole = visibleModels(drawn).map((model) => sampleRange(model, null));
    return computeYDomain(whole, { scale: yScale, ignoreOutliers });
  }, [drawn, views, zoom, yScale, ignoreOutliers]);

  const xDomain = useMemo(() => {
    if (zoom) return [zoom.from, zoom.to] as [number, number];
    return computeXDomain(drawn);
  }, [drawn, zoom]);

  const xTickCount = Math.max(2, Math.floor(plotWidth / X_TICK_SPACING));
  const yTickCount = Math.max(2, Math.round((height - X_AXIS_ROOM) / Y_TICK_SPACING));
  const xAxisTicks = useMemo(
    () => (xDomain ? axisTicks(xDomain, xAxis, xTickCount) : null),
    [xDomain, xAxis, xTickCount],
  );
  const yAxisTicks = useMemo(() => {
    if (!yDomain) return null;
    const ticks = niceTicks(yDomain[0], yDomain[1], yTickCount, { scale: yScale });
    return tickLabels(ticks, formatTicks(ticks));
  }, [yDomain, yTickCount, yScale]);

  const stretches = useMemo(() => {
    const byRun = new Map<string, NonFiniteStretch[]>();
    if (!xDomain) return byRun;
    const mergeGap = ((xDomain[1] - xDomain[0]) / plotWidth) * MARKER_MERGE_PX;
    for (const item of drawn) {
      if (!item.model || item.hidden || item.model.nonFinite.length === 0) continue;
      byRun.set(
        item.run.id,
        groupNonFinite(item.model.xs, item.model.nonFinite, {
          mergeGap,
          ...(zoom ? { from: zoom.from, to: zoom.to } : {}),
        }),
      );
    }
    return byRun;
  }, [drawn, xDomain, zoom, plotWidth]);

  const summary = describe(metric, visible);
  const notes = describeNotes(metric, drawn, runs.length > 1, xAxis);

  const onExport = (format: ExportFormat) => {
    const csv =
      format === 'csv'
        ? seriesToCsv(
            visible.map((item) => {
              const model = item.model!;
              const [i0, i1] = visibleRange(model, zoom);
              return {
                metric,
                run: item.label,
                steps: model.steps.slice(i0, i1),
                values: model.values.slice(i0, i1),
              };
            }),
          )
        : undefined;
    const svg = surfaceRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface') ?? null;
    const request = {
      format,
      filename: `${metric.replace(/[^\w.-]+/g, '_')}`,
      svg,
      background: scheme === 'dark' ? '#0d1117' : '#ffffff',
      ...(csv !== undefined ? { csv } : {}),
    };
    exportChart(request).catch(() => {
      // The export failing (no canvas, a tainted image) leaves the chart as it is; nothing to undo.
    });
  };

  const toggleRun = (id: string) =>
    setHiddenRunIds(
      hiddenRunIds.includes(id) ? hiddenRunIds.filter((x) => x !== id) : [...hiddenRunIds, id],
    );

  const labelOf = (value: ActiveLabel) => (value === undefined ? null : Number(value));
  const onMouseDown = (state: MouseHandlerDataParam) => {
    const x = labelOf(state.activeLabel);
    if (x !== null && Number.isFinite(x)) setDrag({ from: x, to: x });
  };
  const onMouseMove = (state: MouseHandlerDataParam) => {
    const x = labelOf(state.activeLabel);
    if (drag && x !== null && Number.isFinite(x)) setDrag({ from: drag.from, to: x });
  };
  const onMouseUp = () => {
    if (drag && drag.from !== drag.to) {
      setZoom({
        key: zoomKey,
        from: Math.min(drag.from, drag.to),
        to: Math.max(drag.from, drag.to),
      });
    }
    setDrag(null);
  };

  const tooltipContent = ({ active, label }: { active?: boolean; label?: string | number }) => {
    if (!active || label === undefined) return null;
    const x = Number(label);
    return (
      <div className="tvz-tip">
        <div>
          {X_LABELS[xAxis]} {formatX(x, xAxis)}
        </div>
        {visible.map((item) => {
          const model = item.model!;
          const index = findNearestIndex(model.xs, x);
          const value = model.values[index];
          if (value === undefined) return null;
          return (
            <div key={item.run.id}>
              <span style={{ color: item.color }}>■</span> {item.label}:{' '}
              <strong>{formatNumber(value, 6)}</strong> (step {model.steps[index]})
            </div>
          );
        })}
      </div>
    );
  };

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
        onMouseDown={onMouseDown}
        onMouseMove={onMouseMove}
        onMouseUp={onMouseUp}
        onMouseLeave={() => setDrag(null)}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="x"
          domain={xDomain ?? ['dataMin', 'dataMax']}
          allowDataOverflow
          {...(xAxisTicks ? { ticks: xAxisTicks.values } : {})}
          interval="preserveStartEnd"
          minTickGap={8}
          tickFormatter={(value: number) => xAxisTicks?.labels.get(value) ?? formatX(value, xAxis)}
          stroke="currentColor"
          label={{ value: X_LABELS[xAxis], position: 'insideBottom', offset: -14 }}
        />
        <YAxis
          type="number"
          scale={log ? 'log' : 'linear'}
          domain={yDomain}
          allowDataOverflow
          {...(yAxisTicks ? { ticks: yAxisTicks.values } : {})}
          interval="preserveStartEnd"
          tickFormatter={(value: number) => yAxisTicks?.labels.get(value) ?? formatNumber(value)}
          stroke="currentColor"
          width={AXIS_ROOM - 16}
          label={{ value: metric, angle: -90, position: 'insideLeft' }}
        />
        <Tooltip content={tooltipContent} isAnimationActive={false} />
        {visible.flatMap((item) => {
          const rows = views.get(item.run.id) ?? [];
          const smoothed = item.model?.smoothed !== null;
          const lines = [
            <Line
              key={`${item.run.id}-raw`}
              name={item.label}
              data={rows}
              dataKey="y"
              type="linear"
              stroke={item.color}
              strokeOpacity={smoothed ? 0.25 : 1}
              strokeWidth={1.5}
              dot={false}
              activeDot={false}
              isAnimationActive={false}
            />,
          ];
          if (smoothed) {
            lines.push(
              <Line
                key={`${item.run.id}-smooth`}
                name={`${item.label} (smoothed)`}
                data={rows}
                dataKey="s"
                type="linear"
                stroke={item.color}
                strokeWidth={2}
                dot={false}
                activeDot={false}
                isAnimationActive={false}
              />,
            );
          }
          return lines;
        })}
        {visible.flatMap((item) =>
          (stretches.get(item.run.id) ?? []).flatMap((stretch) =>
            nonFiniteMarkers(item.run.id, stretch, yDomain[1], xDomain, plotWidth),
          ),
        )}
        {visible.flatMap((item) =>
          (item.run.restarts ?? []).map((restart) => {
            const model = item.model!;
            const index = Math.min(model.length - 1, lowerBound(model.steps, restart.step));
            return (
              <ReferenceLine
                key={`${item.run.id}-resume-${restart.step}`}
                x={model.xs[index] as number}
                className="tvz-resume"
                strokeDasharray="4 4"
                label={{ value: 'resumed', position: 'insideTopRight' }}
              />
            );
          }),
        )}
        {drag && drag.from !== drag.to ? (
          <ReferenceArea x1={drag.from} x2={drag.to} className="tvz-zoom" />
        ) : null}
      </LineChart>
    );

  return (
    <div
      className={props.className ? `tvz-root ${props.className}` : 'tvz-root'}
      data-theme={scheme}
      style={{ position: 'relative' }}
    >
      <style>{chartTheme(scheme)}</style>
      {controls ? (
        <div className="tvz-bar">
          <MetricSelector metrics={metrics} value={metric} onChange={setMetric} />
          <ChartToolbar
            smoothing={smoothing}
            onSmoothingChange={setSmoothing}
            yScale={yScale}
            onYScaleChange={setYScale}
            ignoreOutliers={ignoreOutliers}
            onIgnoreOutliersChange={setIgnoreOutliers}
            xAxis={xAxis}
            onXAxisChange={setXAxis}
            xAxisModes={xAxisModes}
            zoomed={zoom !== null}
            onResetZoom={() => setZoom(null)}
            onExport={onExport}
          />
        </div>
      ) : null}
      <div
        ref={setSurface}
        role="img"
        aria-label={summary}
        style={{ height, width: props.width ?? '100%', overflow: 'hidden', userSelect: 'none' }}
      >
        {chart}
      </div>
      <p className="tvz-sr">{summary}</p>
      {controls && runs.length > 0 ? (
        <ChartLegend
          items={drawn.map((item) => ({
            id: item.run.id,
            label: item.label,
            color: item.color,
            hidden: item.hidden,
          }))}
          onToggle={toggleRun}
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

type ActiveLabel = MouseHandlerDataParam['activeLabel'];

const X_LABELS: Record<XAxisMode, string> = {
  step: 'step',
  epoch: 'epoch',
  time: 'time since start',
};

function formatX(value: number, mode: XAxisMode): string {
  if (mode === 'time') return formatDuration(value, 3);
  return formatNumber(value, mode === 'epoch' ? 3 : 4);
}

interface AxisTicks {
  values: number[];
  labels: Map<number, string>;
}

function distinctLabels(labels: readonly string[]): boolean {
  return labels.every((label, i) => i === 0 || label !== labels[i - 1]);
}

function tickLabels(values: number[], labels: readonly string[]): AxisTicks {
  return { values, labels: new Map(values.map((value, i) => [value, labels[i] ?? ''])) };
}

function axisTicks(domain: [number, number], mode: XAxisMode, count: number): AxisTicks {
  const [from, to] = domain;
  if (mode === 'time') {
    const values = niceTimeTicks(from, to, count);
    // Ticks 5 s apart an hour into a run need the seconds (`1h 14m 50s`) to tell them apart.
    for (let units = 2; units <= 4; units++) {
      const labels = values.map((value) => formatDuration(value, units));
      if (distinctLabels(labels)) return tickLabels(values, labels);
    }
    // Only a sub-second range gets here: its fractional ticks read as plain seconds.
    return tickLabels(
      values,
      formatTicks(values).map((text) => `${text}s`),
    );
  }
  const values = niceTicks(from, to, count, { integer: mode === 'step' });
  return tickLabels(values, formatTicks(values));
}

/**
 * The x range of the visible runs. Steps that start just above a round value (10 after a step 0 that
 * was not logged) extend down to it, so the axis begins at 0 like TensorBoard's rather than at 10.
 */
function computeXDomain(drawn: readonly DrawnRun[]): [number, number] | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const item of drawn) {
    if (!item.model || item.hidden) continue;
    // xs ascend, so the ends are the extent: a poll on a 1M-point series must not scan it.
    const xs = item.model.xs;
    if (xs.length === 0) continue;
    const first = xs[0] as number;
    const last = xs[xs.length - 1] as number;
    if (first < min) min = first;
    if (last > max) max = last;
  }
  if (!(min <= max)) return null;
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return [min - pad, max + pad];
  }
  const [first, second] = niceTicks(min, max, 5);
  if (first !== undefined && second !== undefined) {
    const step = second - first;
    const below = first - step;
    if (min - below <= (max - min) * 0.05) return [below, max];
  }
  return [min, max];
}

/**
 * One non-finite stretch: a faint band over its whole x range, and a marker at its first and at its
 * last point along the top of the plot. The band is at least two pixels wide, so a lone NaN shows.
 */
function nonFiniteMarkers(
  runId: string,
  stretch: NonFiniteStretch,
  top: number,
  xDomain: [number, number] | null,
  plotWidth: number,
): ReactNode[] {
  const pixel = xDomain ? (xDomain[1] - xDomain[0]) / plotWidth : 0;
  const key = `${runId}-nf-${stretch.fromStep}`;
  const label = `${formatNumber(stretch.value)}${stretch.count > 1 ? ` ×${stretch.count}` : ''}`;
  const wide = pixel > 0 && (stretch.toX - stretch.fromX) / pixel >= 64;
  const nodes: ReactNode[] = [
    <ReferenceArea
      key={`${key}-band`}
      x1={stretch.fromX - pixel}
      x2={stretch.toX + pixel}
      className="tvz-nonfinite-band"
      ifOverflow="hidden"
      {...(wide
        ? {
            label: {
              value: label,
              position: 'insideTop',
              offset: 10,
              className: 'tvz-nonfinite-label',
            },
          }
        : {})}
    />,
    <ReferenceDot
      key={`${key}-from`}
      x={stretch.fromX}
      y={top}
      r={5}
      className="tvz-nonfinite"
      ifOverflow="visible"
    />,
  ];
  if (stretch.toX !== stretch.fromX) {
    nodes.push(
      <ReferenceDot
        key={`${key}-to`}
        x={stretch.toX}
        y={top}
        r={5}
        className="tvz-nonfinite"
        ifOverflow="visible"
      />,
    );
  }
  return nodes;
}

function availableMetrics(runs: readonly ChartRun[]): string[] {
  const names = new Set<string>();
  for (const run of runs) {
    for (const [name, series] of Object.entries(run.metrics)) {
      if (series.steps.length > 0) names.add(name);
    }
  }
  const preferred = PREFERRED_METRICS.filter((name) => names.has(name));
  const rest = [...names].filter((name) => !PREFERRED_METRICS.includes(name)).sort();
  return [...preferred, ...rest];
}

function availableXAxisModes(runs: readonly ChartRun[], metric: string): XAxisMode[] {
  const modes: XAxisMode[] = ['step'];
  if (runs.some((run) => (run.metrics.epoch?.steps.length ?? 0) > 0)) modes.push('epoch');
  if (runs.some((run) => (run.metrics[metric]?.times?.length ?? 0) > 0)) modes.push('time');
  return modes;
}

function xOfFor(
  run: ChartRun,
  series: ChartRun['metrics'][string],
  mode: XAxisMode,
): ((index: number) => number) | undefined {
  if (mode === 'time' && series.times) {
    const times = series.times;
    return (i) => times[i] ?? Number.NaN;
  }
  const epoch = run.metrics.epoch;
  if (mode === 'epoch' && epoch && epoch.steps.length > 0) {
    // Epoch is logged less often than most metrics: take the last epoch value at or before the step.
    return (i) => {
      const step = series.steps[i] as number;
      const at = lowerBound(epoch.steps, step + 1) - 1;
      return (epoch.values[Math.max(0, at)] as number) ?? Number.NaN;
    };
  }
  return undefined;
}

function lowerBound(sorted: ArrayLike<number>, target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function visibleRange(model: SeriesModel, zoom: Zoom | null): [number, number] {
  if (!zoom) return [0, model.length];
  return [lowerBound(model.xs, zoom.from), lowerBound(model.xs, zoom.to + Number.EPSILON * 4)];
}

function sampleRange(model: SeriesModel, zoom: Zoom | null): number[] {
  const [i0, i1] = visibleRange(model, zoom);
  // Percentiles of a strided sample are within a fraction of a percent of the exact ones and keep
  // the outlier toggle instant on million-point series.
  const stride = Math.max(1, Math.floor((i1 - i0) / 20_000));
  const out: number[] = [];
  for (let i = i0; i < i1; i += stride) out.push(model.values[i] as number);
  return out;
}

function visibleModels(drawn: readonly DrawnRun[]): SeriesModel[] {
  const models: SeriesModel[] = [];
  for (const item of drawn) if (item.model && !item.hidden) models.push(item.model);
  return models;
}

function lastFiniteIndex(model: SeriesModel): number {
  for (let i = model.length - 1; i >= 0; i--) if (Number.isFinite(model.values[i])) return i;
  return -1;
}

function describe(metric: string, visible: readonly DrawnRun[]): string {
  const parts = visible.map((item) => {
    const model = item.model!;
    const last = lastFiniteIndex(model);
    const tail =
      last >= 0
        ? `, last ${formatNumber(model.values[last] as number)} at step ${model.steps[last]}`
        : '';
    return `${item.label} ${model.length} points${tail}`;
  });
  const count = `${visible.length} run${visible.length === 1 ? '' : 's'}`;
  return `${metric} for ${count}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`;
}

function describeNotes(
  metric: string,
  drawn: readonly DrawnRun[],
  prefixed: boolean,
  xAxis: XAxisMode,
): { text: string; danger: boolean }[] {
  const notes: { text: string; danger: boolean }[] = [];
  for (const item of drawn) {
    const prefix = prefixed ? `${item.label}: ` : '';
    if (item.missingX) {
      notes.push({
        text: `${prefix}no ${xAxis === 'time' ? 'timestamps' : 'epoch'} recorded, not drawn`,
        danger: false,
      });
    }
    const first = item.model?.nonFinite[0];
    if (item.model && first) {
      const more = item.model.nonFinite.length - 1;
      notes.push({
        text: `${prefix}${metric} became ${formatNumber(first.value)} at step ${first.step}${more > 0 ? ` (${more} more non-finite point${more === 1 ? '' : 's'})` : ''}`,
        danger: true,
      });
    }
    if (item.run.status === 'failed') {
      const steps = item.model?.steps;
      const lastStep = item.run.lastStep ?? steps?.[steps.length - 1];
      notes.push({
        text: `${prefix}Run failed at step ${lastStep ?? 'unknown'}`,
        danger: true,
      });
    }
  }
  return notes;
}
