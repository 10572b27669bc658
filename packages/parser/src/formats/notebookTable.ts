import { canonicalName } from '../canonicalName';
import { parseNumber } from '../parseNumber';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';

/** The header cells of the HTML table being read, and the cells of its open row. */
export interface NotebookTableState {
  header: string[] | undefined;
  row: string[] | undefined;
}

const COLUMN_NAMES = new Map([
  ['Training Loss', 'loss'],
  ['Validation Loss', 'eval_loss'],
  ['Epoch', 'epoch'],
]);

/**
 * The Trainer's notebook callback rendered as HTML by nbconvert: `<table class="dataframe">` with
 * `Epoch` or `Step`, `Training Loss`, `Validation Loss` and metric columns, one `<tr>` per record
 * (cells on one line or spread over several). `No log` is no value. Text copies of the same table
 * are read by the general table reader (`table.ts`).
 *
 * @param line - The line.
 * @param state - The header and the row being read.
 * @returns The record of a completed row, `'consumed'` for other lines of the table.
 * @defaultValue 'consumed' inside a table
 * @example
 * ```ts
 * notebookTableRecord('<tr><td>1</td><td>0.819700</td></tr>', state)?.metrics;
 * ```
 */
export function notebookTableRecord(
  line: string,
  state: NotebookTableState,
): LineRecord | 'consumed' | undefined {
  const text = line.trim();
  if (text.startsWith('<table')) {
    state.header = [];
    state.row = undefined;
  }
  if (text.startsWith('</table')) {
    state.header = undefined;
    state.row = undefined;
    return 'consumed';
  }
  const header = state.header;
  if (!header) return undefined;
  if (text.startsWith('<tr')) state.row = [];
  // `<th ...>cell</th>` and `<td ...>cell</td>`, found with indexOf from left to right (linear).
  let at = text.indexOf('<t');
  while (at >= 0) {
    const kind = text.charCodeAt(at + 2);
    const open = text.indexOf('>', at);
    if (open < 0) break;
    if (kind === 104 /* h */ || kind === 100 /* d */) {
      const close = text.indexOf('</t', open);
      if (close < 0) break;
      const cell = text.slice(open + 1, close).trim();
      if (kind === 104) header.push(cell);
      else state.row?.push(cell);
      at = text.indexOf('<t', close + 3);
    } else at = text.indexOf('<t', open);
  }
  if (text.indexOf('</tr>') >= 0) {
    const row = state.row;
    state.row = undefined;
    if (row && row.length > 0) return rowRecord(header, row) ?? 'consumed';
  }
  return 'consumed';
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
  const record: LineRecord = { format: 'hf-notebook', kind: 'train', metrics };
  if (step !== undefined) record.step = step;
  return record;
}

/** Hugging Face notebooks: the Trainer's results table as nbconvert HTML. */
export const notebookTableFormat = {
  id: 'hf-notebook' as const,
  name: 'Hugging Face notebook results table (nbconvert HTML; text copies via the table reader)',
  example: '<tr><td>1</td><td>0.819700</td><td>0.309461</td><td>0.905000</td></tr>',
  reads: 'line',
  createState: (): NotebookTableState => ({ header: undefined, row: undefined }),
  claims: (_line, first, state) => first === 60 /* < */ || state.header !== undefined,
  read: notebookTableRecord,
} satisfies LineFormat<'hf-notebook', NotebookTableState>;
