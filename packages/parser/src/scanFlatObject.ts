import type { FlatObject } from './formats/objectRecord';
import { parseNumber } from './parseNumber';

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
];

/**
 * Reads a one-line flat dict or JSON object in a single pass without allocating per value:
 * `{'loss': 2.31, 'learning_rate': 5e-05}` or `{"current_steps": 10, "loss": 4.169, "elapsed_time": "0:04:02"}`.
 * It is the hot path of the parser (one logged record per line in Trainer and JSON-lines logs):
 * keys are compared in place with the keys of the previous line (logs repeat the same layout), so
 * the same key strings are reused, and plain decimals are converted exactly without `Number(slice)`.
 * Anything unusual (`nan`, `np.float64(..)`, nested values, escapes, text after `}`) returns `false`
 * and the line goes to the tolerant `readObjectLiteral` instead.
 *
 * @param line - The line.
 * @param start - Index of `{`.
 * @param out - Receives keys and values; its `keys` from the previous call are the reuse cache.
 * @param end - End of the line in `line` (a whole chunk may be passed, so no line is sliced).
 * @returns `true` when the whole object was read into `out`.
 * @defaultValue `end` is `line.length`; the result is false for anything but a plain flat object
 * @example
 * ```ts
 * const out: FlatObject = { keys: [], values: [], count: 0, quote: 'single' };
 * scanFlatObject("{'loss': 0.5}", 0, out); // true, out.keys[0] === 'loss', out.values[0] === 0.5
 * ```
 */
export function scanFlatObject(
  line: string,
  start: number,
  out: FlatObject,
  end: number = line.length,
): boolean {
  const n = end;
  const q = line.charCodeAt(start + 1);
  if (q !== 39 && q !== 34) return false;
  const keys = out.keys;
  const values = out.values;
  let i = start + 1;
  let count = 0;
  for (;;) {
    if (line.charCodeAt(i) !== q) return false;
    const cached = keys[count];
    let key: string;
    if (
      cached !== undefined &&
      line.charCodeAt(i + 1 + cached.length) === q &&
      line.startsWith(cached, i + 1)
    ) {
      key = cached;
      i += cached.length + 2;
    } else {
      let close = i + 1;
      while (close < n) {
        const c = line.charCodeAt(close);
        if (c === q) break;
        if (c === 92) return false;
        close++;
      }
      if (close >= n) return false;
      key = line.slice(i + 1, close);
      i = close + 1;
    }
    if (line.charCodeAt(i) !== 58) return false;
    i++;
    while (line.charCodeAt(i) === 32) i++;
    const c = line.charCodeAt(i);
    let value: number | undefined;
    if ((c >= 48 && c <= 57) || c === 45) {
      value = readNumber(line, i, n);
      if (value === undefined) return false;
      i = readEnd;
    } else if (c === q) {
      let close = i + 1;
      while (close < n) {
        const d = line.charCodeAt(close);
        if (d === q) break;
        if (d === 92) return false;
        close++;
      }
      if (close >= n) return false;
      value = quotedNumber(line, i + 1, close);
      i = close + 1;
    } else if (line.startsWith('null', i) || line.startsWith('None', i)) {
      i += 4;
    } else {
      return false;
    }
    keys[count] = key;
    values[count] = value;
    count++;
    while (line.charCodeAt(i) === 32) i++;
    const sep = line.charCodeAt(i);
    if (sep === 44) {
      i++;
      while (line.charCodeAt(i) === 32) i++;
      continue;
    }
    if (sep !== 125) return false;
    for (let j = i + 1; j < n; j++) if (line.charCodeAt(j) !== 32) return false;
    out.count = count;
    out.quote = q === 39 ? 'single' : 'double';
    return true;
  }
}

/** Where the last {@link readNumber} stopped. */
let readEnd = 0;

/** A character a number token may contain: digits, sign, `.`, `e`/`E`. */
function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 45 || c === 43;
}

/**
 * {@link fastNumber} of the number token at `i`, read in the same single pass that finds its end
 * (left in `readEnd`): the values are most of a record's characters. An odd spelling (`1.2.3`, a
 * long mantissa) goes through `numberEnd` + `fastNumber`, so the result is always theirs.
 */
