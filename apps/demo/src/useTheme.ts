import { useEffect, useState } from 'react';

/**
 * The page's colour theme.
 *
 * @example
 * ```ts
 * const theme: DemoTheme = 'dark';
 * ```
 */
export type DemoTheme = 'light' | 'dark';

const storageKey = 'trainviz-demo-theme';

function initialTheme(): DemoTheme {
  const stored = window.localStorage.getItem(storageKey);
  return stored === 'dark' || stored === 'light' ? stored : 'light';
}

/**
 * The theme, remembered across visits and applied to `<html data-theme>` for the page's CSS.
 *
 * @defaultValue 'light' on a first visit
 * @example
 * ```tsx
 * const [theme, setTheme] = useTheme();
 * ```
 */
export function useTheme(): [DemoTheme, (theme: DemoTheme) => void] {
  const [theme, setTheme] = useState<DemoTheme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    window.localStorage.setItem(storageKey, theme);
  }, [theme]);
  return [theme, setTheme];
}
