/**
 * Position of a tqdm progress bar: `n` of `total`, with the text before the percentage
 * (`description`) and the postfix after the rate (`postfix`, Lightning's `loss=..., v_num=...`).
 *
 * @example
 * ```ts
 * const bar: ProgressBar = { n: 100, total: 7252, description: '', postfix: '', unit: 's/it' };
 * ```
 */
export interface ProgressBar {
  n: number;
  total: number;
  description: string;
  postfix: string;
  /** Unit of the rate (`it/s`, `s/it`, `examples/s`, `ba/s`), `''` when the bar prints no rate. */
  unit: string;
}

/**
 * Reads a tqdm bar line without a regex: `⟨desc⟩:  22%|██▏       | 4/18 [00:17<01:02,  4.47s/it, loss=9.926]`.
 *
 * Grammar:
 * ```
 * bar := [desc ":"] " "* pct "%|" barchars "| " n "/" total " [" elapsed "<" eta ", " rate ["," postfix] "]"
 * ```
 * Real line: ` 32%|███▏      | 281/873 [25:36<52:46,  5.35s/it]`.
 *
 * @param line - A line containing `%|`.
 * @param percentAt - Index of `%|` in the line.
 * @returns The bar, or `undefined` when the `n/total` part is missing.
 * @defaultValue undefined when the line is not a readable bar
 * @example
 * ```ts
 * readProgressBar(' 1%|▉ | 100/7252 [24:16<29:02:42, 14.62s/it]', 2)?.n; // 100
 * ```
 */
export function readProgressBar(line: string, percentAt: number): ProgressBar | undefined {
  const pipe = line.indexOf('| ', percentAt + 2);
  if (pipe < 0) return undefined;
  let i = pipe + 2;
  const len = line.length;
  while (i < len && line.charCodeAt(i) === 32) i++;
  let n = 0;
  let digits = 0;
  while (i < len) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
    digits++;
    i++;
  }
  if (digits === 0 || line.charCodeAt(i) !== 47) return undefined;
  i++;
  let total = 0;
  digits = 0;
  while (i < len) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
    total = total * 10 + (c - 48);
    digits++;
    i++;
  }
  if (digits === 0) return undefined;
  let description = line.slice(0, percentAt);
  const lastSpace = description.trimEnd().lastIndexOf(' ');
  description = lastSpace >= 0 ? description.slice(0, lastSpace) : '';
  let postfix = '';
  let unit = '';
  const open = line.indexOf('[', i);
  if (open >= 0) {
    unit = rateUnit(line, open, len);
    const eq = line.indexOf('=', open);
    if (eq >= 0) {
      const close = line.indexOf(']', eq);
      const body = line.slice(open + 1, close < 0 ? len : close);
      const parts = body.split(', ');
      postfix = parts.slice(2).join(', ');
    } else if (line.indexOf(': ', open) > 0) {
      // `[05:33<76:37:59, 11.51s/it, lr: 1.0e-04 loss: 5.397e-01]` (ai-toolkit): a postfix of
      // `name: value` pairs, set with `set_postfix_str` (a plain bar has no `: ` and is not split).
      const close = line.indexOf(']', open);
      const body = line.slice(open + 1, close < 0 ? len : close);
      const parts = body.split(', ');
      const rest = parts.slice(2).join(', ');
      if (rest.indexOf(': ') > 0) postfix = rest;
    }
  }
  return { n, total, description, postfix, unit };
}

/** The unit of the rate after `[elapsed<eta, `: `14.62s/it` gives `s/it`, `15000.00 examples/s` gives `examples/s`. */
function rateUnit(line: string, open: number, len: number): string {
  const comma = line.indexOf(', ', open);
  if (comma < 0) return '';
  let i = comma + 2;
  while (i < len) {
    const c = line.charCodeAt(i);
    // Digits, `.`, spaces and tqdm's `?` (no rate yet) come before the unit.
    if ((c >= 48 && c <= 57) || c === 46 || c === 32 || c === 63) i++;
    else break;
  }
  let j = i;
  while (j < len) {
    const c = line.charCodeAt(j);
    if (c === 44 || c === 93 || c === 32) break;
    j++;
  }
  return line.slice(i, j);
}
