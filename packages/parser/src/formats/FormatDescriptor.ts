import type { LineRecord } from './LineRecord';
import type { FlatObject } from './objectRecord';
import type { ProgressBar } from './progressBar';

/** What a format tells the docs, the CLI and `--help` about itself. */
interface FormatInfo<Id extends string> {
  /** The id a result reports (`ParseResult.format`, `trainviz-parse --format`). */
  readonly id: Id;
  /** The trainers that print it. */
  readonly name: string;
  /** A real line of the format, as printed. */
  readonly example: string;
}

/**
 * A format read line by line. The engine offers each text line (prefixes removed) to the line
 * formats in registry order: the first whose `claims` accepts the line reads it.
 *
 * @example
 * ```ts
 * const format: LineFormat<'mlx-lm', undefined> = {
 *   id: 'mlx-lm',
 *   name: 'MLX-LM',
 *   example: 'Iter 10: Train loss 2.662, It/sec 0.490',
 *   reads: 'line',
 *   createState: () => undefined,
 *   claims: (line, first) => first === 73,
 *   read: (line) => mlxLmRecord(line),
 * };
 * ```
 */
export interface LineFormat<Id extends string = string, State = unknown> extends FormatInfo<Id> {
  readonly reads: 'line';
  /** The format's own state for one parse (a table header, the last epoch line), if any. */
  createState(): State;
  /** A cheap test (first character, `indexOf`): may the line be of this format? */
  claims(line: string, first: number, state: State): boolean;
  /**
   * Reads a claimed line: a record, `'consumed'` when the line belongs to the format but holds
   * no record (a header), or `undefined` to let the next formats try. `counter` is the number of
   * an `N:` prefix the transport stripped (an `srun -l` rank, or a trainer's own counter).
   */
  read(line: string, state: State, counter?: number): LineRecord | 'consumed' | undefined;
}

/**
 * A format whose records are one dict or JSON object (one line, or several joined). The engine
 * offers each object to the object formats in registry order.
 *
 * @example
 * ```ts
 * const format: ObjectFormat<'jsonl'> = {
 *   id: 'jsonl',
 *   name: 'JSON lines',
 *   example: '{"step": 10, "loss": 2.3}',
 *   reads: 'object',
 *   claimsObject: () => true,
 *   readObject: jsonLinesRecord,
 * };
 * ```
 */
export interface ObjectFormat<Id extends string = string> extends FormatInfo<Id> {
  readonly reads: 'object';
  /** Whether the object is of this format (`pretty`: it came from a pretty-printed JSON file). */
  claimsObject(object: FlatObject, pretty: boolean): boolean;
  readObject(object: FlatObject): LineRecord | undefined;
}

/**
 * A format printed as a progress bar's description or postfix (`Epoch 0: 22%|...| 4/18 [...,
 * loss=9.926]`).
 *
 * @example
 * ```ts
 * const format: BarFormat<'lightning'> = {
 *   id: 'lightning',
 *   name: 'PyTorch Lightning',
 *   example: 'Epoch 0:  22%|██▏       | 4/18 [00:17<01:02,  4.47s/it, loss=9.926]',
 *   reads: 'bar',
 *   readBar: lightningRecord,
 * };
 * ```
 */
export interface BarFormat<Id extends string = string> extends FormatInfo<Id> {
  readonly reads: 'bar';
  readBar(bar: ProgressBar): LineRecord | undefined;
}

/** Any format of the registry. */
export type FormatDescriptor = LineFormat<string, unknown> | ObjectFormat | BarFormat;
