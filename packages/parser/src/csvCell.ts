// A plain decimal or scientific number: a spreadsheet reads it as a number, never as a formula.
const NUMBER_RE = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Writes one text cell of a CSV file (RFC 4180) so that a spreadsheet shows exactly the text:
 * a cell with a comma, a quote or a line break is quoted (inner quotes doubled), and a cell a
 * spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return) gets a leading `'`, as OWASP recommends against CSV injection. Numbers such as `-0.5`
 * or `+1e-5` stay numbers. Metric names come from the log, so a log can hold `=HYPERLINK(...)`.
 *
 * @param text - The cell's text, e.g. a metric name.
 * @returns The text to write between two commas.
 * @defaultValue the text unchanged when it needs neither quoting nor a prefix
 * @example
 * ```ts
 * csvCell('loss'); // 'loss'
 * csvCell('=1+1'); // "'=1+1"
 * csvCell('@SUM(A1)'); // "'@SUM(A1)"
 * csvCell('-0.5'); // '-0.5'
 * csvCell('top-1, val'); // '"top-1, val"'
 * ```
 */
export function csvCell(text: string): string {
  let cell = text;
  const c = cell.charCodeAt(0);
  // = + - @ tab CR
  if (
    (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) &&
    !NUMBER_RE.test(cell)
  ) {
    cell = `'${cell}`;
  }
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
