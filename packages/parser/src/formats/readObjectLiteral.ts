import { parseNumber } from '../parseNumber';
import { counterDone } from '../scanFlatObject';

/**
 * Result of {@link readObjectLiteral}: the key/value pairs of a flat object, or why there are none.
 *
 * @example
 * ```ts
 * const r: ObjectLiteralResult = { status: 'ok', pairs: [['loss', 1]], quote: 'single' };
 * ```
 */
export type ObjectLiteralResult =
  | {
      status: 'ok';
      /** `[key, value]`; value `undefined` for null, strings, lists and nested objects. */
      pairs: Array<[string, number | undefined]>;
      /** Quote style of the keys: Python repr (`'`) or JSON (`"`). */
      quote: 'single' | 'double';
      /** Index just after the closing brace. */
      end: number;
    }
  | {
      status: 'incomplete';
      /** The pairs read whole before the text ended (a dict a paste or an excerpt cut). */
      pairs: Array<[string, number | undefined]>;
      quote: 'single' | 'double';
    }
  | { status: 'malformed' };

/**
 * Reads a flat Python dict repr or JSON object starting at `text[start] === '{'`:
 * `{'loss': 2.03, 'grad_norm': nan, 'mem (GB)': np.float64(44.35)}` or
 * `{"current_steps": 10, "loss": 4.169, "remaining_time": "0:33:29"}`. Values may be any number
 * spelling of {@link parseNumber}, `nan`, `None`/`null`, strings and lists (skipped). A nested object's
 * metrics are named after its key (`{"train": {"loss": 2.3}}` holds `train/loss`), those of a
 * `metrics`, `logs`, `scalars` or `stats` object keep their own names; objects nested deeper are skipped.
 * Text after the closing brace is ignored. Never throws.
 *
 * @param text - The text holding the object.
 * @param start - Index of the opening brace.
 * @returns `incomplete` when the text ends before the closing brace (a dict wrapped over lines).
 * @defaultValue status `malformed` for text that is not an object literal
 * @example
 * ```ts
 * readObjectLiteral("{'loss': 0.5, 'epoch': 1.0}", 0); // { status: 'ok', pairs: [['loss', 0.5], ['epoch', 1]], quote: 'single', end: 27 }
 * ```
 */
export function readObjectLiteral(text: string, start: number): ObjectLiteralResult {
  const out: ReadObject = { pairs: [], quote: 'double' };
  const end = readInto(text, start, '', 0, out);
  if (end === INCOMPLETE) return { status: 'incomplete', pairs: out.pairs, quote: out.quote };
  if (end === MALFORMED) return { status: 'malformed' };
  return { status: 'ok', pairs: out.pairs, quote: out.quote, end };
}

interface ReadObject {
  pairs: Array<[string, number | undefined]>;
  quote: 'single' | 'double';
}

const INCOMPLETE = -1;
const MALFORMED = -2;
/** Objects inside objects read as metrics (`{"train": {"loss": 2.3}}`); deeper ones are skipped. */
const MAX_NESTING = 2;
/**
 * Keys of an object that only holds the record's metrics (`{"step": 10, "metrics": {"loss": 2.3}}`):
 * their metrics keep their own names.
 */
const CONTAINER_KEYS = new Set(['metrics', 'metric', 'logs', 'log', 'scalars', 'stats']);

/**
 * Reads the object opened at `text[start]` into `out`, the keys of a nested object after its key
 * and a slash (`train/loss`): the index after its closing brace, or {@link INCOMPLETE} or
 * {@link MALFORMED}.
 */
