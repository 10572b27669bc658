'use client';
import { formatX, xAxisTitles } from '../data/axisTicks';
import type { DrawnRun } from '../data/drawRuns';
import { visibleRuns } from '../data/drawRuns';
import { findNearestIndex } from '../data/findNearestIndex';
import { formatNumber } from '../data/formatNumber';
import type { XAxisMode } from '../data/types';

/**
 * Props of {@link ChartTooltip}: what Recharts passes to tooltip content, and the drawn runs.
 *
 * @example
 * ```tsx
 * <Tooltip content={(state) => <ChartTooltip {...state} drawn={drawn} xAxis="step" />} />
 * ```
 */
export interface ChartTooltipProps {
  /** The pointer is over the plot. @defaultValue false */
  active?: boolean | undefined;
  /** x under the pointer. @defaultValue undefined */
  label?: string | number | undefined;
  drawn: readonly DrawnRun[];
  xAxis: XAxisMode;
}

/**
 * The hover box: x, and each visible run's recorded value and step nearest to it (recorded, not
 * downsampled: the nearest point is looked up in the full series).
 *
 * @param props - {@link ChartTooltipProps}
 * @returns the box, or null when not hovering
 *
 * @example
 * ```tsx
 * <ChartTooltip active label={1200} drawn={drawn} xAxis="step" />
 * ```
 */
export function ChartTooltip({ active, label, drawn, xAxis }: ChartTooltipProps) {
  if (!active || label === undefined) return null;
  const x = Number(label);
  return (
    <div className="tvz-tip">
      <div>
        {xAxisTitles[xAxis]} {formatX(x, xAxis)}
      </div>
      {visibleRuns(drawn).map(({ run, label: name, color, model }) => {
        const index = findNearestIndex(model.xs, x);
        const value = model.values[index];
        if (value === undefined) return null;
        return (
          <div key={run.id}>
            <span style={{ color }}>■</span> {name}: <strong>{formatNumber(value, 6)}</strong> (step{' '}
            {model.steps[index]})
          </div>
        );
      })}
    </div>
  );
}
