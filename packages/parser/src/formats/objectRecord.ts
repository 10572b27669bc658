import { canonicalName, normalizeName } from '../canonicalName';
import { stepNameVariant } from '../grammar/stepNameVariant';
import type { LogFormat } from '../types';
import type { LineRecord } from './LineRecord';

/**
 * The keys and values of a flat dict/JSON object, as parallel columns (`values[i]` is `undefined`
 * for null, text, lists and nested objects).
 *
 * @example
 * ```ts
 * const object: FlatObject = { keys: ['loss'], values: [0.5], count: 1, quote: 'single' };
 * ```
 */
export interface FlatObject {
  keys: string[];
  values: Array<number | undefined>;
  /** Number of valid entries (the arrays may be longer, they are reused). */
  count: number;
  /** Key quotes: Python repr (`'`) or JSON (`"`). */
  quote: 'single' | 'double';
  /**
   * A record to fill in place instead of allocating one (the engine's per-line hot path; the
   * record must not be kept after it has been handled).
   */
  scratch?: LineRecord;
  /**
   * What `objectRecord` learnt about `keys[i]` (canonical name, step rank, ...), valid while
   * `infoKeys[i]` is that same key: lines repeat their layout, so most keys need no lookup at all.
   */
  info?: KeyInfo[];
  infoKeys?: string[];
}

/**
 * How a dict/JSON key is read: its canonical metric name and its role.
 *
 * @example
 * ```ts
 * const info: KeyInfo = { name: 'learning_rate', stepRank: 99, summary: false, eval: false, train: true, epoch: false, id: false, clock: false };
 * ```
 */
export interface KeyInfo {
  name: string;
  /** Preference as the step (0 best), 99 when the key is no step. */
  stepRank: number;
  summary: boolean;
  eval: boolean;
  train: boolean;
  epoch: boolean;
  /** An identifier (`pad_token_id`), a metric only beside real ones. */
  id: boolean;
  /** When the record was written (W&B's `_timestamp`, `_runtime`), never a metric. */
  clock: boolean;
}

const KEY_INFO = new Map<string, KeyInfo>();

/**
 * How a key is read (canonical name, step rank, summary/eval/train/epoch role), cached per key.
 *
 * @param key - A dict/JSON key as printed.
 * @returns Its {@link KeyInfo}.
 * @defaultValue a plain metric (`stepRank` 99, no role) for keys that are nothing special
 * @example
 * ```ts
 * keyInfo('lr').name; // 'learning_rate'
 * keyInfo('current_steps').stepRank; // 0
 * ```
 */
export function keyInfo(key: string): KeyInfo {
  const known = KEY_INFO.get(key);
  if (known !== undefined) return known;
  const name = canonicalName(key);
  const info: KeyInfo = {
    name,
    stepRank: STEP_RANK.get(key) ?? otherStepRank(key),
    summary: SUMMARY_KEYS.has(key),
    eval: key.startsWith('eval_'),
    train: name === 'loss' || name === 'learning_rate' || name === 'grad_norm',
    epoch: name === 'epoch',
    id: key.endsWith('_id'),
    clock: CLOCK_KEYS.has(key),
  };
  // Capped like canonicalName's cache, so a log of ever-new keys cannot grow it.
  if (KEY_INFO.size < 4096) KEY_INFO.set(key, info);
  return info;
}

const STEP_RANK = new Map([
  ['global_step', 0],
  ['current_steps', 0],
  ['num_updates', 0],
  ['iteration', 0],
  ['iter', 0],
  // Trackers' step keys: Lightning's W&B logger, Hugging Face's `train/global_step`, W&B's `_step`.
  ['trainer/global_step', 0],
  ['train/global_step', 0],
  ['global_steps', 0],
  ['step', 1],
  ['Step', 1],
  ['iterations', 1],
  ['train/step', 1],
  // W&B's count of `log` calls: any step key of the program's own comes first.
  ['_step', 3],
]);

/**
 * Step keys in other spellings, normalised: `Iter`, `it`, `train_step`, `GlobalStep`, and their
 * variants (`iter_num`, `cur_iter`, `Step#`, see {@link stepNameVariant}). Not `updates`: ParlAI's
 * dict counts the updates since its last report there.
 */
const OTHER_STEP_NAMES = new Set([
  'step',
  'steps',
  'global step',
  'global steps',
  'train step',
  'training step',
  'optimizer step',
  'opt step',
  'iter',
  'iters',
  'iteration',
  'iterations',
  'global iter',
  'global iteration',
  'it',
  'num updates',
  'timesteps',
  'total timesteps',
  'env steps',
]);

