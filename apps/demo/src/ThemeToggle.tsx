import type { DemoTheme } from './useTheme';

/**
 * Props of {@link ThemeToggle}.
 *
 * @example
 * ```tsx
 * <ThemeToggle theme={theme} onChange={setTheme} />
 * ```
 */
export interface ThemeToggleProps {
  theme: DemoTheme;
  onChange: (theme: DemoTheme) => void;
}

/**
 * A switch between the light and the dark theme.
 *
 * @example
 * ```tsx
 * <ThemeToggle theme="light" onChange={(theme) => console.log(theme)} />
 * ```
 */
export function ThemeToggle({ theme, onChange }: ThemeToggleProps) {
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      className="button ghost theme-toggle"
      aria-pressed={dark}
      aria-label="Dark mode"
      onClick={() => onChange(dark ? 'light' : 'dark')}
    >
      {dark ? '☾ Dark' : '☀ Light'}
    </button>
  );
}
