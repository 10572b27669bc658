'use client';
import { nearestIndex } from '@trainviz/client/series';
import { formatX, xAxisTitles } from '../data/axisTicks';
import type { DrawnRun } from '../data/drawRuns';
import { visibleRuns } from '../data/drawRuns';
import { formatNumber } from '../data/formatNumber';
import type { DrawnGroup } from '../data/groupRows';
import type { XAxisMode } from '../data/types';

/**
 * Props of {@link ChartTooltip}: the x under the pointer, and the drawn runs and groups.
 *
 * @example
 * ```tsx
 * <ChartTooltip active label={1200} drawn={drawn} xAxis="step" />
 * ```
 */
export interface ChartTooltipProps {
  /** The pointer is over the plot. @defaultValue false */
  active?: boolean | undefined;
  /** x under the pointer. @defaultValue undefined */
  label?: string | number | undefined;
  drawn: readonly DrawnRun[];
  /** Run groups drawn as a mean, each member listed under it. @defaultValue [] */
  groups?: readonly DrawnGroup[];
  xAxis: XAxisMode;
  /** Name of the x axis. @defaultValue the axis mode's title */
  axisTitle?: string;
}

function valueAt(item: DrawnRun, x: number) {
  const model = item.model;
  if (!model || model.length === 0) return null;
  const index = nearestIndex(model.xs, x);
  const raw = model.values[index];
  if (raw === undefined) return null;
  return { raw, smoothed: model.smoothed?.[index], step: model.steps[index] };
}

/**
 * The hover box: x, then each visible run's recorded value at the nearest recorded point (looked up
 * in the full series, not the downsampled rows) with its step. With smoothing on, the smoothed
 * value comes first and the raw one after it, as TensorBoard shows them. A group shows its mean and
 * the value of each member.
 *
 * @param props - {@link ChartTooltipProps}
 * @returns the box, or null when not hovering
 *
 * @example
 * ```tsx
 * <ChartTooltip active label={1200} drawn={drawn} xAxis="step" />
 * ```
 */
export function ChartTooltip({
  active,
  label,
  drawn,
  groups = [],
  xAxis,
  axisTitle,
}: ChartTooltipProps) {
  if (!active || label === undefined) return null;
  const x = Number(label);
  return (
    <div className="tvz-tip" role="tooltip">
      <div className="tvz-tip-x">
        {axisTitle ?? xAxisTitles[xAxis]} {formatX(x, xAxis)}
      </div>
      {groups.map((group) => {
        const at = nearestIndex(
          group.rows.map((row) => row.x),
          x,
        );
        const row = group.rows[at];
        return (
          <div key={group.id} className="tvz-tip-group">
            <div>
              <span style={{ color: group.color }}>■</span> {group.label} mean:{' '}
              <strong>{row ? formatNumber(row.mean, 4) : '–'}</strong>
              {row ? ` [${formatNumber(row.band[0], 3)}, ${formatNumber(row.band[1], 3)}]` : ''}
            </div>
            {group.members.map((member) => {
              const value = valueAt(member, x);
              if (!value) return null;
              return (
                <div key={member.run.id} className="tvz-tip-member">
                  {member.label}: {formatNumber(value.smoothed ?? value.raw, 4)}
                </div>
              );
            })}
          </div>
        );
      })}
      {visibleRuns(drawn).map((item) => {
        const value = valueAt(item, x);
        if (!value) return null;
        return (
          <div key={item.run.id}>
            <span style={{ color: item.color }}>■</span> {item.label}:{' '}
            {value.smoothed !== undefined ? (
              <>
                <strong>{formatNumber(value.smoothed, 4)}</strong>{' '}
                <span className="tvz-tip-raw">raw {formatNumber(value.raw, 4)}</span>
              </>
            ) : (
              <strong>{formatNumber(value.raw, 6)}</strong>
            )}{' '}
            <span className="tvz-tip-raw">(step {value.step})</span>
          </div>
        );
      })}
    </div>
  );
}
