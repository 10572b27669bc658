import { canonicalName } from '../canonicalName';
import { parseNumber } from '../parseNumber';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';

const STEP_RE = /^Step (\d+) \| (.*)$/;
const BAR_RE = /^(\d+)\|(\d+)\|Loss: ([^:\s]+):/;

/**
 * torchtune: the metric logger line and the tqdm description of the training bar.
 *
 * Grammar:
 * ```
 * logger := "Step " int " | " (key ":" value " "?)+
 * bar    := epoch "|" step "|Loss: " n ":" " "+ pct "%|" bar "| " n "/" N " [" elapsed "<" eta ", " rate "]"
 * ```
 * Real lines: `Step 1 | loss:2.085338592529297 lr:2e-05 tokens_per_second_per_gpu:57.828881833956174`
 * and `1|26|Loss: 1.2436443567276:  27%|██▋       | 27/101 [07:00<17:31, 14.21s/it]`
 * (multi-node runs prefix `[trainer0|0]:`, removed by the engine). The bar shows each step twice
 * (before and after it advances): same step, same value, one point.
 *
 * @param line - The line.
 * @returns The record, or `undefined` for other lines.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * torchtuneRecord('Step 2 | loss:1.87 lr:2e-05')?.step; // 2
 * ```
 */
export function torchtuneRecord(line: string): LineRecord | undefined {
  const bar = BAR_RE.exec(line);
  if (bar) {
    const loss = parseNumber(bar[3] ?? '');
    if (loss === undefined) return undefined;
    return { format: 'torchtune', kind: 'train', step: Number(bar[2]), metrics: [['loss', loss]] };
  }
  const m = STEP_RE.exec(line);
  if (!m) return undefined;
  const body = m[2] ?? '';
  // torchtune's logger writes `key:value` pairs without spaces; nanochat's `Step N | key: value` is not this.
  if (!/^[\w/]+:\S/.test(body)) return undefined;
  const metrics: Array<[string, number]> = [];
  for (const token of body.trim().split(/\s+/)) {
    const colon = token.lastIndexOf(':');
    if (colon <= 0) continue;
    const value = parseNumber(token.slice(colon + 1));
    if (value !== undefined) metrics.push([canonicalName(token.slice(0, colon)), value]);
  }
  if (metrics.length === 0) return undefined;
  return { format: 'torchtune', kind: 'train', step: Number(m[1]), metrics };
}

/** torchtune's metric logger lines and its `epoch|step|Loss:` bar descriptions. */
export const torchtuneFormat = {
  id: 'torchtune' as const,
  name: 'torchtune',
  example: 'Step 1 | loss:2.085338592529297 lr:2e-05 tokens_per_second_per_gpu:57.828881833956174',
  reads: 'line',
  createState: () => undefined,
  claims: (_line, first) => first === 83 /* S */,
  read: (line) => torchtuneRecord(line),
} satisfies LineFormat<'torchtune', undefined>;
