'use client';
import { useCallback, useMemo, useState } from 'react';
import { zoomViewModule } from '../data/lazyFeatures';
import type { XRange } from '../data/visibleRange';

/**
 * Drag-to-zoom state and the chart mouse handlers that drive it; see {@link useChartZoom}.
 *
 * @example
 * ```tsx
 * const { zoom, drag, handlers, reset } = useChartZoom(`${metric}:${xAxis}`);
 * ```
 */
export interface ChartZoom {
  /** The zoomed x range, or null when the whole series is shown. */
  zoom: XRange | null;
  /** The range being dragged, for the selection rectangle; null when not dragging. */
  drag: XRange | null;
  /** Shows the whole series again. */
  reset: () => void;
  /** Pass to the Recharts chart. */
  handlers: {
    onMouseDown: (state: { activeLabel?: unknown }) => void;
    onMouseMove: (state: { activeLabel?: unknown }) => void;
    onMouseUp: () => void;
    onMouseLeave: () => void;
  };
}

function xOf(state: { activeLabel?: unknown }): number | null {
  if (state.activeLabel === undefined || state.activeLabel === null) return null;
  const x = Number(state.activeLabel);
  return Number.isFinite(x) ? x : null;
}

/**
 * Drag-to-zoom on the x axis. The zoom belongs to `key` (metric and x axis): a zoom into steps means
 * nothing on the time axis, so changing the key shows the whole series, and coming back does too.
 * The zoomed view is built by a module loaded on the first drag: the first zoom applies once that
 * chunk has arrived (usually before the mouse is released).
 *
 * @param key - what the zoom applies to
 * @returns the zoom, the drag in progress, the handlers and a reset
 *
 * @example
 * ```tsx
 * const { zoom, handlers } = useChartZoom(`${metric}\u0000${xAxis}`);
 * return <LineChart {...handlers}>...</LineChart>;
 * ```
 */
export function useChartZoom(key: string): ChartZoom {
  const [state, setState] = useState<(XRange & { key: string }) | null>(null);
  const [drag, setDrag] = useState<XRange | null>(null);
  const zoom = useMemo(
    () => (state?.key === key ? { from: state.from, to: state.to } : null),
    [state, key],
  );
  const onMouseDown = useCallback((event: { activeLabel?: unknown }) => {
    const x = xOf(event);
    if (x === null) return;
    setDrag({ from: x, to: x });
    // The zoomed view's module loads while the user drags: it is usually there by the release.
    zoomViewModule.load().catch(() => {
      // Applied without it (coarser rows, clipped to the zoom) when its chunk cannot be fetched.
    });
  }, []);
  const onMouseMove = useCallback((event: { activeLabel?: unknown }) => {
    const x = xOf(event);
    if (x !== null) setDrag((current) => (current ? { from: current.from, to: x } : current));
  }, []);
  const onMouseUp = useCallback(() => {
    if (drag && drag.from !== drag.to) {
      const zoomed = { key, from: Math.min(drag.from, drag.to), to: Math.max(drag.from, drag.to) };
      if (zoomViewModule.current) setState(zoomed);
      else {
        const apply = () => setState(zoomed);
        zoomViewModule.load().then(apply, apply);
      }
    }
    setDrag(null);
  }, [drag, key]);
  const onMouseLeave = useCallback(() => setDrag(null), []);
  const reset = useCallback(() => setState(null), []);
  return {
    zoom,
    drag: drag && drag.from !== drag.to ? drag : null,
    reset,
    handlers: { onMouseDown, onMouseMove, onMouseUp, onMouseLeave },
  };
}
