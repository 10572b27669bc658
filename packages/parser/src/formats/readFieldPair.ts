import { parseNumber } from '../parseNumber';

const COLON_RE = /^([^:=]*?[^\s:=])\s*[:=]\s*(.+)$/;
const KEY_VALUE_RE =
  /^(.*?[A-Za-z@)\]][^\s]*?)\s+([-+]?(?:\d[\d,]*\.?\d*(?:[eE][-+]?\d+)?|\.\d+|nan|inf)\S*(?:\s*\(\+nanz\))?)(?:\s+[A-Za-z]{1,3})?$/i;
const VALUE_KEY_RE = /^([-+]?\d[\d,]*\.?\d*(?:[eE][-+]?\d+)?%?)\s*([A-Za-z][\w/ ]*)$/;

/**
 * Reads one field of a separated metric line (`|`, `, ` or ` - ` separated) as `[key, value]`:
 * `lm loss: 2.504220E+00`, `loss=11.521`, `loss 6.326`, `loss     nan (+nanz)`, `Peak mem 9.707 GB`,
 * or value-first `36.58 ms`. A trailing running average in parentheses (`0.0276 (0.0314)`) is ignored.
 *
 * @param field - One field, surrounding spaces allowed.
 * @returns The pair, or `undefined` when the field holds no key/number pair (`eta: 0:01:54`).
 * @defaultValue undefined for fields that are not a key and a number
 * @example
 * ```ts
 * readFieldPair(' learning rate: 9.150E-06 '); // ['learning rate', 0.00000915]
 * readFieldPair('loss 6.326'); // ['loss', 6.326]
 * ```
 */
export function readFieldPair(field: string): [string, number] | undefined {
  const f = field.trim();
  if (f.length === 0) return undefined;
  const colon = COLON_RE.exec(f);
  if (colon) {
    const value = readLeadingValue(colon[2] ?? '');
    if (value !== undefined) return [(colon[1] ?? '').trim(), value];
    return undefined;
  }
  const kv = KEY_VALUE_RE.exec(f);
  if (kv) {
    const value = readLeadingValue(kv[2] ?? '');
    if (value !== undefined) return [(kv[1] ?? '').trim(), value];
  }
  const withAverage = /^(.*?[A-Za-z@][^\s]*?)\s+(\S+)\s*\([^)]*\)$/.exec(f);
  if (withAverage) {
    const value = parseNumber(withAverage[2] ?? '');
    if (value !== undefined) return [(withAverage[1] ?? '').trim(), value];
  }
  const vk = VALUE_KEY_RE.exec(f);
  if (vk) {
    const value = parseNumber(vk[1] ?? '');
    if (value !== undefined) return [(vk[2] ?? '').trim(), value];
  }
  return undefined;
}

/** A value possibly followed by a running average `(0.0314)` or a unit word (`9.707 GB`). */
function readLeadingValue(text: string): number | undefined {
  const t = text.trim();
  const direct = parseNumber(t);
  if (direct !== undefined) return direct;
  const paren = t.indexOf('(');
  if (paren > 0 && !/^(?:np\.|numpy\.|tensor)/.test(t)) {
    const head = parseNumber(t.slice(0, paren));
    if (head !== undefined) return head;
  }
  const space = t.search(/\s/);
  if (space > 0) return parseNumber(t.slice(0, space));
  return undefined;
}
