import type { ObjectFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';
import { type FlatObject, objectRecord } from './objectRecord';

/**
 * Hugging Face `transformers.Trainer` stdout, every TRL trainer, Axolotl and Unsloth: one Python
 * dict repr per logging step.
 *
 * Grammar:
 * ```
 * record := [prefix] "{" "'" key "'" ": " value ("," " " "'" key "'" ": " value)* "}" [" "*]
 * value  := python float repr | int | nan | inf | -inf | np.float64(num) | tensor(num, ...) | 'num'
 * prefix := "> " | "[INFO|trainer.py:3910] 2025-02-16 18:41:31,587 >> " | a tqdm bar glued before it
 * ```
 * Real lines:
 * `{'loss': 2.0312, 'grad_norm': 59.5, 'learning_rate': 4.956766880907269e-06, 'epoch': 2.0}` (train),
 * `{'eval_loss': 0.81, 'eval_runtime': 9.58, 'eval_rewards/chosen': -0.27, 'epoch': 0.2}` (eval: keys
 * `eval_*`, no step of its own), `{'train_runtime': 15291.7668, ..., 'train_loss': 1.095, 'epoch': 1.0}`
 * (end-of-run summary, never a loss point). TFTrainer (2020) adds `'step': 10`; Axolotl adds
 * `'memory/max_mem_active(gib)'`; mlx-vlm prints `{'Step': 10, 'Loss': '3.4376', ...}`. A dict
 * wrapped over several lines is joined by the engine before it gets here.
 *
 * @param object - Keys and values read from the dict.
 * @returns The record, or `undefined` when the dict holds no number.
 * @defaultValue undefined for a dict without numbers
 * @example
 * ```ts
 * hfTrainerRecord({ keys: ['loss', 'epoch'], values: [0.5, 0.1], count: 2, quote: 'single' })?.kind; // 'train'
 * ```
 */
export function hfTrainerRecord(object: FlatObject): LineRecord | undefined {
  let axolotl = false;
  for (let i = 0; i < object.count; i++) {
    if ((object.keys[i] as string).startsWith('memory/')) {
      axolotl = true;
      break;
    }
  }
  return objectRecord(object, axolotl ? 'axolotl' : 'hf-trainer', false);
}

/** Hugging Face Trainer and TRL stdout: Python dict reprs, one per logging step. */
export const hfTrainerFormat = {
  id: 'hf-trainer' as const,
  name: 'Hugging Face Trainer, TRL (SFT, DPO, KTO, ORPO, GRPO, PPO), Unsloth',
  example:
    "{'loss': 0.9073, 'learning_rate': 4.2e-05, 'rewards/chosen': -1.17503821849823, 'rewards/margins': 0.2992585599422455, 'epoch': 0.16}",
  reads: 'object',
  claimsObject: (object) => object.quote === 'single',
  readObject: hfTrainerRecord,
} satisfies ObjectFormat<'hf-trainer'>;

/** Axolotl: Trainer dicts with `memory/...` keys (read by the Trainer's reader). */
export const axolotlFormat = {
  id: 'axolotl' as const,
  name: 'Axolotl',
  example:
    "{'loss': 4.75, 'grad_norm': 98.5, 'learning_rate': 5e-06, 'memory/max_mem_active(gib)': 25.45, 'epoch': 1.0}",
  reads: 'object',
  claimsObject: (object) => object.quote === 'single' && hasMemoryKey(object),
  readObject: hfTrainerRecord,
} satisfies ObjectFormat<'axolotl'>;

function hasMemoryKey(object: FlatObject): boolean {
  for (let i = 0; i < object.count; i++)
    if ((object.keys[i] as string).startsWith('memory/')) return true;
  return false;
}
