import { formatNumber } from './formatNumber';

/**
 * Labels for a row of axis ticks, in the compact style of {@link formatNumber} (`12k`, `1.2M`,
 * `1e-5`), with as few significant digits as keep every label different from its neighbours: ticks
 * 1.015, 1.02 and 1.025 read `1.015`, `1.02`, `1.025`, never `1.02` three times.
 *
 * @param ticks - the tick values, ascending
 * @param minDigits - significant digits to start from. @defaultValue 3
 * @returns one label per tick
 *
 * @example
 * ```ts
 * formatTicks([1.015, 1.02, 1.025]); // ['1.015', '1.02', '1.025']
 * formatTicks([0, 1000, 2000]); // ['0', '1k', '2k']
 * ```
 */
export function formatTicks(ticks: readonly number[], minDigits = 3): string[] {
  let labels = ticks.map((tick) => formatNumber(tick, minDigits));
  for (let digits = minDigits + 1; digits <= 15 && !allDistinct(labels); digits++) {
    labels = ticks.map((tick) => formatNumber(tick, digits));
  }
  return labels;
}

function allDistinct(labels: readonly string[]): boolean {
  for (let i = 1; i < labels.length; i++) if (labels[i] === labels[i - 1]) return false;
  return true;
}
