import { canonicalName } from '../canonicalName';
import { parseNumber } from '../parseNumber';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';

/** The epoch announced by the last `Epoch i/N` line. */
export interface KerasState {
  epoch: number | undefined;
}

const EPOCH_RE = /^Epoch (\d+)\/(\d+)\s*$/;
const PROGRESS_RE = /^(\d+)\/(?:\d+|Unknown)(?: \[[=>.]*\])?(?: - |\s+-\s)/;

/**
 * Keras `model.fit` output (verbose 1 and 2): an `Epoch i/N` line, then the epoch's final line.
 *
 * Grammar:
 * ```
 * header   := "Epoch " int "/" int
 * verbose1 := n "/" n " [" "="* "]" " - " t "s " t ("ms"|"us") "/step" (" - " key ": " num)*
 * verbose2 := n "/" n " - " t "s - " (key ": " num " - ")* t "s/epoch - " t "ms/step"
 * ```
 * Real lines: `Epoch 1/200`, `125/125 [==============================] - 7s 30ms/step - loss: 3.9305 - sparse_categorical_accuracy: 0.2280`,
 * `1079/1079 - 21s - loss: 0.2431 - 21s/epoch - 19ms/step`. The epoch number is the step;
 * `val_loss` → eval_loss, other `val_*` metrics keep their names.
 *
 * @param line - The line.
 * @param ctx - Parser context (the epoch announced by the last header).
 * @returns The record, or `undefined` for headers and other lines.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * kerasRecord('32/32 [====] - 0s 781us/step - loss: 25.09 - mse: 25.09', ctx)?.metrics[0]; // ['loss', 25.09]
 * ```
 */
export function kerasRecord(line: string, state: KerasState): LineRecord | undefined {
  const epoch = EPOCH_RE.exec(line);
  if (epoch) {
    state.epoch = Number(epoch[1]);
    return undefined;
  }
  if (!PROGRESS_RE.test(line)) return undefined;
  const metrics: Array<[string, number]> = [];
  for (const field of line.split(' - ')) {
    const colon = field.indexOf(': ');
    if (colon <= 0) continue;
    const key = field.slice(0, colon).trim();
    if (key === 'ETA') continue;
    const value = parseNumber(field.slice(colon + 2));
    if (value !== undefined) metrics.push([canonicalName(key), value]);
  }
  if (metrics.length === 0) return undefined;
  const record: LineRecord = { format: 'keras', kind: 'train', metrics };
  if (state.epoch !== undefined) {
    record.step = state.epoch;
    metrics.push(['epoch', state.epoch]);
  }
  return record;
}

/** Keras `model.fit` (verbose 1 and 2): per-epoch bars after `Epoch i/N` lines. */
export const kerasFormat = {
  id: 'keras' as const,
  name: 'Keras model.fit',
  example:
    '125/125 [==============================] - 7s 30ms/step - loss: 3.9305 - sparse_categorical_accuracy: 0.2280',
  reads: 'line',
  createState: (): KerasState => ({ epoch: undefined }),
  claims: (_line, first) => first === 69 /* E */ || (first >= 48 && first <= 57),
  read: kerasRecord,
} satisfies LineFormat<'keras', KerasState>;
