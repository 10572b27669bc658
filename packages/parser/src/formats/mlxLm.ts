import { canonicalName } from '../canonicalName';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';
import { readFieldPair } from './readFieldPair';

/**
 * MLX-LM (`mlx_lm.lora`) and mlx-vlm console lines.
 *
 * Grammar:
 * ```
 * train := "Iter " int ": Train loss " n [", Learning Rate " n] ", It/sec " n ", Tokens/sec " n
 *          [", Trained Tokens " n] [", Peak mem " n " GB"]
 * eval  := "Iter " int ": Val loss " n ", Val took " n "s"
 * ```
 * Real lines: `Iter 10: Train loss 2.662, Learning Rate 1.000e-05, It/sec 0.490, Tokens/sec 161.374, Trained Tokens 3290, Peak mem 9.707 GB`
 * and `Iter 1: Val loss 2.936, Val took 5.265s`. `Iter 100: Saved adapter weights to ...` has no
 * metric and is no record. `Train loss` → loss, `Val loss` → eval_loss, `Learning Rate` → learning_rate.
 *
 * @param line - The line.
 * @returns The record, or `undefined` for other lines.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * mlxLmRecord('Iter 1: Val loss 2.936, Val took 5.265s')?.kind; // 'eval'
 * ```
 */
export function mlxLmRecord(line: string): LineRecord | undefined {
  const m = /^Iter (\d+): (.*)$/.exec(line);
  if (!m) return undefined;
  const metrics: Array<[string, number]> = [];
  let train = false;
  for (const field of (m[2] ?? '').split(',')) {
    const f = field.trim();
    const pair = readFieldPair(f) ?? readFieldPair(f.replace(/^([A-Za-z]+)(\d)/, '$1 $2'));
    if (!pair) continue;
    const name = canonicalName(pair[0]);
    if (name === 'loss') train = true;
    metrics.push([name, pair[1]]);
  }
  if (metrics.length === 0) return undefined;
  return { format: 'mlx-lm', kind: train ? 'train' : 'eval', step: Number(m[1]), metrics };
}

/** MLX-LM and mlx-vlm `Iter N: Train loss ..., Learning Rate ..., It/sec ...` lines. */
export const mlxLmFormat = {
  id: 'mlx-lm' as const,
  name: 'MLX-LM, mlx-vlm',
  example:
    'Iter 10: Train loss 2.662, Learning Rate 1.000e-05, It/sec 0.490, Tokens/sec 161.374, Peak mem 9.707 GB',
  reads: 'line',
  createState: () => undefined,
  claims: (_line, first) => first === 73 /* I */,
  read: (line) => mlxLmRecord(line),
} satisfies LineFormat<'mlx-lm', undefined>;
