'use client';
import type { ReactNode } from 'react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { GroupBand } from '../data/aggregateRunGroup';
import { availableMetrics } from '../data/availableMetrics';
import { chartStyles } from '../data/chartTheme';
import type { ChartViewSettings } from '../data/chartViewSettings';
import { chartDefaults } from '../data/chartViewSettings';
import type { DrawnRun } from '../data/drawRuns';
import { epochModule, runGroupsModule, timeAxisModule, zoomViewModule } from '../data/lazyFeatures';
import { panelMetrics } from '../data/metricPresets';
import { runColors } from '../data/runColors';
import { runsXRange } from '../data/runsXRange';
import type { ChartRun } from '../data/types';
import type { ExportFormat } from '../dom/exportChart';
import { useChartControls } from '../hooks/useChartControls';
import { useChartZoom } from '../hooks/useChartZoom';
import { useColorScheme } from '../hooks/useColorScheme';
import { useControllableState } from '../hooks/useControllableState';
import { useElementWidth } from '../hooks/useElementWidth';
import { useLazyModule } from '../hooks/useLazyModule';
import { ChartLegend } from './ChartLegend';
import { ChartToolbar } from './ChartToolbar';
import { MetricPlot } from './MetricPlot';
import { MetricSelector } from './MetricSelector';

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

/** Width before the container is measured (and always in jsdom, which has no layout). */
const FALLBACK_WIDTH = 800;
/** Panels narrower than this stack in one column. */
const MIN_PANEL_WIDTH = 340;
const PANEL_GAP = 16;

interface ExportEntry {
  metric: string;
  drawn: DrawnRun[];
  groups: { id: string; label: string; color: string }[];
  anchor: SVGGElement | null;
}

