import { canonicalName } from '../canonicalName';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';
import { readFieldPair } from './readFieldPair';

const ITER_RE = /^iter (\d+): (.*)$/;
const STEP_COLON_RE = /^step (\d+): (.*)$/;
const PIPE_STEP_RE = /^(?:step|Step)\s+(\d+)(?:\/\d+)?(?:\s+\([\d.]+%\))?\s*\|(.*)$/;
const BARE_STEP_RE = /^(\d+) \|(.*)$/;
const MODDED_RE = /^step:(\d+)\/\d+ (.*)$/;
const VAL_RE = /^val loss (\S+)\s*$/;
// `, ` or the blank run before a `(`; the lookbehind starts `\s+\(` only at the first blank of a
// run, so a long run with no `(` after it is scanned once instead of once per blank.
const FIELD_SEPARATOR_RE = /,\s*|(?<!\s)\s+\(/;

/**
 * The nanoGPT family: nanoGPT, nanochat, llm.c, modded-nanogpt, llama2.c.
 *
 * Grammar (one record per line, `⟨n⟩` a number):
 * ```
 * nanoGPT train  := "iter " int ": loss " n ", time " n "ms" [", mfu " n "%"]
 * nanoGPT eval   := "step " int ": train loss " n ", val loss " n
 * llm.c CPU      := "step " int ": train loss " n " (took " int " ms)"   and   "val loss " n
 * llm.c CUDA     := "step " int "/" int " | loss " n [" (+nanz)"] "| norm " n " | lr " n " | " n " ms | ..."
 * nanochat       := "step " int "/" int " (" pct "%) | loss: " n " | lrm: " n " | dt: " n "ms | tok/sec: " int,int " | ..."
 * nanochat eval  := "Step " int " | Validation bpb: " n [" | ChatCORE: " n]
 * modded-nanogpt := "step:" int "/" int " val_loss:" n " train_time:" int "ms step_avg:" n "ms"
 * llama2.c       := int " | loss " n " | lr " n " | " n "ms"
 * ```
 * Real lines: `iter 10: loss 3.2202, time 893.76ms, mfu 16.68%`,
 * `step 250: train loss 1.5440, val loss 1.7220`,
 * `step   10/74 | loss     nan (+nanz)| norm    nan (+nanz)| lr 3.00e-04 | 36.58 ms | 9.2% bf16 MFU | 112241 tok/s`,
 * `step:125/1480 val_loss:4.3719 train_time:29736ms step_avg:258.57ms`.
 * `val loss`/`val_loss` become `eval_loss`, `norm` becomes `grad_norm`; nanochat's `lrm` is a
 * multiplier and keeps its name. A source line such as `print0(f'step:{step}/...')` is not a record.
 *
 * @param line - The line, prefixes and timestamps removed.
 * @returns The record, or `undefined` for other lines.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * nanogptRecord('iter 10: loss 3.2202, time 893.76ms')?.metrics; // [['loss', 3.2202], ['time', 893.76]]
 * ```
 */
export function nanogptRecord(line: string): LineRecord | undefined {
  let m = ITER_RE.exec(line) ?? STEP_COLON_RE.exec(line);
  if (m) return fromFields(Number(m[1]), (m[2] ?? '').split(FIELD_SEPARATOR_RE));
  m = PIPE_STEP_RE.exec(line) ?? BARE_STEP_RE.exec(line);
  if (m) return fromFields(Number(m[1]), (m[2] ?? '').split('|'));
  m = MODDED_RE.exec(line);
  if (m) {
    const fields: string[] = [];
    for (const token of (m[2] ?? '').trim().split(/\s+/)) fields.push(token);
    return fromFields(Number(m[1]), fields);
  }
  m = VAL_RE.exec(line);
  if (m) {
    const pair = readFieldPair(`val loss ${m[1]}`);
    if (!pair) return undefined;
    return { format: 'nanogpt', kind: 'eval', metrics: [['eval_loss', pair[1]]] };
  }
  return undefined;
}

function fromFields(step: number, fields: string[]): LineRecord | undefined {
  const metrics: Array<[string, number]> = [];
  let train = false;
  const parts: string[] = [];
  for (const field of fields) {
    // nanochat packs several pairs in one pipe field: `epoch: 1 pq: 0 rg: 8`.
    for (const part of field.split(/(?<=\d)\s+(?=[A-Za-z_][\w/]*:\s)/)) parts.push(part);
  }
  for (const field of parts) {
    const pair = readFieldPair(field);
    if (!pair) continue;
    let name = canonicalName(pair[0]);
    if (name === 'norm') name = 'grad_norm';
    if (name === 'took') continue;
    if (name === 'loss' || name === 'learning_rate' || name === 'grad_norm') train = true;
    metrics.push([name, pair[1]]);
  }
  if (metrics.length === 0) return undefined;
  return { format: 'nanogpt', kind: train ? 'train' : 'eval', step, metrics };
}

/** nanoGPT, nanochat, llm.c, modded-nanogpt and llama2.c lines. */
export const nanogptFormat = {
  id: 'nanogpt' as const,
  name: 'nanoGPT, nanochat, llm.c, modded-nanogpt, llama2.c',
  example: 'iter 1631: loss 4.0863, time 561.94ms',
  reads: 'line',
  createState: () => undefined,
  claims: (_line, first) =>
    first === 105 /* i */ ||
    first === 115 /* s */ ||
    first === 83 /* S */ ||
    first === 118 /* v */ ||
    (first >= 48 && first <= 57),
  read: (line) => nanogptRecord(line),
} satisfies LineFormat<'nanogpt', undefined>;
