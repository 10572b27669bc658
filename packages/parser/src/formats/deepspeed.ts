import { parseNumber } from '../parseNumber';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';

const ENGINE_RE = /\bstep=(\d+), skipped=(\d+), lr=\[([^\],]+)/;
const TIMER_RE =
  /(?:\]\s*|^)(?:epoch=\d+\/micro_step=\d+\/global_step=(\d+)|\d+\/(\d+)), (\w+=.*)$/;

/**
 * DeepSpeed engine lines: the optimizer step with its learning rates, and the throughput timer.
 *
 * Grammar:
 * ```
 * engine := "[" date "] [INFO] [logging.py:" int ":log_dist] [Rank " int "] step=" int ", skipped=" int
 *           ", lr=[" n (", " n)* "], mom=[[" ... "]]"
 * timer  := "[" date "] [INFO] [timer.py:" int ":stop] " (epoch "/" step | "epoch=" int "/micro_step=" int
 *           "/global_step=" int) ", " key "=" n unit? (", " key "=" n unit?)*
 * ```
 * Real lines: `[2022-03-11 02:06:58,985] [INFO] [logging.py:69:log_dist] [Rank 0] step=40, skipped=2, lr=[5e-05], mom=[[0.9, 0.999]]`
 * and `[2022-03-11 02:06:58,985] [INFO] [timer.py:189:stop] 0/40, SamplesPerSec=83.48609168106144, MemAllocated=0.26GB, MaxMemAllocated=9.02GB`.
 * No loss is printed here; `lr[0]` → learning_rate. `time (ms) | forward: ...` timers and
 * `OVERFLOW! ... Attempted loss scale` lines are not records.
 *
 * @param line - The line.
 * @returns The record, or `undefined` for other lines.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * deepspeedRecord('[Rank 0] step=40, skipped=2, lr=[5e-05], mom=[[0.9, 0.999]]')?.step; // 40
 * ```
 */
export function deepspeedRecord(line: string): LineRecord | undefined {
  const engine = ENGINE_RE.exec(line);
  if (engine) {
    const lr = parseNumber(engine[3] ?? '');
    const metrics: Array<[string, number]> = [['skipped', Number(engine[2])]];
    if (lr !== undefined) metrics.unshift(['learning_rate', lr]);
    return { format: 'deepspeed', kind: 'train', step: Number(engine[1]), metrics };
  }
  if (!isTimerLine(line)) return undefined;
  const timer = TIMER_RE.exec(line);
  if (!timer) return undefined;
  const metrics: Array<[string, number]> = [];
  for (const field of (timer[3] ?? '').split(', ')) {
    const eq = field.indexOf('=');
    if (eq <= 0) continue;
    const value = parseNumber(field.slice(eq + 1));
    if (value !== undefined) metrics.push([field.slice(0, eq).trim(), value]);
  }
  if (metrics.length === 0) return undefined;
  return { format: 'deepspeed', kind: 'train', step: Number(timer[1] ?? timer[2]), metrics };
}

/**
 * A throughput timer line, with its logger prefix (`[timer.py:189:stop] 0/40, ...`) or without it
 * (the line reader removes logger prefixes before the formats see a line).
 */
function isTimerLine(line: string): boolean {
  return line.indexOf('timer.py') >= 0 || line.indexOf('SamplesPerSec=') >= 0;
}

/** DeepSpeed engine lines (`step=40, skipped=2, lr=[5e-05]`) and timer lines. */
export const deepspeedFormat = {
  id: 'deepspeed' as const,
  name: 'DeepSpeed engine',
  example:
    '[2022-03-11 02:06:58,985] [INFO] [logging.py:69:log_dist] [Rank 0] step=40, skipped=2, lr=[5e-05], mom=[[0.9, 0.999]]',
  reads: 'line',
  createState: () => undefined,
  claims: (line, first) =>
    first === 91 /* [ */ ||
    (first === 115 /* s */ && line.startsWith('step=')) ||
    isTimerLine(line),
  // A timer line is DeepSpeed's even when it holds nothing to chart.
  read: (line) => deepspeedRecord(line) ?? (isTimerLine(line) ? 'consumed' : undefined),
} satisfies LineFormat<'deepspeed', undefined>;
