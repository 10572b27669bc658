/** A plain decimal or exponent number, or an infinity: safe in a spreadsheet as it is. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?Infinity$/;

/**
 * One CSV cell of text that a spreadsheet shows as text: a cell starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return that is not a number gets a leading `'` (no formula runs), and
 * a cell holding `"`, `,` or a line break is quoted. The same rule as `escapeCsvCell` of
 * `@trainviz/client`, kept here because the parser has no dependencies.
 *
 * @example
 * ```ts
 * csvCell('=1+1'); // "'=1+1"
 * ```
 */
export function csvCell(text: string): string {
  const cell = /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
