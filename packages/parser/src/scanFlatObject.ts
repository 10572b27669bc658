import type { FlatObject } from './formats/objectRecord';
import { parseNumber } from './parseNumber';
import { decimalValue, readDecimal } from './readDecimal';

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
      const next = readDecimal(line, i, n);
      if (next < 0) return false;
      value = decimalValue[0];
      i = next;
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
      // `'global_step/max_steps': '78/176'` (ms-swift): a `done/total` counter under a
      // `name/total_name` key is the counter under its first name; the total is no metric.
      if (value === undefined) {
        const slash = key.indexOf('/');
        const done = slash > 0 ? counterDone(line, i + 1, close) : undefined;
        if (done !== undefined) {
          key = key.slice(0, slash);
          value = done;
        }
      }
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

/**
 * The first count of a quoted `done/total` counter (`78/176`): digits, `/`, digits and nothing else.
 *
 * @param line - The text.
 * @param from - First character inside the quotes.
 * @param to - Index of the closing quote.
 * @returns The count before the slash, or `undefined` when the text is not such a counter.
 * @defaultValue undefined for anything but `digits/digits`
 * @example
 * ```ts
 * counterDone("'78/176'", 1, 7); // 78
 * ```
 */
export function counterDone(line: string, from: number, to: number): number | undefined {
  let j = from;
  let done = 0;
  while (j < to && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) {
    done = done * 10 + line.charCodeAt(j) - 48;
    j++;
  }
  if (j === from || j >= to || line.charCodeAt(j) !== 47) return undefined;
  const slash = j++;
  while (j < to && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
  return j === to && j > slash + 1 ? done : undefined;
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
 * A quoted value: a number (`'3.4376'`, `"0.00"`) or `undefined` for text such as `"0:04:02"`.
 *
 * @param line - The text.
 * @param from - First character inside the quotes.
 * @param to - Index of the closing quote.
 * @returns The number, or `undefined` when the quoted text is no number.
 * @defaultValue undefined for text that is not a number
 * @example
 * ```ts
 * quotedNumber('"0.00"', 1, 5); // 0
 * quotedNumber('"0:04:02"', 1, 8); // undefined
 * ```
 */
export function quotedNumber(line: string, from: number, to: number): number | undefined {
  if (from >= to) return undefined;
  const c = line.charCodeAt(from);
  if ((c >= 48 && c <= 57) || c === 45 || c === 46) {
    const end = numberEnd(line, from, to);
    if (end === to) return readDecimal(line, from, to) === to ? decimalValue[0] : undefined;
    const next = line.charCodeAt(end);
    // `0:04:02`, `3 days, 4:29:51`: times and durations are no metric.
    if (next === 58 || next === 32) return undefined;
  }
  return parseNumber(line.slice(from, to));
}
