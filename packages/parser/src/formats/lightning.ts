import { canonicalName } from '../canonicalName';
import { parseNumber } from '../parseNumber';
import type { BarFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';
import type { ProgressBar } from './progressBar';

/**
 * PyTorch Lightning progress bars (also NeMo 1.x and diffusion trainers such as SimpleTuner):
 * metrics live in the tqdm postfix.
 *
 * Grammar:
 * ```
 * line    := desc ":" " "+ pct "%|" bar "| " n "/" N " [" elapsed "<" eta ", " rate (", " key "=" value)* "]"
 * desc    := "Epoch " int | "Epoch " int "/" int ", Steps"
 * ```
 * Real lines: `Epoch 0:  22%|██▏       | 4/18 [00:17<01:02,  4.47s/it, loss=9.926, v_num=193315]`,
 * `Epoch 38/65, Steps:  57%|█████▋    | 5750/10000 [18:09<12:43,  5.57it/s, grad_norm=0.00485, lr=1.04e-5, step_loss=0.434]`,
 * `Epoch 0:   1%|          | 795/77225 [9:07:58<878:01:48, 41.36s/it, loss=3.1, v_num=, reduced_train_loss=3.090, global_step=794.0, consumed_samples=1.63e+6]`.
 * Step: `global_step=` when present (explicit), else the bar position (`Steps` bars count optimizer
 * steps; `Epoch e` bars restart each epoch, so the step is `e × N + n`). `v_num` is ignored;
 * `loss`/`train_loss`/`train_loss_step` → loss, `val_loss` → eval_loss. The same step printed before
 * and after its postfix update keeps the later value.
 *
 * @param bar - The bar read by `readProgressBar`.
 * @returns The record, or `undefined` when the postfix holds no metric.
 * @defaultValue undefined for bars without metrics
 * @example
 * ```ts
 * lightningRecord({ n: 4, total: 18, description: 'Epoch 0:', postfix: 'loss=9.926, v_num=1' })?.metrics; // [['loss', 9.926]]
 * ```
 */
export function lightningRecord(bar: ProgressBar): LineRecord | undefined {
  if (bar.postfix.length === 0) return undefined;
  const metrics: Array<[string, number]> = [];
  let step: number | undefined;
  for (const part of bar.postfix.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      const colon = part.indexOf(': ');
      if (colon <= 0) continue;
      // `best loss: 0.2027` (hyperopt's `set_postfix_str`-style pair, one per comma): the name is
      // every word before the colon.
      const single = part.indexOf(': ', colon + 2) < 0 ? readNamedPair(part, colon) : undefined;
      if (single) metrics.push(single);
      else readColonPairs(part, metrics);
      continue;
    }
    const key = part.slice(0, eq).trim();
    if (key === 'v_num') continue;
    const value = parseNumber(part.slice(eq + 1));
    if (value === undefined) continue;
    if (key === 'global_step' || key === 'step') {
      step = value;
      continue;
    }
    // `total_loss_step=3.67e+3, lr_step=0.010` (Lightning's `on_step` copy of a logged name):
    // the value of `total_loss` at this step.
    const stem =
      key.endsWith('_step') && key.length > 5 && key !== 'train_loss_step' ? key.slice(0, -5) : key;
    const name = stem === 'train_loss' ? 'loss' : canonicalName(stem);
    metrics.push([key === 'train_loss_epoch' ? key : name, value]);
  }
  if (metrics.length === 0) return undefined;
  const record: LineRecord = { format: 'lightning', kind: 'train', metrics };
  if (step !== undefined) {
    record.step = step;
    return record;
  }
  const epoch = /Epoch (\d+)(\/\d+)?/.exec(bar.description);
  if (epoch && epoch[2] === undefined && !/Steps/.test(bar.description)) {
    record.progressStep = Number(epoch[1]) * bar.total + bar.n;
  } else {
    record.progressStep = bar.n;
  }
  return record;
}

/** A postfix part `name words: value` whose name is words of letters, one pair; else `undefined`. */
function readNamedPair(part: string, colon: number): [string, number] | undefined {
  const key = part.slice(0, colon).trim();
  if (key.indexOf(' ') < 0 || !MULTI_WORD_NAME_RE.test(key)) return undefined;
  const value = parseNumber(part.slice(colon + 2));
  return value === undefined ? undefined : [canonicalName(key), value];
}

/** Two to four words of letters and `_` (`best loss`, `mean episode reward`). */
const MULTI_WORD_NAME_RE = /^[A-Za-z_]+(?: [A-Za-z_]+){1,3}$/;

/**
 * `lr: 1.0e-04 loss: 5.397e-01` (a postfix set as one string): each word ending in `:` names the
 * number after it.
 */
function readColonPairs(text: string, metrics: Array<[string, number]>): void {
  const words = text.trim().split(/\s+/);
  for (let i = 0; i + 1 < words.length; i++) {
    const word = words[i] as string;
    if (word.length < 2 || !word.endsWith(':')) continue;
    const value = parseNumber(words[i + 1] as string);
    if (value === undefined) continue;
    const key = word.slice(0, -1);
    metrics.push([canonicalName(key), value]);
    i++;
  }
}

/** PyTorch Lightning (and tqdm-postfix) bars with `key=value` pairs after the rate. */
export const lightningFormat = {
  id: 'lightning' as const,
  name: 'PyTorch Lightning, tqdm postfix',
  example: 'Epoch 0:  22%|██▏       | 4/18 [00:17<01:02,  4.47s/it, loss=10.047, v_num=193315]',
  reads: 'bar',
  readBar: lightningRecord,
} satisfies BarFormat<'lightning'>;
