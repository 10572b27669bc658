import { parseNumber } from '../parseNumber';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';

/** The column names of the last header, whether it is the validation header, and the last validation header's columns. */
export interface YoloState {
  header: { columns: string[]; validation: boolean; barRequired?: true } | undefined;
  validationColumns: string[] | undefined;
}

/**
 * Ultralytics YOLO (v5 and v8+) training tables: a column header, then one row per epoch with the
 * final tqdm state glued to it, then a validation header and an `all` row.
 *
 * Grammar:
 * ```
 * header   := "Epoch" (" "+ column)+          (columns: GPU_mem box_loss cls_loss dfl_loss Instances Size)
 * row      := epoch "/" epochs (" "+ value)+ ": " pct "%|" bar "| " n "/" N " [" ... "]"
 * valhead  := "Class" " "+ "Images" (" "+ column)+ [": " bar]
 * valrow   := "all" (" "+ value)+
 * ```
 * YOLOv7 prints an epoch's `all` row late, under the next epoch's header: an `all` row under a
 * training header is read with the columns of the last validation header (none seen yet: skipped).
 * Real lines: `      Epoch    GPU_mem   box_loss   cls_loss   dfl_loss  Instances       Size`,
 * `    70/1000      6.73G      1.081     0.4706      1.084         10        640: 100%|██████████| 16/16 [00:05<00:00,  2.78it/s]`,
 * `                   all        722       1444      0.989       0.99      0.993      0.681`.
 * Columns are positional, so they are read by the header; the epoch is the step. `Box(P` is `P`.
 * Reported as the `generic` format (YOLO has no id of its own in `LogFormat`).
 *
 * @param line - The line.
 * @param ctx - Parser context (the current header).
 * @returns The record, or `undefined` for headers and other lines.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * yoloRecord('Epoch GPU_mem box_loss', ctx); // undefined (header remembered)
 * ```
 */
export function yoloRecord(line: string, state: YoloState): LineRecord | 'consumed' | undefined {
  const trimmed = line.trim();
  if (/^Epoch\s+(?:GPU_mem|gpu_mem)\s/.test(trimmed)) {
    state.header = { columns: trimmed.split(/\s+/), validation: false };
    return undefined;
  }
  if (isLossHeader(trimmed)) {
    // YOLOv6 (meituan): `Epoch  iou_loss  dfl_loss  cls_loss` (or with `lr`), no GPU_mem column;
    // its rows are read only with their tqdm bar, so no other `Epoch ...` table is taken for it.
    state.header = { columns: trimmed.split(/\s+/), validation: false, barRequired: true };
    return undefined;
  }
  if (/^Class\s+Images\s/.test(trimmed)) {
    // `mAP@.5:.95: 100%|...`: the bar follows a colon and a space; a colon inside a name stays.
    const head = trimmed.split(': ')[0] ?? '';
    const columns = head
      .split(/\s+/)
      .map((c) => c.replace(/^Box\(|^Mask\(|\)$/g, ''))
      .filter((c) => c.length > 0);
    state.header = { columns, validation: true };
    state.validationColumns = columns;
    return undefined;
  }
  const header = state.header;
  if (!header) return undefined;
  const body = (trimmed.split(': ')[0] ?? '').trim();
  const cells = body.split(/\s+/);
  if (cells[0] === 'all' && cells.length >= 2) {
    const columns = header.validation ? header.columns : state.validationColumns;
    if (!columns) return 'consumed';
    const metrics: Array<[string, number]> = [];
    for (let i = 1; i < cells.length && i < columns.length; i++) {
      const value = parseNumber(cells[i] ?? '');
      if (value !== undefined) metrics.push([columns[i] ?? `col${i}`, value]);
    }
    if (metrics.length === 0) return undefined;
    return { format: 'yolo', kind: 'eval', metrics };
  }
  if (header.validation) return undefined;
  if (header.barRequired === true && !/^\d+\/\d+\s.*: +\d{1,3}%\|/.test(trimmed)) return undefined;
  const epoch = /^(\d+)\/(\d+)$/.exec(cells[0] ?? '');
  if (!epoch || cells.length < 2) return undefined;
  const metrics: Array<[string, number]> = [['epoch', Number(epoch[1])]];
  for (let i = 1; i < cells.length && i < header.columns.length; i++) {
    const value = parseNumber(cells[i] ?? '');
    if (value !== undefined) metrics.push([header.columns[i] ?? `col${i}`, value]);
  }
  return { format: 'yolo', kind: 'train', step: Number(epoch[1]), metrics };
}

/** A snake_case column name (`iou_loss`, `lr`). */
const SNAKE_NAME_RE = /^[a-z][a-z0-9_]{0,30}$/;

/** `Epoch` and two to twelve snake_case column names, one a `*_loss` (YOLOv6's header). */
function isLossHeader(trimmed: string): boolean {
  if (!trimmed.startsWith('Epoch ') || trimmed.length > 240) return false;
  const columns = trimmed.split(/ +/);
  if (columns.length < 3 || columns.length > 13) return false;
  let losses = 0;
  for (let i = 1; i < columns.length; i++) {
    const column = columns[i] as string;
    if (!SNAKE_NAME_RE.test(column)) return false;
    if (column.endsWith('_loss')) losses++;
  }
  return losses > 0;
}

/** YOLO / ultralytics: positional columns named by a header row. */
export const yoloFormat = {
  id: 'yolo' as const,
  name: 'YOLO (ultralytics, YOLOv5)',
  example:
    '    70/1000      6.73G      1.081     0.4706      1.084         10        640: 100%|██████████| 16/16',
  reads: 'line',
  createState: (): YoloState => ({ header: undefined, validationColumns: undefined }),
  claims: (line, first, state) =>
    state.header !== undefined || first === 67 /* C */ || line.startsWith('Epoch '),
  read: yoloRecord,
} satisfies LineFormat<'yolo', YoloState>;
