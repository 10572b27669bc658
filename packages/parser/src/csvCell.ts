import { escapeCsvCell } from '@trainviz/client/series';

/**
 * Writes one text cell of a CSV file (RFC 4180) so that a spreadsheet shows exactly the text:
 * a cell with a comma, a quote or a line break is quoted (inner quotes doubled), and a cell a
 * spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return) gets a leading `'`, as OWASP recommends against CSV injection. Numbers such as `-0.5`
 * or `+1e-5` stay numbers. Metric names come from the log, so a log can hold `=HYPERLINK(...)`.
 * The same function as `escapeCsvCell` of `@trainviz/client`, built into this package.
 *
 * @param text - The cell's text, e.g. a metric name.
 * @returns The text to write between two commas.
 * @example
 * ```ts
 * csvCell('loss'); // 'loss'
 * csvCell('=1+1'); // "'=1+1"
 * csvCell('-0.5'); // '-0.5'
 * csvCell('top-1, val'); // '"top-1, val"'
 * ```
 */
export function csvCell(text: string): string {
  return escapeCsvCell(text);
}