/** A tracker's namespace before a step key (`trainer/step`, `train/iter`). */
const STEP_NAMESPACE_RE = /^(?:train|trainer|training)\//;

/** The step rank of a key {@link STEP_RANK} does not list: 2 for a step key, else 99. */
function otherStepRank(key: string): number {
  if (key.length > 40) return 99;
  const name = normalizeName(key).replace(STEP_NAMESPACE_RE, '');
  return OTHER_STEP_NAMES.has(stepNameVariant(name) ?? name) ? 2 : 99;
}
/** W&B's history (`wandb-history.jsonl`): the wall clock and the seconds since the run started. */
const CLOCK_KEYS = new Set(['_timestamp', '_runtime']);
const SUMMARY_KEYS = new Set([
  'train_runtime',
  'train_samples_per_second',
  'train_steps_per_second',
  'total_flos',
]);

/**
 * Turns a dict/JSON record into a {@link LineRecord}: an end-of-run summary when it has
 * `train_runtime`-like totals, an eval record when it has `eval_*` keys and no train loss,
 * learning rate or grad norm, otherwise a train record; the step comes from `global_step`,
 * `current_steps`, `num_updates` (preferred) or `step`.
 *
 * @param object - Keys and values read from the object.
 * @param format - Format to report.
 * @param epochIsStep - Use an integer `epoch` as the step when no step key exists (epoch-level JSON logs).
 * @returns The record, or `undefined` when no value is numeric.
 * @defaultValue undefined when the object has no numeric value
 * @example
 * ```ts
 * objectRecord({ keys: ['loss', 'epoch'], values: [1.2, 0.5], count: 2, quote: 'single' }, 'hf-trainer', false)?.kind; // 'train'
 * ```
 */
export function objectRecord(
  object: FlatObject,
  format: LogFormat,
  epochIsStep: boolean,
): LineRecord | undefined {
  const { keys, values, count } = object;
  let step: number | undefined;
  let stepRank = 99;
  let hasEval = false;
  let hasTrain = false;
  let epoch: number | undefined;
  let onlyIds = true;
  const scratch = object.scratch;
  const metrics: Array<[string, number]> = scratch ? scratch.metrics : [];
  let m = 0;
  const infos = object.info;
  const infoKeys = object.infoKeys;
  for (let i = 0; i < count; i++) {
    const key = keys[i] as string;
    let info: KeyInfo;
    if (infos !== undefined && infoKeys !== undefined) {
      const cached = infos[i];
      if (cached !== undefined && infoKeys[i] === key) info = cached;
      else {
        info = keyInfo(key);
        infos[i] = info;
        infoKeys[i] = key;
      }
    } else info = keyInfo(key);
    if (info.summary) return summaryRecord(object, format);
    if (info.clock) continue;
    const value = values[i];
    if (value === undefined) continue;
    const rank = info.stepRank;
    if (rank !== 99) {
      if (rank < stepRank && Number.isFinite(value)) {
        step = value;
        stepRank = rank;
      }
      continue;
    }
    if (info.eval) hasEval = true;
    if (!info.id) onlyIds = false;
    const name = info.name;
    if (info.train) hasTrain = true;
    else if (info.epoch) epoch = value;
    const slot = metrics[m];
    if (slot) {
      slot[0] = name;
      slot[1] = value;
    } else metrics.push([name, value]);
    m++;
  }
  // Setting `length` is a runtime call even when it does not change: lines repeat their layout.
  if (metrics.length !== m) metrics.length = m;
  // `Updated tokens: {'bos_token_id': 2, 'pad_token_id': 0}.` (TRL): settings, not a record.
  if (m === 0 || onlyIds) return undefined;
  if (step === undefined && epochIsStep && epoch !== undefined && Number.isInteger(epoch)) {
    step = epoch;
  }
  const kind = hasEval && !hasTrain ? 'eval' : 'train';
  if (scratch) {
    scratch.format = format;
    scratch.kind = kind;
    scratch.step = step;
    return scratch;
  }
  const record: LineRecord = { format, kind, metrics };
  if (step !== undefined) record.step = step;
  return record;
}

function summaryRecord(object: FlatObject, format: LogFormat): LineRecord {
  const metrics: Array<[string, number]> = [];
  for (let i = 0; i < object.count; i++) {
    const value = object.values[i];
    if (value !== undefined) metrics.push([object.keys[i] as string, value]);
  }
  return { format, kind: 'summary', metrics };
}
