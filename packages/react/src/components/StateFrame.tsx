'use client';
import type { ReactNode } from 'react';
import type { ChartThemeName } from '../data/chartTheme';
import { chartStyles } from '../data/chartTheme';
import { useColorScheme } from '../hooks/useColorScheme';

/**
 * Props of {@link StateFrame}.
 *
 * @example
 * ```tsx
 * <StateFrame theme="dark"><ChartSkeleton /></StateFrame>
 * ```
 */
export interface StateFrameProps {
  /** @defaultValue 'auto' */
  theme?: ChartThemeName | undefined;
  /** @defaultValue undefined */
  className?: string | undefined;
  children: ReactNode;
}

/**
 * The chart's root element and theme around a state (loading, error, empty), so a state looks like
 * the chart it stands for.
 *
 * @param props - {@link StateFrameProps}
 * @returns the framed state
 *
 * @example
 * ```tsx
 * <StateFrame theme={props.theme}><ChartEmpty /></StateFrame>
 * ```
 */
export function StateFrame({ theme, className, children }: StateFrameProps) {
  const scheme = useColorScheme(theme);
  return (
    <div className={className ? `tvz-root ${className}` : 'tvz-root'} data-theme={scheme}>
      <style>{chartStyles}</style>
      {children}
    </div>
  );
}
