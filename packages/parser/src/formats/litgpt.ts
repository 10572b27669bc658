import { parseNumber } from '../parseNumber';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';

/** The last `val` loss printed: litgpt repeats it on every line until the next evaluation. */
export interface LitgptState {
  evalLoss: number | undefined;
}

const LINE_RE = /(?:^|\| )iter (\d+) step (\d+)\s*(?:\||:)(.*)$/;

/**
 * litgpt pretrain/finetune console lines.
 *
 * Grammar:
 * ```
 * line := ["Epoch " int " | "] "iter " int " step " int " | loss train: " n ", val: " (n | "n/a")
 *         " | iter time: " n " ms" ...
 * old  := "iter " int " step " int ": loss " n ", iter time: " n "ms" ...
 * ```
 * Real line: `Epoch 34 | iter 3050700 step 610140 | loss train: 2.846, val: 2.861 | iter time: 112.20 ms (step) remaining time: 0:01:54`.
 * `iter` counts micro-batches, `step` optimizer steps: the iter counter is the step, because it
 * gives every record its own step whatever the log interval (`iter 8 step 2` logging repeats steps). `val` is the last validation loss repeated on every line: a point only when it changes.
 *
 * @param line - The line.
 * @param ctx - Parser context (the carried `val`).
 * @returns The record, or `undefined` for other lines.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * litgptRecord('iter 8 step 2 | loss train: 2.8, val: n/a | iter time: 11.2 ms', ctx)?.step; // 8
 * ```
 */
export function litgptRecord(line: string, state: LitgptState): LineRecord | undefined {
  const m = LINE_RE.exec(line);
  if (!m) return undefined;
  const iter = Number(m[1]);
  const rest = m[3] ?? '';
  const metrics: Array<[string, number]> = [];
  const loss = /loss(?: train)?:? ([^\s,|]+)/.exec(rest);
  const lossValue = loss ? parseNumber(loss[1] ?? '') : undefined;
  if (lossValue !== undefined) metrics.push(['loss', lossValue]);
  const val = /val(?: loss)?: ([^\s,|]+)/.exec(rest);
  const valValue = val ? parseNumber(val[1] ?? '') : undefined;
  if (valValue !== undefined) {
    const last = state.evalLoss;
    state.evalLoss = valValue;
    if (last === undefined || !Object.is(last, valValue)) metrics.push(['eval_loss', valValue]);
  }
  const time = /iter time: ([\d.]+)/.exec(rest);
  if (time) metrics.push(['iter time', Number(time[1])]);
  if (metrics.length === 0) return undefined;
  return { format: 'litgpt', kind: 'train', step: iter, metrics };
}

/** litgpt `iter N step M | loss train: ..., val: ... | iter time: ...` lines. */
export const litgptFormat = {
  id: 'litgpt' as const,
  name: 'litgpt',
  example:
    'Epoch 34 | iter 3050700 step 610140 | loss train: 2.846, val: 2.861 | iter time: 112.20 ms (step) remaining time: 0:01:54',
  reads: 'line',
  createState: (): LitgptState => ({ evalLoss: undefined }),
  claims: (line, first) =>
    (first === 105 /* i */ || first === 69) /* E */ && line.indexOf(' step ') > 0,
  read: litgptRecord,
} satisfies LineFormat<'litgpt', LitgptState>;
