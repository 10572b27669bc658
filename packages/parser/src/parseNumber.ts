/**
 * Reads one metric value as a trainer printed it, in every spelling seen in real logs:
 * integers, decimals, scientific notation (`1e-05`, `9.150E-06`, `1.04e-5`), a trailing dot (`517.`),
 * thousands separators (`13,448`), unit suffixes (`561.94ms`, `0.868G`, `15.34%`, `22.80s/it`),
 * `nan` / `inf` / `-inf` (also `nan (+nanz)`), `np.float64(1.2)`, `tensor(1.2, device='cuda:0')` and the
 * other wrappers of {@link readWrappedScalar}, and quoted numbers (`'3.4'`, `"0.00"`).
 *
 * @param raw - The value text, surrounding spaces allowed.
 * @returns The number, or `undefined` when the text is not a number (a time `0:01:54`, `N/A`, a word).
 * @defaultValue undefined for anything that is not a number
 * @example
 * ```ts
 * parseNumber('np.float64(44.35)'); // 44.35
 * parseNumber('nan (+nanz)'); // NaN
 * parseNumber('13,448'); // 13448
 * ```
 */
export function parseNumber(raw: string): number | undefined {
  let s = raw.trim();
  if (s.length === 0) return undefined;
  let c = s.charCodeAt(0);
  // Fast path: the common plain decimal (`0.8635`, `-1.2e-05`) goes straight to Number().
  if ((c >= 48 && c <= 57) || c === 45) {
    const n = Number(s);
    if (!Number.isNaN(n) && s.length > 0) return n;
  }
  if (c === 39 || c === 34) {
    const last = s.charCodeAt(s.length - 1);
    if (s.length < 2 || last !== c) return undefined;
    s = s.slice(1, -1).trim();
    if (s.length === 0) return undefined;
    c = s.charCodeAt(0);
  }
  if (c === 110 || c === 116 || c === 65 || c === 68 || c === 97 || c === 60 || c === 112) {
    // `np.float64(x)`, `tensor(x, device=...)`, `tf.Tensor(x, ...)`, `Array(x, dtype=float32)`.
    const wrapped = readWrappedScalar(s, 0);
    if (wrapped !== undefined) return wrapped.end === s.length ? wrapped.value : undefined;
  }
  return parsePlain(s);
}

// One way to read every digit run (`\d+(?:\.\d*)?`, not `\d+\.?\d*`) and a rest that always matches
// (`[\s\S]*`, not `.*$`, which fails on a line separator): nothing left to backtrack into, so a
// 100,000-digit value costs one pass. A line separator in the rest is rejected in parsePlain.
const NUMBER_RE =
  /^([-+]?)(?:(nan|inf(?:inity)?)|(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)(?:[eE]([-+]?\d+))?)([\s\S]*)$/i;
const LINE_SEPARATOR_RE = /[\n\r\u2028\u2029]/;
const SUFFIX_RE = /^(?:[A-Za-z%]+(?:\/[A-Za-z]+)?|\s*\(\+nanz\)|\s+[A-Za-z]{1,3})?$/;

function parsePlain(s: string): number | undefined {
  const m = NUMBER_RE.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const rest = m[5] ?? '';
  // A sentence period after the number (`grad_norm=33.4706.`) is no part of it.
  if (rest.length > 0 && rest !== '.' && (LINE_SEPARATOR_RE.test(rest) || !SUFFIX_RE.test(rest))) {
    return undefined;
  }
  if (m[2] !== undefined) {
    return m[2].toLowerCase() === 'nan' ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  }
  const mantissa = (m[3] ?? '').replace(/,/g, '');
  const exponent = m[4] !== undefined ? `e${m[4]}` : '';
  const n = Number(mantissa + exponent);
  return Number.isNaN(n) ? undefined : sign * n;
}

