import type { ReactNode } from 'react';
import { createLazyModule } from './createLazyModule';
import type { NonFiniteStretch } from './groupNonFinite';

// Features most charts never use (or not before the user hovers), each loaded on first use as a
// chunk of its own, so a default chart (one metric on the step axis, finite values, no groups)
// carries none of them. The view waits for the ones its props ask for (groups, the epoch and time
// axes) before drawing, zoom waits for its module before applying a drag, non-finite markers load
// when a series has a NaN, and the tooltip when a pointer or the keyboard comes to a plot.

/** Run groups: mean lines and bands of seed replicas. */
export const runGroupsModule = createLazyModule(() => import('./groupRows'));
/** The epoch x axis: fractional epochs interpolated from the logged ones. */
export const epochModule = createLazyModule(() => import('./createEpochInterpolator'));
/** The time x axis: duration ticks and labels. */
export const timeAxisModule = createLazyModule(() => import('./timeTicks'));
/** A zoomed view: downsampling of an x range of the series. */
export const zoomViewModule = createLazyModule(() => import('./buildSeriesView'));
/** The hover tooltip: loaded when a pointer enters a plot or the plot takes the keyboard. */
export const tooltipModule = createLazyModule(() => import('../components/ChartTooltip'));
/** Bands and labels on non-finite stretches. */
export const nonFiniteModule = createLazyModule(() =>
  Promise.all([import('./runStretches'), import('../components/nonFiniteMarkers')]).then(
    ([stretches, markers]) => ({ ...stretches, ...markers }),
  ),
);

/**
 * `groupRows` once the run groups module is loaded, else no groups (the view does not draw a
 * grouped chart before it is).
 */
export function groupRows(
  ...args: Parameters<typeof import('./groupRows').groupRows>
): ReturnType<typeof import('./groupRows').groupRows> {
  return runGroupsModule.current?.groupRows(...args) ?? [];
}

/**
 * `runStretches` once the non-finite module is loaded; before that, no stretches, and the load
 * starts when a drawn series has a non-finite value (the view draws again when it arrives).
 */
export function runStretches(
  ...args: Parameters<typeof import('./runStretches').runStretches>
): Map<string, NonFiniteStretch[]> {
  const loaded = nonFiniteModule.current;
  if (loaded) return loaded.runStretches(...args);
  const [drawn] = args;
  if (drawn.some(({ model, hidden }) => !hidden && model && model.nonFinite.length > 0)) {
    nonFiniteModule.load().catch(() => {
      // Without the chunk the chart still draws and its notes still name the first NaN.
    });
  }
  return new Map();
}

/** `nonFiniteMarkers` of the loaded non-finite module; only called with stretches, so loaded. */
export function nonFiniteMarkers(
  ...args: Parameters<typeof import('../components/nonFiniteMarkers').nonFiniteMarkers>
): ReactNode[] {
  return nonFiniteModule.current?.nonFiniteMarkers(...args) ?? [];
}