function readNumber(line: string, i: number, n: number): number | undefined {
  let j = i;
  const negative = line.charCodeAt(j) === 45;
  if (negative) j++;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let c = line.charCodeAt(j);
  while (c === 48) {
    j++;
    c = line.charCodeAt(j);
  }
  let any = j > (negative ? i + 1 : i);
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    j++;
    c = line.charCodeAt(j);
  }
  if (c === 46) {
    j++;
    c = line.charCodeAt(j);
    if (mantissa === 0) {
      while (c === 48) {
        any = true;
        scale--;
        j++;
        c = line.charCodeAt(j);
      }
    }
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      scale--;
      j++;
      c = line.charCodeAt(j);
    }
  }
  if (digits > 0) any = true;
  if (c === 101 || c === 69) {
    j++;
    c = line.charCodeAt(j);
    let expNegative = false;
    if (c === 45 || c === 43) {
      expNegative = c === 45;
      j++;
      c = line.charCodeAt(j);
    }
    let exponent = 0;
    let expDigits = 0;
    while (c >= 48 && c <= 57) {
      exponent = exponent * 10 + (c - 48);
      expDigits++;
      j++;
      c = line.charCodeAt(j);
    }
    if (expDigits === 0) j = n;
    scale += expNegative ? -exponent : exponent;
  }
  if (j >= n || isNumberChar(c) || !any || digits > 15 || scale < -22 || scale > 22) {
    const end = numberEnd(line, i, n);
    readEnd = end;
    return fastNumber(line, i, end);
  }
  readEnd = j;
  const value =
    scale < 0 ? mantissa / (POW10[-scale] as number) : mantissa * (POW10[scale] as number);
  return negative ? -value : value;
}

/** End of a number token: digits, sign, `.`, `e`/`E`. */
function numberEnd(line: string, i: number, n: number): number {
  let j = i + 1;
  while (j < n) {
    const c = line.charCodeAt(j);
    if ((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 45 || c === 43) j++;
    else break;
  }
  return j;
}

/**
 * Exact conversion of `[-]digits[.digits][e[+-]digits]` when the digits fit in 2^53 and the power of
 * ten is exact (one correctly rounded multiplication or division, Clinger's fast path); otherwise
 * `Number()` on the slice.
 */
function fastNumber(line: string, i: number, end: number): number | undefined {
  let j = i;
  let negative = false;
  if (line.charCodeAt(j) === 45) {
    negative = true;
    j++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let seenDot = false;
  let any = false;
  for (; j < end; j++) {
    const c = line.charCodeAt(j);
    if (c >= 48 && c <= 57) {
      any = true;
      if (mantissa === 0 && c === 48) {
        if (seenDot) scale--;
        continue;
      }
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (seenDot) scale--;
    } else if (c === 46 && !seenDot) seenDot = true;
    else break;
  }
  if (!any) return undefined;
  if (j < end) {
    const c = line.charCodeAt(j);
    if (c !== 101 && c !== 69) return undefined;
    j++;
    let expNegative = false;
    const s = line.charCodeAt(j);
    if (s === 45 || s === 43) {
      expNegative = s === 45;
      j++;
    }
    let exponent = 0;
    let expDigits = 0;
    for (; j < end; j++) {
      const d = line.charCodeAt(j);
      if (d < 48 || d > 57) return undefined;
      exponent = exponent * 10 + (d - 48);
      expDigits++;
    }
    if (expDigits === 0) return undefined;
    scale += expNegative ? -exponent : exponent;
  }
  let value: number;
  if (digits <= 15 && scale >= -22 && scale <= 22) {
    value = scale < 0 ? mantissa / (POW10[-scale] as number) : mantissa * (POW10[scale] as number);
  } else {
    value = Number(line.slice(negative ? i + 1 : i, end));
    if (Number.isNaN(value)) return undefined;
  }
  return negative ? -value : value;
}

/** A quoted value: a number (`'3.4376'`, `"0.00"`) or `undefined` for text such as `"0:04:02"`. */
function quotedNumber(line: string, from: number, to: number): number | undefined {
  if (from >= to) return undefined;
  const c = line.charCodeAt(from);
  if ((c >= 48 && c <= 57) || c === 45 || c === 46) {
    const end = numberEnd(line, from, to);
    if (end === to) return fastNumber(line, from, to);
    const next = line.charCodeAt(end);
    // `0:04:02`, `3 days, 4:29:51`: times and durations are no metric.
    if (next === 58 || next === 32) return undefined;
  }
  return parseNumber(line.slice(from, to));
}
