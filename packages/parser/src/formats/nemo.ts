import { canonicalName } from '../canonicalName';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';

/** The last `val_loss` printed: NeMo repeats it on every line until the next evaluation. */
export interface NemoState {
  evalLoss: number | undefined;
}

import { readFieldPair } from './readFieldPair';

/**
 * NeMo 2.0 console lines (NeMo 1.x prints a Lightning bar, read by the Lightning recogniser).
 *
 * Grammar:
 * ```
 * line := "Training epoch " int ", iteration " int "/" int (" | " key ": " value)*
 * ```
 * Real line: `Training epoch 0, iteration 120/149 | lr: 3e-05 | consumed_samples: 121 | global_batch_size: 1 | global_step: 120 | reduced_train_loss: 1.233 | train_step_timing in s: 0.03146 | val_loss: 4.106`.
 * `global_step` is the step (else the iteration); `reduced_train_loss` is the loss. `val_loss` is
 * the last validation result repeated on every line, so it becomes a point only when it changes.
 *
 * @param line - The line.
 * @param ctx - Parser context (remembers the carried `val_loss`).
 * @returns The record, or `undefined` for other lines.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * nemoRecord('Training epoch 0, iteration 3/9 | global_step: 3 | reduced_train_loss: 8.5', ctx)?.step; // 3
 * ```
 */
export function nemoRecord(line: string, state: NemoState): LineRecord | undefined {
  const m = /^Training epoch (\d+), iteration (\d+)\/\d+/.exec(line);
  if (!m) return undefined;
  let step = Number(m[2]);
  const metrics: Array<[string, number]> = [];
  const fields = line.split('|');
  for (let i = 1; i < fields.length; i++) {
    const pair = readFieldPair(fields[i] ?? '');
    if (!pair) continue;
    const [key, value] = pair;
    if (key === 'global_step') {
      step = value;
      continue;
    }
    const name = canonicalName(key);
    if (name === 'eval_loss') {
      const last = state.evalLoss;
      state.evalLoss = value;
      if (last !== undefined && Object.is(last, value)) continue;
    }
    metrics.push([name, value]);
  }
  if (metrics.length === 0) return undefined;
  return { format: 'nemo', kind: 'train', step, metrics };
}

/** NeMo 2.0 `Training epoch E, iteration N/M | key: value | ...` lines. */
export const nemoFormat = {
  id: 'nemo' as const,
  name: 'NeMo 2.0',
  example:
    'Training epoch 0, iteration 120/149 | lr: 3e-05 | global_step: 120 | reduced_train_loss: 1.233 | val_loss: 4.106',
  reads: 'line',
  createState: (): NemoState => ({ evalLoss: undefined }),
  claims: (line) => line.startsWith('Training epoch') && line.indexOf('iteration') >= 0,
  read: nemoRecord,
} satisfies LineFormat<'nemo', NemoState>;
