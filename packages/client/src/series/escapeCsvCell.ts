// A plain decimal or exponent number, which a spreadsheet reads as a number. `-Infinity` is not one
// to a spreadsheet (it reads a formula naming `Infinity`), so such a name is prefixed like text.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * One CSV cell of text, safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return and is not a number is prefixed with `'` (so a metric named
 * `=1+1` or `@SUM(A1)` is shown as text, never run as a formula, per OWASP's CSV injection
 * advice), then a cell holding `"`, `,` or a line break is quoted with its quotes doubled.
 *
 * @param text - the cell's text (a metric or run name)
 * @returns the cell as it goes between the commas
 *
 * @example
 * ```ts
 * escapeCsvCell('rewards/chosen'); // 'rewards/chosen'
 * escapeCsvCell('=1+1'); // "'=1+1"
 * escapeCsvCell('-0.5'); // '-0.5'
 * escapeCsvCell('@SUM(A1)'); // "'@SUM(A1)"
 * escapeCsvCell('acc,top5'); // '"acc,top5"'
 * ```
 */
export function escapeCsvCell(text: string): string {
  const cell = /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
