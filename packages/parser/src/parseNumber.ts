/**
 * Reads one metric value as a trainer printed it, in every spelling seen in real logs:
 * integers, decimals, scientific notation (`1e-05`, `9.150E-06`, `1.04e-5`), a trailing dot (`517.`),
 * thousands separators (`13,448`), unit suffixes (`561.94ms`, `0.868G`, `15.34%`, `22.80s/it`),
 * `nan` / `inf` / `-inf` (also `nan (+nanz)`), `np.float64(1.2)`, `tensor(1.2, device='cuda:0')`,
 * numpy's `array(0.5, dtype=float32)` and quoted numbers (`'3.4'`, `"0.00"`).
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
  if (c === 110 || c === 116 || c === 97) {
    // np.float64(x), np.float32(x), tensor(x, device=...), a numpy scalar array(x, dtype=float32)
    const open = s.indexOf('(');
    if (
      open > 0 &&
      /^(?:np\.float\d+|numpy\.float\d+|np\.int\d+|tensor|array)$/.test(s.slice(0, open))
    ) {
      const close = s.lastIndexOf(')');
      if (close < open) return undefined;
      let inner = s.slice(open + 1, close);
      const comma = inner.indexOf(',');
      if (comma >= 0) inner = inner.slice(0, comma);
      return parseNumber(inner);
    }
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
