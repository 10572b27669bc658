/**
 * The value read by the last {@link readDecimal} call. A one-slot `Float64Array` rather than a
 * return value: a double returned from a function that is not inlined is boxed on the heap, and the
 * hot path reads millions of them.
 */
export const decimalValue = new Float64Array(1);

/** The powers of ten that are exact doubles. */
export const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
];
const TWO_53 = 9007199254740992;
/** Dekker's splitter for 53-bit doubles: 2^27 + 1. */
const SPLITTER = 134217729;

/**
 * Reads the decimal number token at `i` (`[-]digits[.digits][(e|E)[+-]digits]`, the spelling of a
 * JSON number and of a Python float repr, also `517.` and `-.5`) and converts it exactly as
 * `Number()` would, without slicing the text: the value goes to {@link decimalValue}.
 *
 * - Up to 15 significant digits with a power of ten up to 22: one correctly rounded multiplication
 *   or division (Clinger's fast path).
 * - 16 to 19 significant digits (`1.5000000000000002e-05`, Python's shortest repr of most floats):
 *   the digits as an exact double-double divided by the power of ten with an error below 2^-100,
 *   which decides the rounding except within that distance of a halfway point.
 * - Anything else (more digits, exponents beyond ±22, a near-halfway value): `Number()` on the slice.
 *
 * @param text - The text.
 * @param i - Index of the first character of the token (a digit, `-` or `.`).
 * @param end - Index the token may not reach past (end of the line).
 * @returns The index just after the token, or -1 when there is no valid number there (`-`, `1e`,
 *   `1.2.3`, `1e5x`: a number character right after the token also makes it invalid).
 * @defaultValue -1 for anything that is not a complete number token
 * @example
 * ```ts
 * const next = readDecimal('{"loss": 2.31}', 9, 14); // 13
 * decimalValue[0]; // 2.31
 * ```
 */
export function readDecimal(text: string, i: number, end: number): number {
  let j = i;
  let c = text.charCodeAt(j);
  const negative = c === 45;
  if (negative) {
    j++;
    c = text.charCodeAt(j);
  }
  let mantissa = 0;
  let digits = 0;
  let low = 0;
  let lowDigits = 0;
  let scale = 0;
  let any = false;
  while (c === 48 && j < end) {
    any = true;
    j++;
    c = text.charCodeAt(j);
  }
  while (c >= 48 && c <= 57 && j < end) {
    if (digits < 15) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else {
      low = low * 10 + (c - 48);
      lowDigits++;
    }
    j++;
    c = text.charCodeAt(j);
  }
  if (c === 46 && j < end) {
    j++;
    c = text.charCodeAt(j);
    if (digits === 0) {
      while (c === 48 && j < end) {
        any = true;
        scale--;
        j++;
        c = text.charCodeAt(j);
      }
    }
    while (c >= 48 && c <= 57 && j < end) {
      if (digits < 15) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
      } else {
        low = low * 10 + (c - 48);
        lowDigits++;
      }
      scale--;
      j++;
      c = text.charCodeAt(j);
    }
  }
  if (digits > 0) any = true;
  if (!any) return -1;
  if ((c === 101 || c === 69) && j < end) {
    j++;
    c = text.charCodeAt(j);
    let expNegative = false;
    if (c === 45 || c === 43) {
      expNegative = c === 45;
      j++;
      c = text.charCodeAt(j);
    }
    let exponent = 0;
    let expDigits = 0;
    while (c >= 48 && c <= 57 && j < end) {
      if (exponent < 100000) exponent = exponent * 10 + (c - 48);
      expDigits++;
      j++;
      c = text.charCodeAt(j);
    }
    if (expDigits === 0) return -1;
    scale += expNegative ? -exponent : exponent;
  }
  if (
    j < end &&
    ((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 45 || c === 43)
  ) {
    return -1;
  }
  let value = decimalToDouble(mantissa, low, lowDigits, scale);
  if (Number.isNaN(value)) {
    value = Number(text.slice(negative ? i + 1 : i, j));
    if (Number.isNaN(value)) return -1;
  }
  decimalValue[0] = negative ? -value : value;
  return j;
}

