import { canonicalName } from '../canonicalName';
import { parseNumber } from '../parseNumber';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';

const VERL_NAMES = new Map([
  ['actor/pg_loss', 'loss'],
  ['actor/loss', 'loss'],
  ['actor/lr', 'learning_rate'],
  ['actor/grad_norm', 'grad_norm'],
  ['training/epoch', 'epoch'],
]);

/**
 * verl / TinyZero console logger: one line per step, ` - ` separated `key:value` pairs.
 *
 * Grammar:
 * ```
 * line := ["(main_task pid=" int ") " | "(TaskRunner pid=" int ") "] "step:" int (" - " key ":" n)+
 * key  := chars including "/", "@", "-" (`actor/pg_loss`, `val-core/openai/gsm8k/acc/mean@1`)
 * ```
 * Real line: `step:0 - val-aux/openai/gsm8k/reward/mean@1:0.565 - val-core/openai/gsm8k/acc/mean@1:0.508`.
 * Values may be negative (`critic/kl:-0.001`), so fields are split on ` - ` only.
 * `actor/pg_loss` → loss, `actor/lr` → learning_rate, `actor/grad_norm` → grad_norm,
 * `training/epoch` → epoch; every other key is kept. A line with only `val-*` keys is an eval record.
 *
 * @param line - The line, the Ray prefix removed.
 * @returns The record, or `undefined` for other lines.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * verlRecord('step:3 - actor/pg_loss:-0.01 - critic/score/mean:0.4')?.step; // 3
 * ```
 */
export function verlRecord(line: string): LineRecord | undefined {
  const m = /^step:(\d+) - (.*)$/.exec(line);
  if (!m) return undefined;
  const metrics: Array<[string, number]> = [];
  let onlyVal = true;
  for (const field of (m[2] ?? '').split(' - ')) {
    const colon = field.lastIndexOf(':');
    if (colon <= 0) continue;
    const value = parseNumber(field.slice(colon + 1));
    if (value === undefined) continue;
    const key = field.slice(0, colon).trim();
    if (!key.startsWith('val-')) onlyVal = false;
    metrics.push([VERL_NAMES.get(key) ?? canonicalName(key), value]);
  }
  if (metrics.length === 0) return undefined;
  return { format: 'verl', kind: onlyVal ? 'eval' : 'train', step: Number(m[1]), metrics };
}

/** verl and TinyZero `step:N - key:value - ...` lines. */
export const verlFormat = {
  id: 'verl' as const,
  name: 'verl, TinyZero',
  example:
    'step:0 - val-aux/openai/gsm8k/reward/mean@1:0.565 - val-core/openai/gsm8k/acc/mean@1:0.508',
  reads: 'line',
  createState: () => undefined,
  claims: (line) => line.startsWith('step:') && line.indexOf(' - ') > 0,
  read: (line) => verlRecord(line),
} satisfies LineFormat<'verl', undefined>;
