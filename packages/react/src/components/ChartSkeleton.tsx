'use client';
import { chartDefaults } from '../data/chartViewSettings';

/**
 * Props of {@link ChartSkeleton}.
 *
 * @example
 * ```tsx
 * <ChartSkeleton height={320} />
 * ```
 */
export interface ChartSkeletonProps {
  /** Height in pixels, the chart's, so the page does not jump when data arrives. @defaultValue 320 */
  height?: number;
}

/**
 * The loading state: a pulsing block of the chart's fixed height, `aria-busy`.
 *
 * @param props - {@link ChartSkeletonProps}
 * @returns the placeholder
 *
 * @example
 * ```tsx
 * if (isPending) return <ChartSkeleton height={320} />;
 * ```
 */
export function ChartSkeleton({ height = chartDefaults.height }: ChartSkeletonProps) {
  return (
    <div
      role="status"
      aria-busy="true"
      aria-label="Loading metrics"
      className="tvz-skeleton"
      style={{ height }}
    />
  );
}