function readInto(
  text: string,
  start: number,
  prefix: string,
  nesting: number,
  out: ReadObject,
): number {
  const n = text.length;
  const pairs = out.pairs;
  let i = start + 1;
  for (;;) {
    i = skipSpace(text, i);
    if (i >= n) return INCOMPLETE;
    let c = text.charCodeAt(i);
    if (c === 125) return i + 1;
    let key: string;
    if (c === 39 || c === 34) {
      if (pairs.length === 0) out.quote = c === 39 ? 'single' : 'double';
      const close = findQuoteEnd(text, i);
      if (close < 0) return INCOMPLETE;
      key = text.slice(i + 1, close);
      i = close + 1;
    } else {
      const colon = text.indexOf(':', i);
      if (colon < 0) return INCOMPLETE;
      key = text.slice(i, colon).trim();
      if (key.length === 0 || /[,{}[\]]/.test(key)) return MALFORMED;
      i = colon;
    }
    i = skipSpace(text, i);
    if (i >= n) return INCOMPLETE;
    if (text.charCodeAt(i) !== 58) return MALFORMED;
    i = skipSpace(text, i + 1);
    if (i >= n) return INCOMPLETE;
    c = text.charCodeAt(i);
    let value: number | undefined;
    if (c === 123 && nesting < MAX_NESTING) {
      // `{"step": 10, "train": {"loss": 2.3}, "val": {"loss": 2.5}}`: `train/loss`, `val/loss`.
      const inner =
        nesting === 0 && CONTAINER_KEYS.has(key.toLowerCase()) ? '' : `${prefix}${key}/`;
      const end = readInto(text, i, inner, nesting + 1, out);
      if (end < 0) return end;
      i = end;
    } else if (c === 123 || c === 91) {
      const end = skipNested(text, i);
      if (end < 0) return INCOMPLETE;
      i = end;
      pairs.push([prefix + key, undefined]);
    } else {
      if (c === 39 || c === 34) {
        const close = findQuoteEnd(text, i);
        if (close < 0) return INCOMPLETE;
        value = parseNumber(text.slice(i + 1, close));
        // `'global_step/max_steps': '78/176'`: the counter under its first name (see scanFlatObject).
        const slash = value === undefined ? key.indexOf('/') : -1;
        const done = slash > 0 ? counterDone(text, i + 1, close) : undefined;
        if (done !== undefined) {
          key = key.slice(0, slash);
          value = done;
        }
        i = close + 1;
      } else {
        const end = findValueEnd(text, i);
        if (end < 0) return INCOMPLETE;
        const raw = text.slice(i, end);
        value = parseNumber(raw);
        if (value === undefined && !/^\s*(?:None|null|True|False|true|false)\s*$/.test(raw)) {
          // A numpy array that is no scalar (`array([0., 0.], dtype=float32)`, an old TRL PPO's
          // `stats`) holds no value; any other unquoted token that is no number (a bare word, a
          // broken repr) makes the record unreadable.
          if (!raw.startsWith('array(')) return MALFORMED;
        }
        i = end;
      }
      pairs.push([prefix + key, value]);
    }
    i = skipSpace(text, i);
    if (i >= n) return INCOMPLETE;
    c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    if (c === 125) return i + 1;
    return MALFORMED;
  }
}

function skipSpace(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** Index of the quote closing the string opened at `i`, or -1. */
function findQuoteEnd(text: string, i: number): number {
  const q = text.charCodeAt(i);
  const n = text.length;
  for (let j = i + 1; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === q) return j;
  }
  return -1;
}

/** Index just after the list/object opened at `i`, or -1 when it does not close. */
function skipNested(text: string, i: number): number {
  let depth = 0;
  const n = text.length;
  for (let j = i; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 39 || c === 34) {
      const close = findQuoteEnd(text, j);
      if (close < 0) return -1;
      j = close;
    } else if (c === 123 || c === 91 || c === 40) depth++;
    else if (c === 125 || c === 93 || c === 41) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/**
 * End of a bare value (`nan`, `1e-05`, `tensor(1.2, device='cuda:0')`,
 * `<tf.Tensor: shape=(), dtype=float32, numpy=0.69>`): the `,` or `}` after it.
 */
function findValueEnd(text: string, i: number): number {
  let depth = 0;
  const n = text.length;
  let from = i;
  if (text.charCodeAt(i) === 60 /* < */) {
    // A repr in angle brackets holds commas of its own (a short one: the search stays bounded).
    const limit = Math.min(n, i + 240);
    for (let j = i + 1; j < limit; j++) {
      if (text.charCodeAt(j) === 62) {
        from = j;
        break;
      }
    }
  }
  for (let j = from; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 39 || c === 34) {
      const close = findQuoteEnd(text, j);
      if (close < 0) return -1;
      j = close;
    } else if (c === 40) depth++;
    else if (c === 41) depth--;
    else if (depth <= 0 && (c === 44 || c === 125)) return j;
  }
  return -1;
}
