import { canonicalName } from '../canonicalName';
import { parseNumber } from '../parseNumber';
import type { LineRecord, RecognizerContext } from './LineRecord';

const CELL_RE = /<t([hd])[^>]*>(.*?)<\/t[hd]>/g;
const COLUMN_NAMES = new Map([
  ['Training Loss', 'loss'],
  ['Validation Loss', 'eval_loss'],
  ['Epoch', 'epoch'],
]);

/**
 * Hugging Face `NotebookProgressCallback` results tables (Jupyter/Colab): no dicts are printed, only a
 * table, exported as HTML or copied as text.
 *
 * Grammar:
 * ```
 * html   := "<table" ... "<th>" column "</th>"* ... ("<tr>" ("<td>" cell "</td>")* "</tr>")* "</table>"
 * text   := header (row)*    header := ("Step" | "Epoch") (sep column)*    sep := TAB | "  "+
 * cell   := number | "No log"                                  (rows may end with a Markdown " \")
 * ```
 * Real lines: `      <th>Training Loss</th>`, `      <td>0.819700</td>`, `Step     Training Loss \`,
 * `50       1.557800 \`. `Step` is the step; `Training Loss` → loss, `Validation Loss` → eval_loss,
 * `Epoch` → epoch; other columns keep their names; `No log` is a missing value.
 *
 * @param line - The line, prefixes removed.
 * @param ctx - Parser context (the header and the row being read).
 * @returns A record when a row is complete, else `undefined`.
 * @defaultValue undefined while a table is being read and for other lines
 * @example
 * ```ts
 * notebookTableRecord('Step     Training Loss', ctx); // undefined (header remembered)
 * notebookTableRecord('50       1.557800', ctx)?.step; // 50
 * ```
 */
export function notebookTableRecord(line: string, ctx: RecognizerContext): LineRecord | undefined {
  // A notebook row copied from a Markdown cell may end in a line-continuation backslash. Trimmed by
  // hand: the regex `\s*\\\s*$` retries its leading `\s*` from every space of a long blank run.
  let text = line.trimEnd();
  if (text.endsWith('\\')) text = text.slice(0, -1);
  text = text.trim();
  if (text.startsWith('<')) return readHtml(text, ctx);
  if (/^(?:Step|Epoch)(?:\t|\s{2,})/.test(text) && /Loss/.test(text)) {
    ctx.tableHeader = text.split(/\t|\s{2,}/);
    ctx.tableRow = undefined;
    return undefined;
  }
  const header = ctx.tableHeader;
  if (!header || ctx.tableRow !== undefined) return undefined;
  const cells = text.split(/\t|\s{2,}/);
  if (cells.length !== header.length || !/^\d/.test(text)) {
    ctx.tableHeader = undefined;
    return undefined;
  }
  return rowRecord(header, cells);
}

function readHtml(text: string, ctx: RecognizerContext): LineRecord | undefined {
  if (text.startsWith('<table')) {
    ctx.tableHeader = [];
    ctx.tableRow = undefined;
  }
  if (text.startsWith('</table')) {
    ctx.tableHeader = undefined;
    ctx.tableRow = undefined;
    return undefined;
  }
  const header = ctx.tableHeader;
  if (!header) return undefined;
  if (text.startsWith('<tr')) ctx.tableRow = [];
  CELL_RE.lastIndex = 0;
  for (let m = CELL_RE.exec(text); m !== null; m = CELL_RE.exec(text)) {
    if (m[1] === 'h') header.push((m[2] ?? '').trim());
    else ctx.tableRow?.push((m[2] ?? '').trim());
  }
  if (text.indexOf('</tr>') >= 0) {
    const row = ctx.tableRow;
    ctx.tableRow = undefined;
    if (row && row.length > 0) return rowRecord(header, row);
  }
  return undefined;
}

function rowRecord(header: readonly string[], cells: readonly string[]): LineRecord | undefined {
  const metrics: Array<[string, number]> = [];
  let step: number | undefined;
  for (let i = 0; i < cells.length && i < header.length; i++) {
    const value = parseNumber(cells[i] ?? '');
    if (value === undefined) continue;
    const column = header[i] ?? '';
    if (column === 'Step') {
      step = value;
      continue;
    }
    metrics.push([COLUMN_NAMES.get(column) ?? canonicalName(column), value]);
  }
  if (metrics.length === 0) return undefined;
  const record: LineRecord = { format: 'hf-trainer', kind: 'train', metrics };
  if (step !== undefined) record.step = step;
  return record;
}
