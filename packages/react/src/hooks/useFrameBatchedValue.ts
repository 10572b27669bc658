'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * `value`, updated at most once per animation frame: several changes that land before the next
 * frame (three runs' polls answering within milliseconds) become one update, so a chart redraws
 * once. Without `requestAnimationFrame` (a server, some test environments) it follows `value` at
 * once.
 *
 * @param value - the latest value
 * @returns the value as of the last frame
 *
 * @example
 * ```ts
 * const runs = useFrameBatchedValue(useChartRuns(results, runIds, labels));
 * ```
 */
export function useFrameBatchedValue<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
    if (Object.is(value, shown)) return;
    if (typeof requestAnimationFrame !== 'function') {
      setShown(value);
      return;
    }
    const frame = requestAnimationFrame(() => setShown(latest.current));
    return () => cancelAnimationFrame(frame);
  }, [value, shown]);
  return shown;
}
