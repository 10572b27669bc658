import { decimalValue, POW10, readDecimal } from '../readDecimal';
import { quotedNumber } from '../scanFlatObject';
import type { LineRecord } from './LineRecord';
import { type FlatObject, keyInfo } from './objectRecord';

/**
 * The layout of a one-line dict/JSON record: its keys in order, how each is read, and a sticky
 * regular expression that recognises a whole line of exactly this layout. Logs repeat one or two
 * layouts for millions of lines (the train dict and the eval dict; every line of a `jsonl` file),
 * so the engine checks a line against the layouts it has seen (the check runs as compiled native
 * code, far faster than comparing keys character by character in JavaScript), then reads only the
 * values, straight into `values`/`present`, with no string or boxed number per value.
 *
 * The result is the one {@link objectRecord} gives for the same object (tested against it): the
 * regular expression accepts a subset of what `scanFlatObject` accepts (plain decimals, quoted
 * values, `null`/`None`), and lines of any other shape take the general path.
 *
 * @typeParam S - What the engine keeps per slot (the series each key's values go to).
 * @example
 * ```ts
 * const layout = createRecordLayout(object); // from a line read by scanFlatObject
 * if (layout && readLayoutLine(layout, line, 0, line.length)) layout.values[0];
 * ```
 */
export interface RecordLayout<S = unknown> {
  /** Matches one whole line of this layout from `lastIndex` (the line's `{`). */
  pattern: RegExp;
  /** Lines are spaced the usual way, exactly `{"a": 1, "b": 2}` (the pattern checks it). */
  spaced: boolean;
  /** Quote character code of the keys: `'` (Python dict) or `"` (JSON). */
  quote: number;
  count: number;
  keys: string[];
  /** Length of each key with its quotes. */
  keyLengths: Int32Array;
  /** Canonical metric name per key. */
  names: string[];
  /** Step preference per key (0 best), 99 for a key that is no step. */
  stepRanks: Int32Array;
  /** Role bits per key: {@link EVAL}, {@link TRAIN}, {@link EPOCH}. */
  roles: Uint8Array;
  format: string;
  /** An integer `epoch` is the step when there is no step key (epoch-level JSON logs). */
  epochIsStep: boolean;
  /** The values of the last line read, per key. */
  values: Float64Array;
  /** 1 where the last line had a number for the key (`null`, `None` and text are absent). */
  present: Uint8Array;
  /** The engine's state per key. */
  slots: Array<S | undefined>;
}

/** Role bit of an `eval_*` key. */
export const EVAL = 1;
/** Role bit of a train metric (loss, learning rate, grad norm). */
export const TRAIN = 2;
/** Role bit of `epoch`. */
export const EPOCH = 4;

