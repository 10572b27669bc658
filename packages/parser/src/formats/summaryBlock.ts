import { parseNumber } from '../parseNumber';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';

/** The block being read (`train`, `eval`, ...), if any. */
export interface SummaryBlockState {
  block: string | undefined;
}

const HEADER_RE = /^\*{3,}\s*(\w+) metrics\s*\*{3,}$/;
/** Vowpal Wabbit's `finished run` opens its totals (`average loss = 0.1`, `passes used = 4`). */
const RUN_TOTALS = 'finished run';

/**
 * The Trainer's end-of-run blocks: a `***** train metrics *****` (or `eval`, `predict`, `test`)
 * header, then one `  name = value` line per total, until a line of another shape. Every value is
 * an end-of-run total: it goes to the summary, never to a curve.
 *
 * ```
 * block := "***** " word " metrics *****" ("  " name " = " value)*
 * ```
 * Real lines: `***** train metrics *****`, `  train_loss               =       5.1964`,
 * `  total_flos               = 2738710179GF`.
 *
 * @param line - The line (prefixes removed).
 * @param state - The block being read.
 * @returns A summary record, `'consumed'` for the header, `undefined` for other lines.
 * @defaultValue undefined for lines outside a block
 * @example
 * ```ts
 * summaryBlockRecord('***** eval metrics *****', state); // 'consumed'
 * summaryBlockRecord('  eval_loss = 0.8106', state)?.metrics; // [['eval_loss', 0.8106]]
 * ```
 */
export function summaryBlockRecord(
  line: string,
  state: SummaryBlockState,
): LineRecord | 'consumed' | undefined {
  const t = line.trim();
  if (t === RUN_TOTALS) {
    state.block = 'run';
    return 'consumed';
  }
  if (t.charCodeAt(0) === 42) {
    const header = t.length <= 80 ? HEADER_RE.exec(t) : null;
    if (header) {
      state.block = header[1] as string;
      return 'consumed';
    }
  }
  if (state.block === undefined) return undefined;
  const eq = t.indexOf(' = ');
  if (eq <= 0) {
    state.block = undefined;
    return undefined;
  }
  const name = t.slice(0, eq).trim();
  const value = parseNumber(t.slice(eq + 3));
  // Names of the run's totals are words (`number of examples per pass`); the Trainer's are keys.
  if (value === undefined || name.length === 0 || (name.indexOf(' ') >= 0 && state.block !== 'run'))
    return 'consumed';
  return { format: 'hf-trainer', kind: 'summary', metrics: [[name, value]] };
}

/** The Trainer's `***** train metrics *****` blocks: end-of-run totals, to the summary. */
export const summaryBlockFormat = {
  id: 'hf-trainer' as const,
  name: 'Hugging Face Trainer metrics blocks',
  example: '***** train metrics *****',
  reads: 'line',
  createState: (): SummaryBlockState => ({ block: undefined }),
  claims: (_line, first, state) =>
    first === 42 /* * */ || first === 102 /* f */ || state.block !== undefined,
  read: summaryBlockRecord,
} satisfies LineFormat<'hf-trainer', SummaryBlockState>;