/**
 * The pure chart: draws the runs it is given (no fetching), with metric selector, toolbar, legend,
 * tooltip, drag-to-zoom, non-finite markers, resume lines and a screen-reader summary. Each series is
 * smoothed in full, then downsampled to about two points per horizontal pixel of the visible range.
 * With `metrics`, several metrics are drawn as small multiples in a responsive grid that share the
 * toolbar, the legend, the hover step, the zoom and the x range. With `runGroups`, seed replicas
 * draw as one mean line with a band.
 *
 * @param props - {@link MetricsChartViewProps}
 * @returns the chart
 *
 * @example
 * ```tsx
 * <MetricsChartView
 *   runs={[{ id: 'sft-7', status: 'running', metrics: { loss: { steps, values } } }]}
 *   metrics="sft"
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
  // Until the container is measured the plot is not drawn: drawing it at a guessed width and again
  // at the real one would cost a first render twice.
  const measuring = props.width === undefined && measuredWidth === null;
  const width = props.width ?? (measuredWidth ? measuredWidth : FALLBACK_WIDTH);

  const controls = useChartControls(props, runs);
  const { metric, xAxis, yScale } = controls;
  const panels = useMemo(
    () => (props.metrics ? panelMetrics(props.metrics, availableMetrics(runs)) : null),
    [props.metrics, runs],
  );
  const zoomKey = panels ? `panels\u0000${xAxis}` : `${metric}\u0000${xAxis}`;
  const { zoom, drag, handlers, reset } = useChartZoom(zoomKey);
  const [hoverX, setHoverX] = useState<number | null>(null);
  const [groupBand, setGroupBand] = useControllableState<GroupBand>(
    props.groupBand,
    props.defaultGroupBand ?? chartDefaults.defaultGroupBand,
    props.onGroupBandChange,
  );
  // What the settings ask for beyond a plain chart is loaded first, in its own chunk; the plot's
  // room stays reserved meanwhile. Every x axis but the step may need the zoom module's views.
  const groupsReady = useLazyModule(runGroupsModule, !!props.runGroups);
  const epochReady = useLazyModule(epochModule, xAxis === 'epoch');
  const timeReady = useLazyModule(timeAxisModule, xAxis === 'time');
  const viewsReady = useLazyModule(zoomViewModule, xAxis !== 'step');
  const waiting = measuring || !(groupsReady && epochReady && timeReady && viewsReady);
  // On the step axis, every panel and every metric spans its runs' whole range: an eval loss
  // logged from step 400 on starts where the run does, and panels line up.
  const xRange = useMemo(() => (xAxis === 'step' ? runsXRange(runs) : null), [runs, xAxis]);

  const exports = useRef(new Map<string, ExportEntry>());
  const exportRef = useCallback((entry: ExportEntry) => {
    exports.current.set(entry.metric, entry);
  }, []);
  const shown = panels ?? [metric];
  const onExport = useCallback(
    (format: ExportFormat) => {
      const entries = shown
        .map((name) => exports.current.get(name))
        .filter((entry): entry is ExportEntry => entry !== undefined);
      const panels = entries.map((entry) => ({
        metric: entry.metric,
        drawn: entry.drawn,
        groups: entry.groups,
        svg: entry.anchor?.ownerSVGElement ?? null,
      }));
      // Loaded on the first export: most charts are never exported, so their bundle does not carry it.
      import('../dom/exportMetricsChart')
        .then(({ exportMetricsChart }) => exportMetricsChart({ format, panels, zoom, scheme }))
        .catch(() => {
          // A failed export (no canvas, a tainted image) leaves the chart as it is; nothing to undo.
        });
    },
    [shown, zoom, scheme],
  );

  const columns = panels
    ? Math.max(
        1,
        Math.min(panels.length, Math.floor((width + PANEL_GAP) / (MIN_PANEL_WIDTH + PANEL_GAP)), 3),
      )
    : 1;
  const panelWidth = panels ? Math.floor((width - PANEL_GAP * (columns - 1)) / columns) : width;
  const panelHeight = panels ? Math.max(180, Math.round(height * 0.75)) : height;
  const groupIds = useMemo(() => {
    const groups = props.runGroups;
    if (!groups) return [];
    return [...new Set(runs.map((run) => groups[run.id]).filter((g): g is string => !!g))];
  }, [props.runGroups, runs]);

  const plot = (name: string, title?: string) => (
    <MetricPlot
      key={name}
      runs={runs}
      metric={name}
      width={panelWidth}
      height={panelHeight}
      xAxis={xAxis}
      yScale={yScale}
      smoothing={controls.smoothing}
      ignoreOutliers={controls.ignoreOutliers}
      hiddenRunIds={controls.hiddenRunIds}
      runGroups={props.runGroups}
      groupBand={groupBand}
      zoom={zoom}
      drag={drag}
      xRange={xRange}
      hoverX={hoverX}
      onHover={setHoverX}
      zoomHandlers={handlers}
      title={title}
      exportRef={exportRef}
      notices={panels ? undefined : props.notices}
    />
  );

  const legendItems = useMemo(() => {
    const groups = props.runGroups;
    const items: { id: string; label: string; color: string; hidden: boolean }[] = [];
    const seen = new Set<string>();
    runs.forEach((run, index) => {
      const color = run.color ?? (runColors[index % runColors.length] as string);
      const group = groups?.[run.id];
      if (group) {
        const id = `group:${group}`;
        if (seen.has(id)) return;
        seen.add(id);
        items.push({ id, label: group, color, hidden: controls.hiddenRunIds.includes(id) });
        return;
      }
      items.push({
        id: run.id,
        label: run.label ?? run.id,
        color,
        hidden: controls.hiddenRunIds.includes(run.id),
      });
    });
    return items;
  }, [runs, props.runGroups, controls.hiddenRunIds]);

  return (
    <div
      className={props.className ? `tvz-root ${props.className}` : 'tvz-root'}
      data-theme={scheme}
      style={{ position: 'relative' }}
    >
      <style>{chartStyles}</style>
      {showControls ? (
        <div className="tvz-bar">
          {panels ? null : (
            <MetricSelector
              metrics={controls.metrics}
              value={metric}
              onChange={controls.setMetric}
            />
          )}
          <ChartToolbar
            smoothing={controls.smoothing}
            onSmoothingChange={controls.setSmoothing}
            yScale={yScale}
            onYScaleChange={controls.setYScale}
            ignoreOutliers={controls.ignoreOutliers}
            onIgnoreOutliersChange={controls.setIgnoreOutliers}
            xAxis={xAxis}
            onXAxisChange={controls.setXAxis}
            xAxisModes={controls.xAxisModes}
            zoomed={zoom !== null}
            onResetZoom={reset}
            onExport={onExport}
            {...(groupIds.length > 0 ? { groupBand, onGroupBandChange: setGroupBand } : {})}
          />
        </div>
      ) : null}
      <div ref={measureRef} style={{ width: props.width ?? '100%', minWidth: 0 }}>
        {waiting ? (
          <div style={{ height: panels ? panelHeight : height }} />
        ) : panels ? (
          panels.length === 0 ? (
            <p role="status" className="tvz-empty" style={{ lineHeight: `${panelHeight}px` }}>
              {`None of ${shown.join(', ') || 'the chosen metrics'} is recorded by these runs`}
            </p>
          ) : (
            <div
              className="tvz-panels"
              style={{
                display: 'grid',
                gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
                gap: PANEL_GAP,
              }}
            >
              {panels.map((name) => plot(name, name))}
            </div>
          )
        ) : (
          plot(metric)
        )}
      </div>
      {showControls && runs.length > 0 ? (
        <ChartLegend items={legendItems} onToggle={controls.toggleRun} />
      ) : null}
      {panels && props.notices ? (
        <ul className="tvz-notes">
          <li>{props.notices}</li>
        </ul>
      ) : null}
    </div>
  );
}
