import { canonicalName } from '../canonicalName';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';
import { readFieldPair } from './readFieldPair';

const ITERATION_RE = /(?:^|\|)\s*iteration\s+(\d+)\s*\/\s*\d+\s*\|/;
const VALIDATION_RE = /validation loss at iteration\s+(\d+)/;

/**
 * Megatron-LM, Megatron-DeepSpeed (BigScience), GPT-NeoX: one `|`-separated line per logged iteration.
 *
 * Grammar:
 * ```
 * line  := [prefix] " iteration" " "+ int "/" " "+ int " |" (" " key ":" " "+ value " |")*
 * key   := words with spaces, "(ms)", "/" (`elapsed time per iteration (ms)`, `lm loss`, `grad norm`)
 * eval  := "validation loss at iteration " int " | lm loss value: " num " | lm loss PPL: " num
 * ```
 * Real line: ` iteration      122/  250000 | consumed samples:       124928 | elapsed time per iteration (ms): 86545.2 | learning rate: 9.150E-06 | global batch size:  1024 | lm loss: 2.504220E+00 | loss scale: 1.0 | grad norm: 0.231 | number of skipped iterations:   0 | number of nan iterations:   0 |`.
 * GPT-NeoX starts with `samples/sec: 7.799 |` and spells `lm_loss`. fp16-skipped iterations print
 * no `lm loss`. A line hard-wrapped by the terminal is re-joined by the engine up to its final `|`.
 *
 * @param line - The line, prefixes (`   1:  ` from `srun -l`) already removed.
 * @returns The record, or `undefined` when the line is not a Megatron iteration line.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * megatronRecord(' iteration 5/ 10 | lm loss: 2.5E+00 |')?.step; // 5
 * ```
 */
export function megatronRecord(line: string): LineRecord | undefined {
  const validation = VALIDATION_RE.exec(line);
  if (validation) {
    const metrics: Array<[string, number]> = [];
    const fields = line.split('|');
    for (let i = 1; i < fields.length; i++) {
      const pair = readFieldPair(fields[i] ?? '');
      if (!pair) continue;
      const name = pair[0] === 'lm loss value' ? 'eval_loss' : `eval_${pair[0]}`;
      metrics.push([name, pair[1]]);
    }
    if (metrics.length === 0) return undefined;
    return { format: 'megatron', kind: 'eval', step: Number(validation[1]), metrics };
  }
  const m = ITERATION_RE.exec(line);
  if (!m) return undefined;
  const metrics: Array<[string, number]> = [];
  for (const field of line.split('|')) {
    if (/^\s*iteration\s+\d/.test(field)) continue;
    const pair = readFieldPair(field);
    if (pair) metrics.push([canonicalName(pair[0]), pair[1]]);
  }
  if (metrics.length === 0) return undefined;
  return { format: 'megatron', kind: 'train', step: Number(m[1]), metrics };
}

/** Megatron-LM, GPT-NeoX and descendants: `iteration N/M | key: value | ...`. */
export const megatronFormat = {
  id: 'megatron' as const,
  name: 'Megatron-LM, GPT-NeoX, BigScience',
  example:
    ' iteration      122/  250000 | consumed samples:       124928 | learning rate: 9.150E-06 | lm loss: 2.504220E+00 | grad norm: 0.231 |',
  reads: 'line',
  createState: () => undefined,
  claims: (line) => line.indexOf('iteration') >= 0,
  read: (line) => megatronRecord(line),
} satisfies LineFormat<'megatron', undefined>;
