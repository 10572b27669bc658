/**
 * Formats a metric value or an axis tick compactly: `1.2e-5`, `0.0312`, `2.31`, `812`, `12k`, `3.4M`.
 * Non-finite values print as `NaN`, `Infinity` and `-Infinity`.
 *
 * @param value - the number to format
 * @param digits - significant digits kept. @defaultValue 3
 * @returns the formatted text
 *
 * @example
 * ```ts
 * formatNumber(0.0000123); // '1.23e-5'
 * formatNumber(12_345); // '12.3k'
 * formatNumber(0.03124); // '0.0312'
 * ```
 */
export function formatNumber(value: number, digits = 3): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs >= 1e15 || abs < 1e-3) {
    const [mantissa = '0', exponent = '0'] = abs.toExponential(digits - 1).split('e');
    return `${sign}${trimZeros(mantissa)}e${Number(exponent)}`;
  }
  // Round first, so 999_999 becomes "1M" rather than "1000k".
  const rounded = Number(abs.toPrecision(digits));
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (rounded >= size)
      return `${sign}${trimZeros((rounded / size).toPrecision(digits))}${suffix}`;
  }
  return `${sign}${trimZeros(abs.toPrecision(digits))}`;
}

function trimZeros(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/\.?0+$/, '');
}