/**
 * The double nearest to `(mantissa * 10^lowDigits + low) * 10^scale`, where `mantissa` holds the
 * first (at most 15) significant digits and `low` the next `lowDigits`, or NaN when it cannot be
 * decided here (then `Number()` on the text decides).
 *
 * @param mantissa - The first significant digits, below 10^15.
 * @param low - The next digits.
 * @param lowDigits - How many digits `low` holds.
 * @param scale - The power of ten.
 * @returns The correctly rounded value, or NaN.
 * @defaultValue NaN past 19 digits, beyond a power of ten of ±22, or next to a halfway point
 * @example
 * ```ts
 * decimalToDouble(150000000000000, 2, 2, -21); // 1.5000000000000002e-05
 * ```
 */
function decimalToDouble(mantissa: number, low: number, lowDigits: number, scale: number): number {
  if (lowDigits === 0) {
    if (scale < -22 || scale > 22) return Number.NaN;
    return scale < 0 ? mantissa / (POW10[-scale] as number) : mantissa * (POW10[scale] as number);
  }
  if (lowDigits > 4) return Number.NaN;
  // The integer digits as one number: `mantissa` holds the first 15, `low` the next ones.
  const p = POW10[lowDigits] as number;
  const whole = mantissa * p + low;
  if (whole <= TWO_53) {
    if (scale < -22 || scale > 22) return Number.NaN;
    return scale < 0 ? whole / (POW10[-scale] as number) : whole * (POW10[scale] as number);
  }
  if (scale > 0 || scale < -22) return Number.NaN;
  return doubleDoubleQuotient(mantissa, p, low, POW10[-scale] as number);
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Index of the high 32-bit word of a double in `words` (little- or big-endian host). */
const HIGH = (() => {
  bits[0] = 1;
  return words[1] === 0x3ff00000 ? 1 : 0;
})();

/**
 * `(mantissa * p + low) / divisor` correctly rounded, for a positive numerator above 2^53 (so it has
 * no exact double) and a divisor that is an exact power of ten, or NaN when the exact quotient lies
 * too close to a rounding boundary to decide here.
 */
function doubleDoubleQuotient(mantissa: number, p: number, low: number, divisor: number): number {
  // Numerator as a double-double (hi + lo): mantissa * p exactly (Dekker), plus low.
  const prod = mantissa * p;
  const prodErr = twoProductError(mantissa, p, prod);
  const hi = prod + low;
  const lowBack = hi - prod;
  const sumErr = prod - (hi - lowBack) + (low - lowBack);
  const lo = prodErr + sumErr;
  // Long division by the divisor: q1 + q2, then renormalised to s + t with s = fl(s + t).
  const q1 = hi / divisor;
  const back = q1 * divisor;
  const backErr = twoProductError(q1, divisor, back);
  const remainder = hi - back - backErr + lo;
  const q2 = remainder / divisor;
  const s = q1 + q2;
  const t = q2 - (s - q1);
  // s is the rounding of the exact quotient unless that quotient is within the error of the
  // computation (< 2^-100 relative) of a halfway point between s and a neighbour.
  bits[0] = s;
  const high = words[HIGH] as number;
  const lowWord = words[1 - HIGH] as number;
  const exponent = (high >>> 20) & 0x7ff;
  if (exponent <= 53 || exponent >= 0x7ff) return Number.NaN;
  if ((high & 0xfffff) === 0 && lowWord === 0) return Number.NaN; // power of two: uneven neighbours
  words[HIGH] = (exponent - 53) << 20;
  words[1 - HIGH] = 0;
  const halfUlp = bits[0] as number;
  const distance = Math.abs(Math.abs(t) - halfUlp);
  return distance > s * 2 ** -98 ? s : Number.NaN;
}

/** The exact error of the rounded product `product = a * b` (Dekker's TwoProduct). */
function twoProductError(a: number, b: number, product: number): number {
  let c = SPLITTER * a;
  const aHigh = c - (c - a);
  const aLow = a - aHigh;
  c = SPLITTER * b;
  const bHigh = c - (c - b);
  const bLow = b - bHigh;
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}
