'use client';
import { useSyncExternalStore } from 'react';
import type { ChartThemeName } from '../data/chartTheme';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const list = matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(QUERY).matches;
}

/**
 * Resolves a theme name to `light` or `dark`; `auto` follows the page's `prefers-color-scheme` and
 * updates when it changes. Server rendering resolves `auto` to `light`.
 *
 * @param theme - requested theme. @defaultValue 'auto'
 * @returns the scheme to draw with
 *
 * @example
 * ```tsx
 * const scheme = useColorScheme(props.theme);
 * ```
 */
export function useColorScheme(theme: ChartThemeName = 'auto'): 'light' | 'dark' {
  const dark = useSyncExternalStore(subscribe, prefersDark, () => false);
  if (theme !== 'auto') return theme;
  return dark ? 'dark' : 'light';
}