const NUMBER = String.raw`-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
const PLAIN_NUMBER = String.raw`-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`;

/** Formats whose records are {@link objectRecord} of the object alone: their lines may take a layout. */
const LAYOUT_FORMATS = new Set<string>(['hf-trainer', 'axolotl', 'llamafactory-jsonl', 'jsonl']);

/**
 * The layout of an object read by `scanFlatObject`, once its recogniser made a record of it: the
 * format depends on the keys only, so every line of the layout is that format. Summaries and
 * fairseq JSON keep to their own recognisers.
 *
 * @param object - Keys and quote of a line `scanFlatObject` accepted.
 * @param record - What the object's recogniser made of that line.
 * @param line - That line: when it is spaced the usual way (`{"a": 1, "b": 2}`), the pattern
 *   expects exactly that spacing and plain numbers, which makes it faster; otherwise any spacing.
 * @returns The layout, or `undefined` when such lines keep to the general path.
 * @defaultValue undefined for summaries, fairseq JSON and objects without keys
 * @example
 * ```ts
 * const object: FlatObject = { keys: ['loss', 'epoch'], values: [0.5, 0.1], count: 2, quote: 'single' };
 * createRecordLayout(object, { format: 'hf-trainer', kind: 'train', metrics: [] })?.format; // 'hf-trainer'
 * ```
 */
export function createRecordLayout<S>(
  object: FlatObject,
  record: LineRecord,
  line?: string,
): RecordLayout<S> | undefined {
  const count = object.count;
  const format = record.format;
  if (count === 0 || count > 256 || record.kind === 'summary' || !LAYOUT_FORMATS.has(format)) {
    return undefined;
  }
  const keys = object.keys.slice(0, count);
  const info = keys.map(keyInfo);
  // A key that is no metric nor step (W&B's `_timestamp`) is read by the object reader only.
  if (info.some((i) => i.clock)) return undefined;
  const single = object.quote === 'single';
  const q = single ? "'" : '"';
  const text = `${q}[^${q}\\\\\\n\\r]*${q}`;
  const usual = keys.map(
    (k) => `${q}${escapeRegExp(k)}${q}: (?:${PLAIN_NUMBER}|${text}|null|None)`,
  );
  let pattern = new RegExp(`\\{${usual.join(', ')}\\} *`, 'y');
  const spaced = line !== undefined && pattern.test(line) && pattern.lastIndex === line.length;
  if (!spaced) {
    const fields = keys.map(
      (k) => `${q}${escapeRegExp(k)}${q}: *(?:${NUMBER}|${text}|null|None) *`,
    );
    pattern = new RegExp(`\\{${fields.join(', *')}\\} *`, 'y');
  }
  return {
    pattern,
    spaced,
    quote: q.charCodeAt(0),
    count,
    keys,
    keyLengths: Int32Array.from(keys, (k) => k.length + 2),
    names: info.map((i) => i.name),
    stepRanks: Int32Array.from(info, (i) => i.stepRank),
    roles: Uint8Array.from(
      info,
      (i) => (i.eval ? EVAL : 0) | (i.train ? TRAIN : 0) | (i.epoch ? EPOCH : 0),
    ),
    format,
    epochIsStep: format === 'jsonl',
    values: new Float64Array(count),
    present: new Uint8Array(count),
    slots: new Array<S | undefined>(count).fill(undefined),
  };
}

/**
 * Reads the line `text[start, end)` into `layout.values`/`layout.present` when it is a line of this
 * layout (its `{` at `start`, its `}` and trailing spaces ending at `end`).
 *
 * @param layout - The layout.
 * @param text - Text holding the line (a whole chunk: the line is not sliced out).
 * @param start - Index of the line's `{`.
 * @param end - End of the line.
 * @returns `true` when the line has this layout and was read.
 * @defaultValue false for a line of any other shape
 * @example
 * ```ts
 * readLayoutLine(layout, '{"loss": 2.3}', 0, 13); // true, layout.values[0] === 2.3
 * ```
 */
export function readLayoutLine(
  layout: RecordLayout<unknown>,
  text: string,
  start: number,
  end: number,
): boolean {
  const pattern = layout.pattern;
  pattern.lastIndex = start;
  if (!pattern.test(text) || pattern.lastIndex !== end) return false;
  const { count, keyLengths, values, present, quote, spaced } = layout;
  let i = start + 1;
  for (let k = 0; k < count; k++) {
    // The pattern matched: key, `:` and spaces are known to be there.
    let c: number;
    if (spaced) {
      i += (keyLengths[k] as number) + 2;
      c = text.charCodeAt(i);
    } else {
      i += (keyLengths[k] as number) + 1;
      c = text.charCodeAt(i);
      while (c === 32) c = text.charCodeAt(++i);
    }
    if (c === quote) {
      const close = text.indexOf(quote === 39 ? "'" : '"', i + 1);
      const number = quotedNumber(text, i + 1, close);
      if (number === undefined) present[k] = 0;
      else {
        values[k] = number;
        present[k] = 1;
      }
      i = close + 1;
    } else if (c === 110 || c === 78) {
      present[k] = 0;
      i += 4;
    } else {
      // The usual number (its digits below 2^53, a power of ten within ±22) is converted here,
      // exactly as readDecimal converts it (Clinger's fast path); anything else, such as Python's
      // 17-digit reprs, is read again by readDecimal. Inlined: ~5% of a JSON-lines parse.
      let j = i;
      const negative = c === 45;
      if (negative) c = text.charCodeAt(++j);
      let mantissa = 0;
      let scale = 0;
      while (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        c = text.charCodeAt(++j);
      }
      if (c === 46) {
        c = text.charCodeAt(++j);
        while (c >= 48 && c <= 57) {
          mantissa = mantissa * 10 + (c - 48);
          scale--;
          c = text.charCodeAt(++j);
        }
      }
      if (c === 101 || c === 69) {
        c = text.charCodeAt(++j);
        const expNegative = c === 45;
        if (expNegative || c === 43) c = text.charCodeAt(++j);
        let exponent = 0;
        while (c >= 48 && c <= 57 && exponent < 100000) {
          exponent = exponent * 10 + (c - 48);
          c = text.charCodeAt(++j);
        }
        scale += expNegative ? -exponent : exponent;
      }
      // Exact while the digits fit in 2^53 (then every partial sum did too).
      if (mantissa <= 9007199254740992 && scale >= -22 && scale <= 22 && j <= end) {
        const value =
          scale < 0 ? mantissa / (POW10[-scale] as number) : mantissa * (POW10[scale] as number);
        values[k] = negative ? -value : value;
      } else {
        j = readDecimal(text, i, end);
        if (j < 0) return false;
        values[k] = decimalValue[0] as number;
      }
      present[k] = 1;
      i = j;
    }
    if (spaced) i += 2;
    else {
      c = text.charCodeAt(i);
      while (c === 32) c = text.charCodeAt(++i);
      // `,` or the final `}`, then the spaces before the next key.
      c = text.charCodeAt(++i);
      while (c === 32) c = text.charCodeAt(++i);
    }
  }
  return true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
