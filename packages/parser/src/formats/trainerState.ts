import type { ObjectFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';
import { type FlatObject, objectRecord } from './objectRecord';

/**
 * `trainer_state.json` written by the Hugging Face Trainer: a pretty-printed JSON document whose
 * `log_history` array holds one flat object per logging event, keys sorted alphabetically.
 *
 * Grammar (each entry spans several lines; the engine joins them and reads the innermost objects,
 * so a truncated file still yields every complete entry):
 * ```
 * entry := "{" ("\"" key "\": " (number | NaN | Infinity | null)) ("," ...)* "}" [","]
 * ```
 * Real entry: `{"epoch": 1.0, "grad_norm": 5.49674654006958, "learning_rate": 1e-05, "loss": 1.1074, "step": 401}`.
 * Eval entries (`eval_loss`, `eval_g0_loss`, ...) share the step of a train entry; the last entry
 * (`train_runtime`, `train_loss`, `total_flos`) is the run summary.
 *
 * @param object - Keys and values of the object.
 * @returns The record, or `undefined` for an object without numbers.
 * @defaultValue undefined for an object without numbers
 * @example
 * ```ts
 * trainerStateRecord({ keys: ['loss', 'step'], values: [1.1, 401], count: 2, quote: 'double' })?.step; // 401
 * ```
 */
export function trainerStateRecord(object: FlatObject): LineRecord | undefined {
  return objectRecord(object, 'trainer-state', false);
}

/** `trainer_state.json`: the pretty-printed `log_history` objects, each with its `step`. */
export const trainerStateFormat = {
  id: 'trainer-state' as const,
  name: 'trainer_state.json (log_history)',
  example:
    '{"epoch": 1.0, "grad_norm": 5.49674654006958, "learning_rate": 1e-05, "loss": 1.1074, "step": 401}',
  reads: 'object',
  claimsObject: (_object, pretty) => pretty,
  readObject: trainerStateRecord,
} satisfies ObjectFormat<'trainer-state'>;
