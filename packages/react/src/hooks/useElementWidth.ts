'use client';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Width in CSS pixels of an element, kept up to date with a `ResizeObserver`: `null` until the
 * element is attached and measured (in the commit, before the browser paints), then its width (0 in
 * environments without layout, such as jsdom).
 *
 * @returns a ref callback for the element and its width
 *
 * @example
 * ```tsx
 * const [ref, width] = useElementWidth<HTMLDivElement>();
 * return <div ref={ref}>{width ?? '…'}px</div>;
 * ```
 */
export function useElementWidth<T extends Element>(): [(node: T | null) => void, number | null] {
  const [width, setWidth] = useState<number | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((node: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!node) return;
    setWidth(Math.round(node.getBoundingClientRect().width));
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.current.observe(node);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}
