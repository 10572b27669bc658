import type { LogFormat } from '../types';
import type { BoxState, TableState } from './table';

/**
 * What a format recogniser read from one line (or one joined multi-line record): metrics under their
 * canonical names, the kind of record and the step when the log printed one.
 *
 * @example
 * ```ts
 * const record: LineRecord = { format: 'nanogpt', kind: 'train', step: 10, metrics: [['loss', 3.2]] };
 * ```
 */
export interface LineRecord {
  /** The format that recognised the record. */
  format: LogFormat;
  /** `train` points, `eval` points (inherit the previous train step), or end-of-run `summary` totals. */
  kind: 'train' | 'eval' | 'summary';
  /** Step printed in the record itself (`explicit`). */
  step?: number | undefined;
  /** Step read from a progress bar that is part of the record itself (Lightning postfix bars). */
  progressStep?: number | undefined;
  /**
   * A counter that is the step only while it advances from record to record (an integer epoch
   * printed with per-epoch records): when two different records share it, records are counted.
   */
  weakStep?: number | undefined;
  /** `[name, value]` pairs, names already canonical, in print order. */
  metrics: Array<[string, number]>;
}

/**
 * Per-parse state that recognisers may read and update (context lines such as Keras `Epoch 3/10`
 * or a YOLO column header change how the next lines are read).
 *
 * @example
 * ```ts
 * const ctx: RecognizerContext = {
 *   kerasEpoch: undefined,
 *   yoloHeader: undefined,
 *   carried: new Map(),
 *   tableHeader: undefined,
 *   tableRow: undefined,
 *   signatures: new Map(),
 *   table: undefined,
 *   box: undefined,
 *   summaryBlock: undefined,
 *   zeroBasedEpochs: false,
 *   epochSteps: { firstEpoch: undefined, lastEpoch: undefined, lastStep: undefined, length: 0, inEpoch: false },
 * };
 * ```
 */
export interface RecognizerContext {
  /** Epoch announced by the last Keras `Epoch i/N` line. */
  kerasEpoch: number | undefined;
  /** Column names of the last YOLO table header, and whether it is the validation header. */
  yoloHeader: { columns: string[]; validation: boolean } | undefined;
  /** Last value of carried-forward metrics (NeMo/litgpt `val_loss` repeated on every line). */
  carried: Map<string, number>;
  /** Column names of a notebook results table being read. */
  tableHeader: string[] | undefined;
  /** Cells of the HTML table row being read. */
  tableRow: string[] | undefined;
  /**
   * Name sets of lines without metric words (`Num examples = 467`), with the values they had: such
   * a line is a record only when its names come back with other values.
   */
  signatures: Map<string, string>;
  /** The table whose rows are being read (header and separators). */
  table: TableState | undefined;
  /** The vertical `| name | value |` box being read. */
  box: BoxState | undefined;
  /** The `***** train metrics *****` block being read (`train`, `eval`, ...). */
  summaryBlock: string | undefined;
  /** An epoch 0 was printed: epochs count from 0 in this log. */
  zeroBasedEpochs: boolean;
  /** Steps printed beside epochs, to tell a global step from one that starts again each epoch. */
  epochSteps: {
    firstEpoch: number | undefined;
    lastEpoch: number | undefined;
    lastStep: number | undefined;
    /** Longest epoch seen, in steps. */
    length: number;
    inEpoch: boolean;
  };
}
