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
  const record = verlFields(Number(m[1]), (m[2] ?? '').split(' - '), '');
  return record?.record;
}

/** What a `step:N` line's fields make: the record, and the key a terminal cut off at its end. */
interface VerlFields {
  record: LineRecord | undefined;
  /** The last field when it has no `:value` (`prompt_length/max`, `critic`): its key, cut. */
  cut: string | undefined;
}

function verlFields(step: number, fields: string[], head: string): VerlFields {
  const metrics: Array<[string, number]> = [];
  let onlyVal = true;
  // `actor/pg_loss` is the loss of the older lines; a line that also prints `actor/loss` keeps
  // the policy-gradient term under its own name, so neither value is lost.
  const hasActorLoss = fields.some((field) => field.startsWith('actor/loss:'));
  let cut: string | undefined;
  for (let i = 0; i < fields.length; i++) {
    const field = i === 0 ? head + (fields[0] ?? '') : (fields[i] ?? '');
    const colon = field.lastIndexOf(':');
    if (colon <= 0) {
      if (i === fields.length - 1 && KEY_PIECE_RE.test(field.trim())) cut = field.trim();
      continue;
    }
    const value = parseNumber(field.slice(colon + 1));
    if (value === undefined) continue;
    const key = field.slice(0, colon).trim();
    if (!key.startsWith('val-')) onlyVal = false;
    const name = key === 'actor/pg_loss' && hasActorLoss ? key : VERL_NAMES.get(key);
    metrics.push([name ?? canonicalName(key), value]);
  }
  if (metrics.length === 0) return { record: undefined, cut };
  return {
    record: { format: 'verl', kind: onlyVal ? 'eval' : 'train', step, metrics },
    cut,
  };
}

/** A key, or the start of one, as verl prints them (`critic/score/me`, `timing_s/gen`). */
const KEY_PIECE_RE = /^[A-Za-z_][\w/@.-]*$/;

/** The rest of a key a terminal cut (`an` of `response_length/me`, `/rewards/min`), or none. */
const KEY_REST_RE = /^[\w/@.-]*$/;

/** The verl line read last, while a terminal may have cut its last key. */
export interface VerlState {
  step: number | undefined;
  cut: string | undefined;
}

/**
 * The line after a `step:N` line whose last key a terminal wrapped: it ends the key
 * (`prompt_length/max` ⏎ `:397.000 - prompt_length/min:36.000 - ...`, `critic` ⏎
 * `/rewards/min:-1.0 - ...`), then goes on with ` - key:value` fields of the same step.
 */
function readContinuation(line: string, state: VerlState): LineRecord | undefined {
  const step = state.step;
  const cut = state.cut;
  state.step = undefined;
  state.cut = undefined;
  if (step === undefined || cut === undefined) return undefined;
  const fields = line.trimEnd().split(' - ');
  const first = fields[0] ?? '';
  const colon = first.indexOf(':');
  // The rest of a key, or none, then `:value`; a line of its own (`MICRO BATCH: 4`) is no end.
  if (colon < 0 || !KEY_REST_RE.test(first.slice(0, colon))) return undefined;
  const record = verlFields(step, fields, cut).record;
  return record && record.metrics.length === fields.length ? record : undefined;
}

/** verl and TinyZero `step:N` lines, and the line that ends one a terminal wrapped. */
export const verlFormat = {
  id: 'verl' as const,
  name: 'verl, TinyZero',
  example:
    'step:0 - val-aux/openai/gsm8k/reward/mean@1:0.565 - val-core/openai/gsm8k/acc/mean@1:0.508',
  reads: 'line',
  createState: (): VerlState => ({ step: undefined, cut: undefined }),
  claims: (line, _first, state) =>
    state.cut !== undefined || (line.startsWith('step:') && line.indexOf(' - ') > 0),
  read: (line, state) => {
    if (state.cut !== undefined && !line.startsWith('step:')) return readContinuation(line, state);
    const m = /^step:(\d+) - (.*)$/.exec(line);
    if (!m) return undefined;
    const step = Number(m[1]);
    const read = verlFields(step, (m[2] ?? '').split(' - '), '');
    state.step = read.cut === undefined ? undefined : step;
    state.cut = read.cut;
    return read.record;
  },
} satisfies LineFormat<'verl', VerlState>;
