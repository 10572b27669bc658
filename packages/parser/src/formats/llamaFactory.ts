import type { ObjectFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';
import { type FlatObject, objectRecord } from './objectRecord';

/**
 * LLaMA-Factory `trainer_log.jsonl`: one JSON object per line, the step in `current_steps`.
 *
 * Grammar:
 * ```
 * {"current_steps": int, "total_steps": int, ["loss": num|null,] ["eval_loss": num|null,]
 *  ("lr"|"learning_rate"): num, "epoch": num, "percentage": num, "elapsed_time": "H:MM:SS",
 *  "remaining_time": "[N days, ]H:MM:SS", ["throughput": num|"str", "total_tokens": int]}
 * ```
 * Real line: `{"current_steps": 10, "total_steps": 93, "loss": 4.169, "lr": 2.25e-06, "epoch": 0.33, "percentage": 10.75, "elapsed_time": "0:04:02", "remaining_time": "0:33:29"}`.
 * `null` values (2023 schema: `"eval_loss": null, "reward": null`) are absent values, and time
 * strings are not metrics; quoted numbers (`"throughput": "0.00"`) are read as numbers.
 *
 * @param object - Keys and values of the object.
 * @returns The record, or `undefined` when nothing is numeric.
 * @defaultValue undefined when nothing is numeric
 * @example
 * ```ts
 * llamaFactoryRecord({ keys: ['current_steps', 'loss'], values: [10, 4.1], count: 2, quote: 'double' })?.step; // 10
 * ```
 */
export function llamaFactoryRecord(object: FlatObject): LineRecord | undefined {
  return objectRecord(object, 'llamafactory-jsonl', false);
}

/** LLaMA-Factory `trainer_log.jsonl`: JSON lines keyed by `current_steps`. */
export const llamaFactoryFormat = {
  id: 'llamafactory-jsonl' as const,
  name: 'LLaMA-Factory trainer_log.jsonl',
  example:
    '{"current_steps": 10, "total_steps": 93, "loss": 4.169, "lr": 2.25e-06, "epoch": 0.3292181069958848, "percentage": 10.75, "elapsed_time": "0:04:02"}',
  reads: 'object',
  claimsObject: (object) => {
    for (let i = 0; i < object.count; i++) if (object.keys[i] === 'current_steps') return true;
    return false;
  },
  readObject: llamaFactoryRecord,
} satisfies ObjectFormat<'llamafactory-jsonl'>;
