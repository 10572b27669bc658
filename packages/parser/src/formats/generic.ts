import { canonicalName } from '../canonicalName';
import { parseNumber } from '../parseNumber';
import type { LineRecord } from './LineRecord';
import { readFieldPair } from './readFieldPair';

const PAIR_RE =
  /(?<![\w.@])([A-Za-z_][\w@#/.\-()]*(?: [A-Za-z_][\w@#/.\-()]*){0,2})\s*[:=]\s*((?:np\.float\d+|tensor)\([^)]*\)|[-+]?(?:\d|\.\d|[nN]a[nN]\b|inf\b)[^\s,|(;\])]*)/g;
const STEP_RE = /\b(?:Acc_iter|global[ _]step|iteration|iter|step|Step)\s*[:=]?\s*(\d+)\b/;
const EPOCH_BRACKET_RE = /\bEpoch(\(train\)|:)?\s*\[(\d+)\]\s*\[\s*(\d+)\s*\/\s*(\d+)\]/;
const EPOCH_PLAIN_RE = /\b[Ee]poch:? (\d+) \[\s*(\d+)\s*\/\s*(\d+)\]/;
const PREFIX_RE =
  /^(?:(?:.{0,80}?\s)?(?:INFO|WARNING|DEBUG)(?:\s+-\s+|\s+|:)|\[\d\d\/\d\d \d\d:\d\d:\d\d [\w.]+\]:\s+|[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [\w.]+:\d+\]\s+|(?:INFO|WARNING|DEBUG):[\w.]+:)/;
const SKIP_KEYS = new Set(['eta', 'ETA', 'Time cost']);

/**
 * Generic `key: value` / `key=value` fallback for trainers without a dedicated recogniser:
 * mmengine/xtuner, old mmcv, detectron2, torchvision/DeiT MetricLogger, timm-style, TF1 slim,
 * TF2 Object Detection, the PyTorch ImageNet example, modula, transformer-xl pipes, llama-recipes.
 *
 * Grammar (a line is a candidate only when it mentions a loss):
 * ```
 * line   := [logging prefix] (field sep)* field
 * field  := key (":" | "=" | " = ") value [" (" running-average ")"]  |  key " "+ value (tab/pipe separated)
 * step   := "iter: N" | "Acc_iter N" | "global step N" | "Step N" | "step: N"
 *         | "Epoch(train) [e][n/N]" (1-based e) | "Epoch: [e]  [n/N]" (0-based e) → e × N + n
 *           (explicit in the first epoch, where it is the printed counter; a progress position after)
 * ```
 * Real lines: `10/30 22:18:02 - mmengine - INFO - Epoch(train) [1][200/735]  lr: 1.9870e-04  eta: 2:46:39  time: 2.8906  data_time: 0.0042  memory: 10762  loss: 2.7522  grad_norm: 3.0608`,
 * `[03/11 21:47:38 d2.utils.events]:  eta: N/A  iter: 60  total_loss: 2.940  loss_box_reg_stage0: 0.185  lr: 0.000015  max_mem: 8517M`,
 * `INFO:tensorflow:global step 1: loss = 79.3501 (57.126 sec/step)`,
 * `Epoch: [0][  400/80073]\tTime  0.315 ( 0.372)\tData  0.002 ( 0.073)\tLoss 6.9802e+00 (7.0827e+00)\tlr 0.000000 (0.000002)`.
 * Lines starting with `Test`, `Eval`, `valid` or holding only `eval_`/`val_`/`test_` losses are eval records.
 * `Key: avg_train_loss, Value: 0.107` lines are end-of-run totals (summary).
 *
 * @param line - The line.
 * @returns The record, or `undefined` when no loss-bearing pair is found.
 * @defaultValue undefined for lines without metrics
 * @example
 * ```ts
 * genericRecord('iter: 60  total_loss: 2.940  lr: 0.000015')?.step; // 60
 * ```
 */
export function genericRecord(line: string): LineRecord | undefined {
  const summary = /^Key: ([^,]+), Value: (\S+)\s*$/.exec(line.trim());
  if (summary) {
    const value = parseNumber(summary[2] ?? '');
    if (value === undefined) return undefined;
    return { format: 'generic', kind: 'summary', metrics: [[(summary[1] ?? '').trim(), value]] };
  }
  let text = line;
  const prefix = PREFIX_RE.exec(text);
  if (prefix) text = text.slice(prefix[0].length);
  text = text.trim();
  if (text.startsWith('Averaged stats') || text.startsWith('best ')) return undefined;
  let step: number | undefined;
  let progressStep: number | undefined;
  const bracket = EPOCH_BRACKET_RE.exec(text);
  const plainEpoch = bracket ? null : EPOCH_PLAIN_RE.exec(text);
  if (bracket) {
    const e = Number(bracket[2]) - (bracket[1] === ':' ? 0 : 1);
    // In the first epoch the printed batch counter is the global iteration itself (explicit);
    // later epochs need the computed `e × N + n`, a position like a progress bar's.
    if (e <= 0) step = Number(bracket[3]);
    else progressStep = e * Number(bracket[4]) + Number(bracket[3]);
  } else if (plainEpoch) {
    const e = Number(plainEpoch[1]) - 1;
    if (e <= 0) step = Number(plainEpoch[2]);
    else progressStep = e * Number(plainEpoch[3]) + Number(plainEpoch[2]);
  }
  const explicit = STEP_RE.exec(text);
  if (explicit) {
    step = Number(explicit[1]);
    progressStep = undefined;
  }
  const metrics: Array<[string, number]> = [];
  const seen = new Set<string>();
  const push = (key: string, value: number): void => {
    const k = key.trim();
    if (SKIP_KEYS.has(k) || /^(?:Acc_iter|iter|iteration|step|Step|global step)$/.test(k)) return;
    const name = canonicalName(k.replace(/^(?:INFO|Train|Test set)\s+/, ''));
    if (seen.has(name)) return;
    seen.add(name);
    metrics.push([name, value]);
  };
  const readPairs = (segment: string): void => {
    PAIR_RE.lastIndex = 0;
    for (let m = PAIR_RE.exec(segment); m !== null; m = PAIR_RE.exec(segment)) {
      const value = parseNumber(m[2] ?? '');
      if (value !== undefined) push(m[1] ?? '', value);
    }
  };
  if (text.indexOf('\t') >= 0 || (text.startsWith('|') && text.indexOf(':') < 0)) {
    for (const field of text.split(/\t|\|/)) {
      if (/[:=]/.test(field)) {
        readPairs(field);
        continue;
      }
      const pair = readFieldPair(field);
      if (pair && !/^\[|^\d/.test(pair[0])) push(pair[0], pair[1]);
    }
  } else {
    readPairs(text);
    if (text.startsWith('|')) {
      for (const field of text.split('|')) {
        if (field.indexOf(':') >= 0) continue;
        const pair = readFieldPair(field);
        if (pair && !/^\d/.test(pair[0])) push(pair[0], pair[1]);
      }
    }
  }
  if (!metrics.some(([name]) => /loss/i.test(name) && !/loss.?scale/i.test(name))) return undefined;
  const evalLine =
    /^(?:\|\s*)?(?:Test|Eval|eval|valid|Valid|Validation)\b/.test(text) ||
    metrics.every(([name]) => !/loss/i.test(name) || /^(?:eval|val|valid|test)[_ ]/i.test(name));
  if (evalLine) {
    for (const metric of metrics) if (metric[0] === 'loss') metric[0] = 'eval_loss';
  }
  const record: LineRecord = { format: 'generic', kind: evalLine ? 'eval' : 'train', metrics };
  if (step !== undefined) record.step = step;
  else if (progressStep !== undefined) record.progressStep = progressStep;
  return record;
}