/** NumPy scalars: `np.float64(2.5)`, `numpy.float32(2.5)`, `np.int64(3)`. */
const NUMPY_SCALAR_RE = /^(?:np|numpy)\.(?:float|int|uint)\d{0,3}\(/;
/** TensorFlow's repr, in a printed dict: `<tf.Tensor: shape=(), dtype=float32, numpy=2.5>`. */
const TF_REPR = '<tf.Tensor:';
/** Longest wrapper read: its arguments (device, dtype, grad_fn) are short. */
const MAX_WRAPPER = 240;

/**
 * Reads a number wrapped by the framework that computed it (a training loop printing the value
 * it holds instead of its `.item()`), at `i` of `text`: `tensor(2.5, ...)`,
 * `tensor([2.5])`, `tf.Tensor(2.5, shape=(), dtype=float32)`, `<tf.Tensor: ..., numpy=2.5>`,
 * `Array(2.5, dtype=float32)`, `DeviceArray(...)`, `array(...)`, `np.float64(2.5)`, Flux's
 * `param(2.5)`. A wrapper of
 * several numbers (`tensor([1.0, 2.0])`) is no value.
 *
 * @param text - A line or a value's text.
 * @param i - Where the wrapper would start.
 * @returns The value and the index just after the wrapper, or `undefined`.
 * @example
 * ```ts
 * readWrappedScalar('loss: tf.Tensor(0.69, shape=(), dtype=float32)', 6); // { value: 0.69, end: 46 }
 * ```
 */
export function readWrappedScalar(
  text: string,
  i: number,
): { value: number; end: number } | undefined {
  const c = text.charCodeAt(i);
  if (c === 60 /* < */) {
    if (!text.startsWith(TF_REPR, i)) return undefined;
    // Searched within the repr's bound only: a line of unclosed reprs stays linear.
    const repr = text.slice(i, i + MAX_WRAPPER);
    const close = repr.indexOf('>');
    const at = close < 0 ? -1 : repr.lastIndexOf('numpy=', close);
    if (at < 0) return undefined;
    const value = scalarIn(repr, at + 6, close);
    return value === undefined ? undefined : { value, end: i + close + 1 };
  }
  let open = -1;
  if (c === 110 /* n */) {
    if (text.startsWith('np.', i) || text.startsWith('numpy.', i)) {
      const m = NUMPY_SCALAR_RE.exec(text.slice(i, i + 20));
      if (m) open = i + m[0].length - 1;
    }
  } else {
    const call =
      c === 116 /* t */
        ? text.startsWith('tensor(', i)
          ? 'tensor('
          : text.startsWith('tf.Tensor(', i)
            ? 'tf.Tensor('
            : undefined
        : c === 65 /* A */
          ? 'Array('
          : c === 97 /* a */
            ? 'array('
            : c === 68 /* D */
              ? 'DeviceArray('
              : // Flux's tracked scalar (`loss(x, y) = param(0.0913291)`).
                c === 112 /* p */
                ? 'param('
                : undefined;
    if (call !== undefined && text.startsWith(call, i)) open = i + call.length - 1;
  }
  if (open < 0) return undefined;
  // The first argument ends at a comma outside brackets; the call at its closing parenthesis.
  const limit = Math.min(text.length, open + MAX_WRAPPER);
  let depth = 0;
  let argEnd = -1;
  for (let j = open + 1; j < limit; j++) {
    const d = text.charCodeAt(j);
    if (d === 40 || d === 91) depth++;
    else if (d === 41 || d === 93) {
      if (depth === 0) {
        if (d !== 41) return undefined;
        const value = scalarIn(text, open + 1, argEnd < 0 ? j : argEnd);
        return value === undefined ? undefined : { value, end: j + 1 };
      }
      depth--;
    } else if (d === 44 && depth === 0 && argEnd < 0) argEnd = j;
  }
  return undefined;
}

/** The one number between `from` and `to`, inside at most two list brackets (`[2.5]`, `[[2.5]]`). */
function scalarIn(text: string, from: number, to: number): number | undefined {
  let s = text.slice(from, to).trim();
  for (let k = 0; k < 2 && s.charCodeAt(0) === 91 && s.charCodeAt(s.length - 1) === 93; k++) {
    s = s.slice(1, -1).trim();
  }
  const first = s.charCodeAt(0);
  // A plain number (or nan/inf): never another wrapper, a list or a name.
  if (s.length === 0 || s.indexOf(',') >= 0 || s.indexOf('[') >= 0 || s.indexOf('(') >= 0) {
    return undefined;
  }
  if (!((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46)) {
    const lower = s.toLowerCase();
    if (lower !== 'nan' && lower !== 'inf' && lower !== 'infinity') return undefined;
  }
  return parsePlain(s);
}
