import type { WireValue } from './types';

/**
 * Turns a JS number into its wire form: finite numbers stay numbers, `NaN` and the infinities
 * become the strings `"NaN"`, `"Infinity"`, `"-Infinity"` (plain JSON would turn them into `null`).
 *
 * @example
 * ```ts
 * encodeWireValue(2.31); // 2.31
 * encodeWireValue(Number.NaN); // 'NaN'
 * JSON.stringify([1, Infinity].map(encodeWireValue)); // '[1,"Infinity"]'
 * ```
 */
export function encodeWireValue(value: number): WireValue {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/**
 * Turns a wire value back into a JS number (`"NaN"` -> `NaN`, `"Infinity"` -> `Infinity`,
 * `"-Infinity"` -> `-Infinity`).
 *
 * @example
 * ```ts
 * decodeWireValue('-Infinity'); // -Infinity
 * decodeWireValue(0.5); // 0.5
 * ```
 */
export function decodeWireValue(value: WireValue): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  return value === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}
