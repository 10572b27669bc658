'use client';
import { useCallback, useState } from 'react';

/**
 * State that a parent may control: with `value` defined, the parent owns it and `setValue` only calls
 * `onChange`; otherwise it starts at `defaultValue` and is kept here.
 *
 * @param value - controlled value, or undefined
 * @param defaultValue - initial value when uncontrolled
 * @param onChange - called with every new value
 * @returns the current value and a setter
 *
 * @example
 * ```tsx
 * const [metric, setMetric] = useControllableState(props.metric, 'loss', props.onMetricChange);
 * ```
 */
export function useControllableState<T>(
  value: T | undefined,
  defaultValue: T,
  onChange?: (value: T) => void,
): [T, (next: T) => void] {
  const [own, setOwn] = useState(defaultValue);
  const controlled = value !== undefined;
  const setValue = useCallback(
    (next: T) => {
      if (!controlled) setOwn(next);
      onChange?.(next);
    },
    [controlled, onChange],
  );
  return [controlled ? value : own, setValue];
}
