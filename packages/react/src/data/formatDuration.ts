import { formatNumber } from './formatNumber';

/**
 * Writes a number of seconds as a short duration with its largest units: `45s`, `5m`, `5m 30s`,
 * `1h 30m`, `2d 4h`, or `1h 14m 50s` with `maxUnits` 3. Fractions of a second (under a minute) keep
 * three significant digits.
 *
 * @param seconds - the duration
 * @param maxUnits - how many units, from the largest, are written. @defaultValue 2
 * @returns the formatted text; non-finite durations print as `NaN`, `Infinity`, `-Infinity`
 *
 * @example
 * ```ts
 * formatDuration(5400); // '1h 30m'
 * formatDuration(300); // '5m'
 * formatDuration(4490, 3); // '1h 14m 50s'
 * ```
 */
export function formatDuration(seconds: number, maxUnits = 2): string {
  if (!Number.isFinite(seconds)) return formatNumber(seconds);
  if (seconds < 0) return `-${formatDuration(-seconds, maxUnits)}`;
  if (seconds < 60 && !Number.isInteger(seconds)) return `${formatNumber(seconds)}s`;
  const total = Math.round(seconds);
  const units: [number, string][] = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = total;
  for (const [size, suffix] of units) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    // Units below the largest written one count even when zero, so `1h 0m 5s` stops at `1h` with two.
    if (amount > 0 || parts.length > 0) parts.push(amount > 0 ? `${amount}${suffix}` : '');
    if (parts.length === maxUnits) break;
  }
  const text = parts.filter((part) => part !== '').join(' ');
  return text === '' ? '0s' : text;
}
