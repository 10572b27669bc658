'use client';
import { useId } from 'react';
import type { GroupBand } from '../data/aggregateRunGroup';
import type { XAxisMode, YScale } from '../data/types';
import type { ExportFormat } from '../dom/exportChart';

/**
 * Props of {@link ChartToolbar}.
 *
 * @example
 * ```tsx
 * <ChartToolbar smoothing={0.6} onSmoothingChange={setSmoothing} yScale="linear" ... />
 * ```
 */
export interface ChartToolbarProps {
  /** EMA weight, 0 (raw) to 0.999. */
  smoothing: number;
  onSmoothingChange: (smoothing: number) => void;
  yScale: YScale;
  onYScaleChange: (scale: YScale) => void;
  ignoreOutliers: boolean;
  onIgnoreOutliersChange: (ignore: boolean) => void;
  xAxis: XAxisMode;
  onXAxisChange: (mode: XAxisMode) => void;
  /** x axis modes the data supports. @defaultValue ['step'] */
  xAxisModes?: readonly XAxisMode[];
  /** A zoom is applied: the "Reset zoom" button is enabled. */
  zoomed: boolean;
  onResetZoom: () => void;
  /** Called with the export format chosen. */
  onExport: (format: ExportFormat) => void;
  /** Band drawn around a run group's mean; the selector shows only with groups. @defaultValue undefined */
  groupBand?: GroupBand;
  onGroupBandChange?: (band: GroupBand) => void;
}

const X_AXIS_LABELS: Record<XAxisMode, string> = {
  step: 'Step',
  epoch: 'Epoch',
  time: 'Relative time',
};

/**
 * The chart's controls, all native labelled inputs usable by keyboard: smoothing slider, log scale,
 * ignore outliers, x axis, reset zoom, and export as CSV, PNG or SVG.
 *
 * @param props - {@link ChartToolbarProps}
 * @returns the toolbar
 *
 * @example
 * ```tsx
 * <ChartToolbar {...settings} zoomed={false} onResetZoom={reset} onExport={download} />
 * ```
 */
export function ChartToolbar(props: ChartToolbarProps) {
  const id = useId();
  const modes = props.xAxisModes ?? ['step'];
  return (
    <fieldset className="tvz-bar" style={{ border: 0, margin: 0, padding: 0 }}>
      <legend className="tvz-sr">Chart controls</legend>
      <label htmlFor={`${id}-smooth`}>
        Smoothing
        <input
          id={`${id}-smooth`}
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={props.smoothing}
          onChange={(event) => props.onSmoothingChange(Number(event.target.value))}
        />
        <output htmlFor={`${id}-smooth`}>{props.smoothing.toFixed(2)}</output>
      </label>
      <label htmlFor={`${id}-log`}>
        <input
          id={`${id}-log`}
          type="checkbox"
          checked={props.yScale === 'log'}
          onChange={(event) => props.onYScaleChange(event.target.checked ? 'log' : 'linear')}
        />
        Log scale
      </label>
      <label htmlFor={`${id}-outliers`}>
        <input
          id={`${id}-outliers`}
          type="checkbox"
          checked={props.ignoreOutliers}
          onChange={(event) => props.onIgnoreOutliersChange(event.target.checked)}
        />
        Ignore outliers
      </label>
      <label htmlFor={`${id}-x`}>
        X axis
        <select
          id={`${id}-x`}
          value={props.xAxis}
          onChange={(event) => props.onXAxisChange(event.target.value as XAxisMode)}
        >
          {modes.map((mode) => (
            <option key={mode} value={mode}>
              {X_AXIS_LABELS[mode]}
            </option>
          ))}
        </select>
      </label>
      {props.groupBand && props.onGroupBandChange ? (
        <label htmlFor={`${id}-band`}>
          Group band
          <select
            id={`${id}-band`}
            value={props.groupBand}
            onChange={(event) => props.onGroupBandChange?.(event.target.value as GroupBand)}
          >
            <option value="minmax">min – max</option>
            <option value="std">± 1 std</option>
          </select>
        </label>
      ) : null}
      <button
        type="button"
        disabled={!props.zoomed}
        onClick={props.onResetZoom}
        title={props.zoomed ? 'Show the whole range' : 'Drag across the chart to zoom'}
      >
        Reset zoom
      </button>
      <fieldset style={{ display: 'inline-flex', gap: 4, border: 0, margin: 0, padding: 0 }}>
        <legend className="tvz-sr">Export</legend>
        <button type="button" onClick={() => props.onExport('csv')}>
          CSV
        </button>
        <button type="button" onClick={() => props.onExport('png')}>
          PNG
        </button>
        <button type="button" onClick={() => props.onExport('svg')}>
          SVG
        </button>
      </fieldset>
    </fieldset>
  );
}
