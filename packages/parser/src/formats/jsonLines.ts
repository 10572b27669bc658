import type { ObjectFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';
import { type FlatObject, objectRecord } from './objectRecord';

/**
 * Generic JSON lines (DeiT/BEiT `log.txt`, custom loggers): one flat JSON object per line.
 *
 * Grammar: `{"key": number | "number" | null | string, ...}`; the step is `step`, `global_step`,
 * `iteration` or `iter`; without one, an integer `epoch` is the step (epoch-level logs), so a run
 * resumed into the same file shows up as a restart.
 * Real line: `{"train_lr": 0.00053, "train_loss": 4.4953, "test_loss": 0.4541, "test_acc1": 92.53, "epoch": 50, "n_parameters": 385301632}`.
 *
 * @param object - Keys and values of the object.
 * @returns The record, or `undefined` when nothing is numeric.
 * @defaultValue undefined when nothing is numeric
 * @example
 * ```ts
 * jsonLinesRecord({ keys: ['train_loss', 'epoch'], values: [4.4, 50], count: 2, quote: 'double' })?.step; // 50
 * ```
 */
export function jsonLinesRecord(object: FlatObject): LineRecord | undefined {
  return objectRecord(object, 'jsonl', true);
}

/** Any other JSON lines (DeiT/BEiT `log.txt`, custom loggers). */
export const jsonLinesFormat = {
  id: 'jsonl' as const,
  name: 'JSON lines (DeiT/BEiT log.txt, custom loggers)',
  example:
    '{"train_lr": 0.0005335122050743356, "train_loss": 4.495324867813847, "test_loss": 0.4541961507192974, "epoch": 50}',
  reads: 'object',
  claimsObject: () => true,
  readObject: jsonLinesRecord,
} satisfies ObjectFormat<'jsonl'>;
