/** Full-width ASCII forms, ideographic punctuation and the spaces other than U+0020. */
const WIDE_RE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000-\u3002\uff01-\uff5e]/;
const WIDE_ALL_RE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000-\u3002\uff01-\uff5e]/g;

/**
 * Whether a line holds full-width punctuation (`训练次数：100，Loss：2.29`, as Chinese and Japanese
 * keyboards type it) or a space other than U+0020 (a no-break space from a copied web page).
 */
export function hasWideCharacter(line: string): boolean {
  return WIDE_RE.test(line);
}

/**
 * The line with full-width ASCII forms as ASCII (`：` is `:`, `，` is `,`, `０` is `0`), the
 * ideographic comma and full stop as `,` and `.`, and every other space as a plain space, so the
 * grammar reads `epoch：1，loss：0.5321` as `epoch:1,loss:0.5321`.
 *
 * @example
 * ```ts
 * normalizeWidth('训练次数：100，Loss：2.29'); // '训练次数:100,Loss:2.29'
 * ```
 */
export function normalizeWidth(line: string): string {
  return line.replace(WIDE_ALL_RE, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xff01) return String.fromCharCode(code - 0xfee0);
    if (code === 0x3001) return ',';
    if (code === 0x3002) return '.';
    return ' ';
  });
}
