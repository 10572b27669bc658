const BRACKET_PREFIX_RE = /^\[(?:rank\d+|[\w-]+\|\d+|RANK:?\d+)\]:\s*/i;
const HTML_TAG_RE =
  /^<\/?(?:code|pre|samp|kbd|p|br|div|span|details|summary|b|i|tt)\b[^<>]{0,32}>/i;
const RAY_PREFIX_RE = /^\(\w+ pid=\d+(?:, ip=[\d.]+)?\)\s*/;
const SRUN_PREFIX_RE = /^\d{1,4}:\s+/;
const TIMESTAMP_RE = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?\s+(?=[a-zA-Z])/;

/**
 * Removes what wraps a record without being part of it: leading spaces, `> ` quote marks, ANSI colour
 * codes (with or without their ESC byte), `[rank0]:`/`[trainer0|0]:`, `(main_task pid=1) `,
 * `srun -l` rank numbers, `[INFO|trainer.py:3910] ... >> ` and user timestamps before `iter`.
 *
 * @param line - A raw line.
 * @returns The line from its first character of data.
 * @example
 * ```ts
 * stripPrefixes('[rank0]: {\'loss\': 1.2}'); // "{'loss': 1.2}"
 * ```
 */
export function stripPrefixes(line: string): string {
  let s = line;
  if (s.indexOf('\x1b') >= 0) s = s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  if (s.indexOf('[0m') >= 0) s = s.replace(/\[[0-9;]*m/g, '');
  let i = 0;
  const n = s.length;
  for (let guard = 0; guard < 8; guard++) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    if (i >= n) return '';
    const c = s.charCodeAt(i);
    if (c === 62 /* > */) {
      if (i + 1 >= n || s.charCodeAt(i + 1) === 32) {
        i++;
        continue;
      }
      break;
    }
    if (c === 91 /* [ */) {
      const rest = s.slice(i, i + 200);
      const m = BRACKET_PREFIX_RE.exec(rest);
      if (m) {
        i += m[0].length;
        continue;
      }
      const arrows = rest.indexOf(' >> ');
      if (arrows > 0 && /^\[[A-Z]+\|/.test(rest)) {
        i += arrows + 4;
        continue;
      }
      break;
    }
    if (c === 60 /* < */) {
      // HTML left by a paste (`<code>iter 1 ...`, `<pre>`): not part of the record.
      const m = HTML_TAG_RE.exec(s.slice(i, i + 48));
      if (m) {
        i += m[0].length;
        continue;
      }
      break;
    }
    if (c === 40 /* ( */) {
      const m = RAY_PREFIX_RE.exec(s.slice(i, i + 80));
      if (m) {
        i += m[0].length;
        continue;
      }
      break;
    }
    if (c >= 48 && c <= 57) {
      const rest = s.slice(i, i + 40);
      const m = SRUN_PREFIX_RE.exec(rest) ?? TIMESTAMP_RE.exec(rest);
      if (m) {
        i += m[0].length;
        continue;
      }
    }
    break;
  }
  return i === 0 ? s : s.slice(i);
}
