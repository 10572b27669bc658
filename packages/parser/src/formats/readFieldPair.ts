import { parseNumber } from '../parseNumber';

/**
 * Reads one field of a separated metric line (`|`, `, ` or ` - ` separated) as `[key, value]`:
 * `lm loss: 2.504220E+00`, `loss=11.521`, `loss 6.326`, `loss     nan (+nanz)`, `Peak mem 9.707 GB`,
 * or value-first `36.58 ms`. A trailing running average in parentheses (`0.0276 (0.0314)`) is ignored.
 * A hand-written scan, linear in the field's length (no backtracking regular expression).
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
  // `key: value` / `key=value`: the key is the text before the first `:` or `=`.
  const colon = firstOf(f, 58, 61);
  if (colon >= 0) {
    const key = f.slice(0, colon).trim();
    if (key.length === 0) return undefined;
    const value = readLeadingValue(f.slice(colon + 1));
    return value === undefined ? undefined : [key, value];
  }
  const words = splitWords(f);
  // `key value [unit]` and `key value (average)`: the value is the last number-looking word,
  // followed by nothing, a short unit, `(+nanz)` or a parenthesised running average.
  for (let v = words.length - 1; v >= 1; v--) {
    const word = words[v] as Word;
    if (!looksNumeric(word.text)) continue;
    const rest = f.slice(word.end).trim();
    if (
      rest.length > 0 &&
      !isShortUnit(rest) &&
      !(rest.startsWith('(') && rest.endsWith(')') && rest.indexOf('(', 1) < 0)
    ) {
      continue;
    }
    const key = f.slice(0, word.start).trim();
    if (!hasKeyCharacter(key)) return undefined;
    const value =
      parseNumber(word.text) ?? (rest === '(+nanz)' ? parseNumber(word.text) : undefined);
    return value === undefined ? undefined : [key, value];
  }
  // `36.58 ms`, `112241 tok/s`: a number first, then a name.
  const first = words[0];
  if (first !== undefined && words.length >= 2 && looksNumeric(first.text)) {
    const value = parseNumber(first.text);
    const name = f.slice(first.end).trim();
    // `77.5 M`, `1.2 K` (a model summary's parameter count): a magnitude letter, not a name.
    if (name.length === 1 && 'KMGTB'.indexOf(name) >= 0) return undefined;
    if (value !== undefined && /^[A-Za-z][\w/ ]*$/.test(name)) return [name, value];
  }
  return undefined;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

function splitWords(text: string): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < n && !isSpace(text.charCodeAt(i))) i++;
    if (i > start) out.push({ text: text.slice(start, i), start, end: i });
  }
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x2028 || c === 0x2029 || c === 160;
}

function firstOf(text: string, a: number, b: number): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === a || c === b) return i;
  }
  return -1;
}

function looksNumeric(word: string): boolean {
  const c = word.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 46) return true;
  if (c === 45 || c === 43) {
    const d = word.charCodeAt(1);
    return (d >= 48 && d <= 57) || d === 46 || /^[-+](?:nan|inf)/i.test(word);
  }
  return /^(?:nan|inf)/i.test(word);
}

function isShortUnit(rest: string): boolean {
  if (rest === '(+nanz)') return true;
  if (rest.length > 3) return false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
  }
  return true;
}

function hasKeyCharacter(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 64 || c === 41 || c === 93)
      return true;
  }
  return false;
}

/** A value possibly followed by a running average `(0.0314)` or a unit word (`9.707 GB`). */
function readLeadingValue(text: string): number | undefined {
  const t = text.trim();
  const direct = parseNumber(t);
  if (direct !== undefined) return direct;
  const paren = t.indexOf('(');
  if (paren > 0 && !t.startsWith('np.') && !t.startsWith('numpy.') && !t.startsWith('tensor')) {
    const head = parseNumber(t.slice(0, paren));
    if (head !== undefined) return head;
  }
  let space = -1;
  for (let i = 0; i < t.length; i++) {
    if (isSpace(t.charCodeAt(i))) {
      space = i;
      break;
    }
  }
  if (space > 0) return parseNumber(t.slice(0, space));
  return undefined;
}
