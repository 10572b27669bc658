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
  /** The id of the format that recognised the record (an id of the registry). */
  format: string;
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
  /**
   * The weak counter is printed as the end of its epoch (`Finished Epoch[17 of 30]: ...`): at the
   * epoch of the record before it, it takes that step (the later value wins) instead of counting.
   */
  epochEnd?: true;
  /**
   * The line is the tail of a cut line (`36.9 | grad_norm: 1.27`): it continues the record before
   * it when it shares no metric with it, else it is a fragment and no record.
   */
  tail?: true;
  /**
   * The record was read from a progress bar's description (`164.7s - loss: 1.203 - acc: 75.0:
   * 100%|...`): the running values of an epoch, which the epoch's own line below replaces.
   */
  barDescription?: true;
  /**
   * The step is an identifier (a search's trial number): trials finish out of order, so a step
   * lower than the one before is no restart.
   */
  unordered?: true;
  /**
   * The record is a result beside the curve (a search trial's objective): a point only when no
   * other format gave records, else a summary total.
   */
  aside?: true;
  /** `[name, value]` pairs, names already canonical, in print order. */
  metrics: Array<[string, number]>;
}
