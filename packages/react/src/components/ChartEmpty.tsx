'use client';
import { chartDefaults } from '../data/chartViewSettings';

/**
 * Props of {@link ChartEmpty}.
 *
 * @example
 * ```tsx
 * <ChartEmpty height={320} />
 * ```
 */
export interface ChartEmptyProps {
  /** Height in pixels. @defaultValue 320 */
  height?: number;
  /** Text shown. @defaultValue 'No metrics recorded for this run' */
  message?: string;
}

/**
 * The empty state: the run exists but recorded no metric (for example, runs from before metrics existed).
 *
 * @param props - {@link ChartEmptyProps}
 * @returns the message
 *
 * @example
 * ```tsx
 * if (!hasPoints) return <ChartEmpty />;
 * ```
 */
export function ChartEmpty({
  height = chartDefaults.height,
  message = 'No metrics recorded for this run',
}: ChartEmptyProps) {
  return (
    <div
      role="status"
      style={{ minHeight: height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      <p style={{ margin: 0 }}>{message}</p>
    </div>
  );
}
