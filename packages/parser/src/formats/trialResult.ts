import { canonicalName } from '../canonicalName';
import { parseNumber } from '../parseNumber';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';

/** How far after the trial number its `value` may be (`finished with`, `resulted in`). */
const MAX_GAP = 40;

/**
 * Reads a hyperparameter search's trial result line: the number of the trial, then, after a few
 * words, its objective `value`.
 *
 * Grammar:
 * ```
 * line  := ... ("Trial" | "trial") [" "] ["#"] int words ("value" | "value:") " " n ...
 * words := letters and spaces only, at most 40 characters ("finished with", "resulted in")
 * ```
 * Real lines (Optuna 0.x to 4.x): `[I 2020-12-16 12:46:55,364] Trial 42 finished with value:
 * 0.934375 and parameters: {'n_layers': 1, 'lr': 0.0022}. Best is trial 31 with value: 0.95.`,
 * `Finished trial#0 resulted in value: 0.329. Current best value is 0.329 with parameters: {...}.`
 * and `Finished trial#0 with value: 1301.13 with parameters: {...}. Best is trial#0 with value: ...`.
 * The trial number is the step; trials run in parallel finish out of order (`Trial 14` before
 * `Trial 8`), which is no restart. The settings dict and the running best are not the trial's
 * result: only `value` is read. `Trial 45 pruned.` holds no value and is no record.
 *
 * @param line - The line.
 * @returns The record, or `undefined` for other lines.
 * @defaultValue undefined for other lines
 * @example
 * ```ts
 * trialResultRecord('Trial 3 finished with value: 0.12 and parameters: {}.')?.step; // 3
 * ```
 */
export function trialResultRecord(line: string): LineRecord | undefined {
  let at = line.indexOf('rial');
  for (let tries = 0; at > 0 && tries < 4; tries++) {
    const record = readAt(line, at);
    if (record) return record;
    at = line.indexOf('rial', at + 4);
  }
  return undefined;
}

function readAt(line: string, at: number): LineRecord | undefined {
  const t = line.charCodeAt(at - 1) | 32;
  if (t !== 116 /* t */) return undefined;
  if (at >= 2 && isLetter(line.charCodeAt(at - 2))) return undefined;
  let i = at + 4;
  if (line.charCodeAt(i) === 32) i++;
  if (line.charCodeAt(i) === 35 /* # */) i++;
  const n0 = i;
  while (isDigit(line.charCodeAt(i))) i++;
  if (i === n0 || i - n0 > 9) return undefined;
  const trial = Number(line.slice(n0, i));
  // The words between the number and `value`: letters and spaces only, a short phrase.
  const v = line.indexOf('value', i);
  if (v < 0 || v - i > MAX_GAP) return undefined;
  for (let k = i; k < v; k++) {
    const c = line.charCodeAt(k);
    if (c !== 32 && !isLetter(c)) return undefined;
  }
  if (v > i && line.charCodeAt(v - 1) !== 32) return undefined;
  let j = v + 5;
  if (line.charCodeAt(j) === 58 /* : */) j++;
  if (line.charCodeAt(j) !== 32) return undefined;
  while (line.charCodeAt(j) === 32) j++;
  let end = j;
  while (end < line.length && line.charCodeAt(end) !== 32 && line.charCodeAt(end) !== 44) end++;
  // A sentence's period after the number (`value: 0.329.`).
  let token = line.slice(j, end);
  if (token.endsWith('.')) token = token.slice(0, -1);
  const value = parseNumber(token);
  if (value === undefined) return undefined;
  return {
    format: 'trial-result',
    kind: 'train',
    step: trial,
    unordered: true,
    metrics: [['value', value]],
  };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

/** What the format remembers between lines: the trial whose `Complete` header was just read. */
export interface TrialResultState {
  trial: number | undefined;
}

/**
 * Reads a line of a Keras Tuner (and AutoKeras) search: `Trial 62 Complete [00h 02m 37s]` opens
 * the trial's result, the next line `val_loss: 0.523` is its objective at the trial's number;
 * `Best val_loss So Far: 0.396` (a running best) and `Total elapsed time: 04h 32m 29s` are no
 * record. Other lines are read as {@link trialResultRecord}.
 *
 * @param line - The line.
 * @param state - The format's state.
 * @returns The record, `'consumed'` for the block's other lines, or `undefined`.
 * @example
 * ```ts
 * const state = { trial: undefined };
 * readTrialLine('Trial 3 Complete [00h 00m 28s]', state); // 'consumed'
 * readTrialLine('val_accuracy: 0.352', state)?.step; // 3
 * ```
 */
export function readTrialLine(
  line: string,
  state: TrialResultState,
): LineRecord | 'consumed' | undefined {
  const trial = state.trial;
  // The block stays open over its objective line, which several ranks may print.
  state.trial = undefined;
  if (
    line.charCodeAt(0) === 66 /* B */ &&
    line.startsWith('Best ') &&
    line.indexOf(' So Far: ') > 0
  )
    return 'consumed';
  if (trial !== undefined) {
    const m = OBJECTIVE_RE.exec(line);
    const value = m ? parseNumber(m[2] as string) : undefined;
    if (m && value !== undefined) {
      state.trial = trial;
      return {
        format: 'trial-result',
        kind: 'train',
        step: trial,
        unordered: true,
        aside: true,
        metrics: [[canonicalName(m[1] as string), value]],
      };
    }
  }
  const header = COMPLETE_RE.exec(line);
  if (header) {
    state.trial = Number(header[1]);
    return 'consumed';
  }
  return trialResultRecord(line);
}

/** `Trial 62 Complete [00h 02m 37s]` (Keras Tuner, AutoKeras). */
const COMPLETE_RE = /^Trial (\d{1,9}) Complete \[/;

/** The objective line of a trial block: `val_loss: 0.5230200886726379`. */
const OBJECTIVE_RE = /^([A-Za-z_][\w/.-]{0,80}): ([-+]?[\d.][\d.eE+-]{0,40})\s*$/;

/** Hyperparameter search trial results (`Trial 3 finished with value: 0.12 and parameters: ...`). */
export const trialResultFormat = {
  id: 'trial-result' as const,
  name: 'Optuna, Keras Tuner trial results',
  example:
    "[I 2020-12-16 12:46:55,364] Trial 42 finished with value: 0.934375 and parameters: {'n_layers': 1, 'lr': 0.002257958293766287}. Best is trial 31 with value: 0.95.",
  reads: 'line',
  createState: (): TrialResultState => ({ trial: undefined }),
  claims: (line, first, state) =>
    state.trial !== undefined || line.indexOf('rial') > 0 || first === 66 /* B */,
  read: (line, state) => readTrialLine(line, state),
} satisfies LineFormat<'trial-result', TrialResultState>;
