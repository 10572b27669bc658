import { canonicalName, normalizeName } from '../canonicalName';
import { type ScannedPair, scanPairs } from '../grammar/scanPairs';
import { stepNameVariant } from '../grammar/stepNameVariant';
import { parseNumber } from '../parseNumber';
import type { LineFormat } from './FormatDescriptor';
import type { LineRecord } from './LineRecord';
import { readSummaryTree, type SummaryTreeState } from './readSummaryTree';

/** What the general grammar remembers across lines. */
export interface GeneralState {
  /**
   * Name sets of lines without metric words (`Num examples = 467`), with the values they had: such
   * a line is a record only when its names come back with other values.
   */
  signatures: Map<string, string>;
  /** An epoch 0 was printed: epochs count from 0 in this log. */
  zeroBasedEpochs: boolean;
  /**
   * The step name of the line that opened the vertical block being read (`Iteration: \t 0` above
   * one `Name: \t value` a line, deeprm), else `undefined`.
   */
  block: string | undefined;
  /** Rows read since a two-column rule opened a table with no step name (`block` is `''`). */
  tableRows: number;
  /**
   * Lines left in a pasted run of settings (`Optimizer = AdamW8bit`, then `Max grad norm = 8`):
   * a lone `name = number` among them is a setting, not a metric.
   */
  settings: number;
  /** The epoch a line of its own announced last (`Epoch 3/10`), for the records below it. */
  currentEpoch: number | undefined;
  /**
   * The step a line of its own announced last (`--> STEP: 200/3984 -- GLOBAL_STEP: 200`), for the
   * step-less records below it, until a record prints its own step.
   */
  headerStep: number | undefined;
  /** A line of words with an eval word (`--> EVAL PERFORMANCE`) came after that step line. */
  headerEval: boolean;
  /**
   * The named step of the line read just before (`Training Step: 2  | total loss: 114.27`), for a
   * line below it whose only counter is a position inside an epoch (`| epoch: 002 | ... -- iter:
   * 239/239`): that line continues the record above and takes its step.
   */
  lineStep: number | undefined;
  /** The line that last took `lineStep`: the same line printed again (by another rank) takes it too. */
  lineStepTaker: string | undefined;
  /**
   * The phase a line of its own opened (`Train:`, `Valid:`), for the one-pair lines below it
   * (`\tAverage loss: 0.0847`): one record of that phase; `lines` counts the lines read in it.
   */
  phaseBlock: { eval: boolean; lines: number } | undefined;
  /** The summary tree being read (super-gradients' `SUMMARY OF EPOCH 1`), else `undefined`. */
  tree: SummaryTreeState | undefined;
  /** Names of the records placed at that step: a name coming back ends the step's reach. */
  headerNames: Set<string>;
  /** Names of the records without any step since the last record with one. */
  steplessNames: Set<string>;
  /**
   * A name came back without a step in between: the records are counted, and a stray step line
   * is no header.
   */
  countedLog: boolean;
  /**
   * The last `batch: N` counter read as the step; `-1` once one went back (a counter that starts
   * again each epoch, whose epochs are not printed): never a step again.
   */
  lastBatch: number | undefined;
  /** Steps printed beside epochs, to tell a global step from one that starts again each epoch. */
  epochSteps: {
    firstEpoch: number | undefined;
    lastEpoch: number | undefined;
    lastStep: number | undefined;
    /** Longest epoch seen, in steps. */
    length: number;
    inEpoch: boolean;
  };
}

/**
 * Step spellings, best first (normalised: lower case, one space between words). The list is open
 * in the logs; these are the ones trainers print.
 */
const STEP_NAMES = new Map<string, number>(
  [
    'global step',
    'global steps',
    'step',
    'steps',
    'current steps',
    'completed step',
    'completed steps',
    'num updates',
    // flashlight / wav2letter's `epoch: 199 | nupdates: 6960891 | lr: 0.000015 | loss: 256.1`.
    'nupdates',
    'updates',
    'update',
    // Marian's `Ep. 1 : Up. 14000 : Sen. 965,843 : Cost 5.20`: `Up.` counts the updates.
    'up',
    'train step',
    'training step',
    // MobileFaceNet's `epoch 0, total_step 22050, total loss is 48.44`: the steps so far (a plural
    // `total_steps` is the length of the run, printed the same on every line, and stays a metric).
    'total step',
    'optimizer step',
    'opt step',
    'iteration',
    'iterations',
    'iter',
    'iters',
    // MiniLLM's `inner iter:   7/  8 | ppo epoch:  2/ 4 | global iter:     13/  5000|`.
    'global iter',
    'global iteration',
    'it',
    'acc iter',
    'total timesteps',
    'num timesteps',
    'timesteps total',
    'timesteps',
    'env steps',
    // StyleGAN's `tick 14    kimg 70.1    time 1h 38m 21s   sec/tick 366.1`: one line a tick.
    'tick',
    // `训练次数：100，Loss：2.29`: the count of training steps (Chinese tutorials).
    '训练次数',
    '训练步数',
    '迭代次数',
    '步数',
    // `Schritt 1`, `шаг 20`, `스텝 100`: step in other languages.
    'schritt',
    'paso',
    'passo',
    'шаг',
    '스텝',
    'ステップ',
  ].map((name, rank) => [name, rank]),
);

/**
 * A step named by words that qualify it (`batch training step 5 loss: 4.09`, `train batch step`):
 * the words say which counter it is, the last word says it is the step.
 */
const QUALIFIED_STEP_RE = /^(?:(?:batch|train|training|global|optimizer|update)\s)+steps?$/;

/**
 * Words announcing that a step or an epoch begins or ends, printed before its name: DeepChem's
 * `Ending global_step 60: Average loss 8.58`, torch-ngp's `==> Start Training Epoch 1, lr=0.01 ...`.
 * A bare `start` / `end` is not one of them (`start_epoch: 0` is a setting).
 */
const EVENT_LEAD_RE =
  /^(?:(?:starting|beginning|ending|finishing)\s(?:training\s)?|(?:start|begin|end|finish)\straining\s)/;

/** The name of a step or an epoch without the words announcing it begins or ends. */
function withoutEventLead(key: string): string {
  const c = key.charCodeAt(0);
  // `s`, `b`, `e`, `f`: the only first letters of the announcing words.
  if (c !== 115 && c !== 98 && c !== 101 && c !== 102) return key;
  return key.replace(EVENT_LEAD_RE, '');
}

/** The rank of a step name ({@link STEP_NAMES}, then a qualified `... step`), else `undefined`. */
function stepRankOf(key: string): number | undefined {
  const rank = STEP_NAMES.get(key) ?? STEP_NAMES.get(withoutEventLead(key));
  if (rank !== undefined) return rank;
  const variant = stepNameVariant(key);
  if (variant !== undefined) return STEP_NAMES.get(variant);
  return key.length <= 48 && key.indexOf('step') > 0 && QUALIFIED_STEP_RE.test(key)
    ? STEP_NAMES.get('training step')
    : undefined;
}

/** A step of the evaluation loop (`valid step`, `eval iter`, `test batch`). */
const EVAL_STEP_RE = /^(?:eval|evaluation|val|valid|validation|test|dev) (?:step|iter|batch)$/;

/** A head saying its dict is no point of the curve: a best, final or averaged result. */
const NOT_A_POINT_RE = /^(?:best|final|overall|summary|total|average|avg|mean)\b/;

/**
 * The step a line's words give the dict printed after them: `Step 10: {'loss': 2.3}`,
 * `[step 10] {...}`, `iteration 300 - {...}`, `Epoch 3 {'train_loss': ...}` (the epoch, when no step
 * is named): a short head of a step (and an epoch) and at most one other word; anything else
 * (a sentence, other values, a bar, a best or final result) gives none.
 *
 * @param head - The text before the dict, logger prefix removed.
 * @returns The step, or `undefined`.
 * @example
 * ```ts
 * headStep('Step 10:'); // 10
 * headStep('Saving dict for global step 10:'); // undefined
 * ```
 */
export function headStep(head: string): number | undefined {
  if (head.length > 80 || head.indexOf('%|') >= 0) return undefined;
  const scanned = scanPairs(head);
  if (scanned.pairs.length === 0 || scanned.pairs.length > 2) return undefined;
  let step: number | undefined;
  let rank = 99;
  let epoch: number | undefined;
  for (const pair of scanned.pairs) {
    if (!Number.isInteger(pair.value) || pair.value < 0 || pair.decimal === true) return undefined;
    const key = normalizeName(pair.name);
    const r = stepRankOf(key);
    if (r !== undefined) {
      if (r < rank) {
        step = pair.value;
        rank = r;
      }
    } else if (key === 'epoch' || key === 'epochs') epoch = pair.value;
    else return undefined;
  }
  // One word may stand beside the counters (`metrics`, `logs`, `Evaluating`), not a sentence, and
  // not one saying the dict is no point of the curve (`Best step 40: {...}`).
  if (scanned.proseWords > 1 || NOT_A_POINT_RE.test(scanned.lead)) return undefined;
  return step ?? epoch;
}

/** Positions inside an epoch when an epoch is printed beside them (`Batch 100/600`). */
const POSITION_NAMES = new Set([
  'batch',
  'batches',
  'iter',
  'iteration',
  'step',
  'it',
  'idx',
  // The same in other languages (`| 에폭 1 |  반복 1 / 19 |`, `Эпоха 2, батч 10/50`).
  '반복',
  '배치',
  '스텝',
  'バッチ',
  'イテレーション',
  'ステップ',
  'итерация',
  'батч',
  'шаг',
  'schritt',
  'lote',
  'iteración',
  'iteração',
  'passo',
  'paso',
]);

const CONFIRMED = '\u0001';

/** A phase word and a colon alone on a line: `Train:`, `Valid:`, `Validation:`, `Test:`. */
const PHASE_HEADER_RE =
  /^(train|training|valid|validation|val|eval|evaluation|test|testing|dev) ?:$/i;
/** Any character beyond ASCII. */
const NON_ASCII_RE = /[\u0080-\uffff]/;

/** Two runs of dashes and nothing else: the rule above a two-column table (`-----  ----`). */
const TWO_COLUMN_RULE_RE = /^-{3,} +-{3,} *$/;

/** The noun of a heading over a block of results. */
const RESULTS_NOUN_RE = /\b(?:Results|Metrics|Timing|Stats)\b/;
const LEADING_SYMBOLS_RE = /^[^A-Za-z]*/;
const WORD_RE = /^[A-Za-z]{1,20}$/;

/**
 * A heading over a block of results, symbols before it allowed: `📊 Training Results:`,
 * `⏱️  Timing:`, `📊 Validation Results for \`default\` set:`. At most two words before the noun,
 * one colon, at the end.
 */
function isResultsHeading(text: string): boolean {
  const t = text.trim();
  if (t.length > 80 || t.indexOf(':') !== t.length - 1) return false;
  const noun = RESULTS_NOUN_RE.exec(t);
  if (!noun) return false;
  const before = t.slice(0, noun.index).replace(LEADING_SYMBOLS_RE, '').split(' ');
  const words = before.filter((word) => word.length > 0);
  return words.length <= 2 && words.every((word) => WORD_RE.test(word));
}

/** A bracketed counter and nothing else on the line (`[batch=1/100]:`, `[step=20]`). */
const COUNTER_HEADER_RE = /^\[[^[\]]{1,60}\]:?$/;

// `over 6400 frames` (Kaldi's objective `over` its frames): the count an average was taken over.
/**
 * `Tue Sep 17 15:31:41 2019` (`time.ctime()`, an `etc:` finish time): a month, maybe after its
 * weekday, names the day of a date, not a metric.
 */
const DATE_NAME_RE =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6} )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}$/;

const SKIP_NAMES = new Set(['eta', 'time left', 'remaining', 'remaining time', 'v num', 'over']);

const EVAL_WORDS = new Set([
  'eval',
  'evaluation',
  'evaluating',
  'val',
  'valid',
  'validation',
  'validating',
  'test',
  'testing',
  'dev',
]);

/** Words that make a name a metric (`val acc`, `rewards/margins`, `top1`), matched as whole words. */
const METRIC_WORD_RE =
  /(?:^|[\s/.@_'\u0080-\uffff])(?:\w*loss|losses|acc|accuracy|acc\d|top\d|ppl|perplexity|reward|rewards|score|bleu|rouge\w*|f1|auc|map\w*|iou|miou|dice|error|err|kl|entropy|norm|lr|wer|cer|precision|recall|mse|mae|rmse|l1|l2|bpb|bpc|nll|xent|return|returns|mrr|ndcg|margin|margins|logps|logits|psnr|ssim|fid|objective|objf|mfu|throughput|tflops|grad|kld|elbo|likelihood|ce|bce)(?=$|[\s/.@\d_-])/;

/**
 * `epoch time: 72110.166 ms, per step time: 38.459 ms` (MindSpore's TimeMonitor), `step time`,
 * `batch time`: the time an epoch or a step took is charted like a metric.
 */
const TIMING_NAME_RE = /(?:^|\s)(?:epoch|step|batch|iter|iteration) time$/;

/**
 * The same words in other scripts and languages (`训练损失`, `正确率`, `学习率`, `퍼플렉서티`,
 * `Потери`, `Verlust`, `Erreur moyenne`, `pérdida`), anywhere in the name, for names with a
 * character beyond ASCII or one of the Latin-script words.
 */
const CJK_METRIC_WORD_RE =
  /损失|損失|准确率|正确率|準確率|精度|召回率|学习率|學習率|学習率|困惑度|奖励|誤差|误差|손실|정확도|퍼플렉서티|학습률|오차|потер|ошибк|точност|перплекси|verlust|genauigkeit|fehler|perte|erreur|pr[ée]cision|p[ée]rdida|perda|precis[ãa]o|precisi[óo]n|exactitud|acur[áa]cia|perdita|kay[ıi]p|do[ğg]ruluk|m[ấa]t m[áa]t/;

/** A Latin-script metric word of another language opening a name (see {@link CJK_METRIC_WORD_RE}). */
const LOCAL_METRIC_START_RE =
  /^(?:verlust|genauigkeit|fehler|perte|erreur|p[ée]rdida|perda|precis|exactitud|acur|perdita|kay|do[ğg]ruluk|m[ấa]t)/;

/** `valid`, `Test`, `evaluation`: a word that announces an evaluation line (any case). */
export function isEvalWord(word: string): boolean {
  return EVAL_WORDS.has(word.toLowerCase());
}

/**
 * The names of an evaluation record's metrics: its loss (bare, or `val loss`, `test loss`, ...)
 * becomes `eval_loss`; when the record was announced as an evaluation (`valid:`, `Test Epoch 3`),
 * its other metrics but epoch and learning rate get the `eval_` prefix unless already named so.
 *
 * @param metrics - the record's metrics, renamed in place
 * @param announced - an eval word announced the record
 */
export function renameEvalMetrics(metrics: Array<[string, number]>, announced: boolean): void {
  for (const metric of metrics) {
    const name = metric[0];
    if (
      name === 'loss' ||
      /^(?:eval|val|valid|validation|test|dev) loss$/.test(normalizeName(name))
    ) {
      metric[0] = 'eval_loss';
    } else if (
      announced &&
      name !== 'epoch' &&
      name !== 'eval_loss' &&
      name !== 'learning_rate' &&
      !/^(?:eval|val|valid|validation|test|dev)[_ /-]/i.test(name)
    ) {
      // `Evaluation precision: 0.5, recall: 0.4` (PaddleNLP): the word that announced the line
      // opens the first name; it names no metric.
      const rest = /^evaluation (?=\S)/i.test(name) ? name.slice(11) : name;
      metric[0] = `eval_${rest}`;
    }
  }
}

/**
 * The general grammar of a text metric line, for every trainer without a format of its own: pairs
 * in any spelling (`key: value`, `key=value`, `key value`, `Key Value` in sentences), separated by
 * `,` `;` `|` tabs or spaces, read by {@link scanPairs}; then the step, the kind of record and
 * whether the line is a record at all.
 *
 * ```
 * step    := a pair named step / global_step / iter / iteration / Iter / update / num_updates /
 *            current_steps / completed step / timesteps ...        (explicit)
 *          | "[" int "]" or int "|" opening the line               (explicit)
 *          | epoch e with a position n/N in it (`Epoch [2/10], Step [100/600]`, `Epoch: [27] [10/31]`)
 *                                                                   (progress: e × N + n)
 * eval    := the words before the first pair say so (`Test set:`, `Validation`, `eval epoch 2`),
 *            or every loss on the line is an eval loss (`val_loss`)
 * record  := at least one metric, and the line is not prose: few words belong to no pair, and a
 *            line whose names are no metric words must repeat its names on another line
 * ```
 * Real lines: `Epoch 5, Time 4981.4s, Loss 0.5731, LR 0.1111`,
 * `epoch 81 | loss: 0.14 | ValLoss: 1.07`, `Step 5350/50000; acc: 61.42; ppl: 6.87; xent: 1.93`,
 * `total loss 3.4 | loss scale 32768.0`, `[936] loss=2.114 lr=1.2e-4 tps: 10,049`.
 *
 * @param line - The line, transport and logger prefixes removed.
 * @param ctx - What the grammar remembers (the name sets seen before, the epochs seen).
 * @param counter - The number of an `N:` prefix removed before (an `srun -l` rank or a counter).
 * @param tagged - A bracketed eval tag (`[valid]`) opened the line: an evaluation record.
 * @returns The record, or `undefined` for prose and noise.
 * @defaultValue undefined for lines that are no record
 * @example
 * ```ts
 * generalRecord('Epoch 5, Time 4981.4s, Loss 0.5731, LR 0.1111', ctx)?.metrics;
 * // [['epoch', 5], ['Time', 4981.4], ['loss', 0.5731], ['learning_rate', 0.1111]]
 * ```
 */
export function generalRecord(
  line: string,
  ctx: GeneralState,
  counter?: number,
  tagged = false,
): LineRecord | undefined {
  // Logger prefixes were removed by the line reader, before any format saw the line.
  const text = line;
  const taker = ctx.lineStepTaker;
  const stepAbove = taker === undefined || taker === text ? ctx.lineStep : undefined;
  ctx.lineStep = undefined;
  ctx.lineStepTaker = undefined;
  const phaseBlock = ctx.phaseBlock;
  ctx.phaseBlock = undefined;
  if (text.length === 0) return undefined;
  const first = text.charCodeAt(0);
  if (first === 0x2502 || first === 0x251c || first === 0x2514 || first === 83 || first === 115) {
    ctx.tree ??= { epoch: undefined, eval: false, depth: undefined, lines: 0 };
    const branch = readSummaryTree(text, ctx.tree);
    if (branch === 'consumed') return undefined;
    if (branch) return branch;
  }
  // `Train:` / `Valid:` alone on a line: the phase of the one-pair lines below it.
  if (text.length <= 32 && text.trimEnd().endsWith(':')) {
    const phase = PHASE_HEADER_RE.exec(text.trimEnd());
    if (phase !== null) {
      ctx.phaseBlock = { eval: !/^train/i.test(phase[1] as string), lines: 0 };
      return undefined;
    }
  }
  // `[valid] Ep. 1 : Up. 20000 : perplexity : 187.458 : new best` (Marian): a bracketed eval tag
  // opening the line announces an evaluation record, whatever its names.
  const tag = EVAL_TAG_RE.exec(text);
  if (tag) return generalRecordTagged(text.slice(tag[0].length), ctx, counter);
  const keyValue = readKeyValueSummary(text);
  if (keyValue) return keyValue;
  const scalar = readScalarPrint(text);
  if (scalar) return scalar;
  const stepRate = text.charCodeAt(0) === 91 ? readStepRateList(text) : undefined;
  if (stepRate) {
    // The step of the named losses printed on the lines below it.
    ctx.headerStep = stepRate.step;
    ctx.headerEval = false;
    ctx.headerNames.clear();
    ctx.headerNames.add('learning_rate');
    return {
      format: 'generic',
      kind: 'train',
      step: stepRate.step,
      metrics: [['learning_rate', stepRate.rate]],
    };
  }
  const iterText = readLossIteration(text);
  const atText = readAtStepIs(readLearningRateChange(dropBestPosition(iterText)));
  const sentenceStep = atText !== iterText;
  const lrText = readValueUnits(readFractionPercent(readBracketCounters(atText)));
  const scanned = scanPairs(lrText.indexOf('第') >= 0 ? readOrdinals(lrText) : lrText);
  const { pairs } = scanned;
  const settings = ctx.settings;
  if (settings > 0) ctx.settings = settings - 1;
  if (pairs.length === 0) {
    // `----------  -------` (tabulate's plain two-column rule, rllab's and rlpyt's `dump_tabular`):
    // one `name value` row a line follows, a vertical table whatever its names.
    // So does a heading of results (`📊 Training Results:`, `⏱️  Timing:`, NeMo-RL): the lines of
    // one pair under it are that block's record, whatever their names.
    ctx.block = TWO_COLUMN_RULE_RE.test(text) || isResultsHeading(text) ? '' : undefined;
    ctx.tableRows = 0;
    if (isSetting(text)) ctx.settings = 3;
    // `--> EVAL PERFORMANCE` under a step line: the one-metric lines below it are the evaluation.
    if (ctx.headerStep !== undefined && scanned.proseWords <= 3 && hasEvalWord(scanned.lead)) {
      ctx.headerEval = true;
    }
    return undefined;
  }
  // FANN's `Max epochs   500000. Desired error: 0.0010000000.`: the run's limits, printed once
  // before it, open with the most epochs (or steps) it may take: settings, not a record.
  if (RUN_LIMIT_RE.test(normalizeName((pairs[0] as ScannedPair).name))) return undefined;
  if (settings > 0 && pairs.length === 1 && isSetting(text)) {
    ctx.settings = 3;
    return undefined;
  }
  // One `name: value` pair and nothing else: a line of a vertical block, or its step header.
  const lone = pairs.length === 1 && scanned.proseWords === 0;
  // Inside a block, another step name (`NumTimesteps: \t 32549` under `Iteration: \t 0`) is a metric.
  const blockMetric = lone && ctx.block !== undefined;
  let stepKey = '';
  // `wandb:   train/loss 0.5` under `wandb: Run summary:`: the tracker's end-of-run table.
  if (text.startsWith('wandb:')) {
    const metrics: Array<[string, number]> = [];
    for (const pair of pairs) if (pair.name !== 'wandb') metrics.push([pair.name, pair.value]);
    return metrics.length > 0 ? { format: 'generic', kind: 'summary', metrics } : undefined;
  }
  // `- Loss: 0.8238` under `It achieves the following results`: a Markdown list of final results
  // (model cards, READMEs) is a summary, not a curve.
  if (pairs.length === 1 && (text.startsWith('- ') || text.startsWith('* '))) {
    const pair = pairs[0] as ScannedPair;
    if (pair.assigned)
      return { format: 'generic', kind: 'summary', metrics: [[pair.name, pair.value]] };
  }

  let step: number | undefined;
  let stepRank = 99;
  let progressStep: number | undefined;
  let epoch: ScannedPair | undefined;
  let position: { value: number; total: number } | undefined;
  let positionFromStep = false;
  /** The step or progress step was made of a position inside an epoch. */
  let fromPosition = false;
  let evalCounter = false;
  const metrics: Array<[string, number]> = [];
  const seen = new Set<string>();
  let prose = scanned.proseWords;
  let assigned = 0;
  // A scheduler's sentence is an event of the run, not a setting printed once; so is a Caffe net
  // output (`Train net output #0: lambda = 5`), whatever its name, printed under every iteration.
  let metricLike = tagged || lrText !== text || NET_OUTPUT_RE.test(scanned.lead);
  let evalNames = 0;
  let lossNames = 0;
  let batchCounter: ScannedPair | undefined;
  let phaseCounter: ScannedPair | undefined;
  let percents = 0;
  const keys = pairs.map((pair) => normalizeName(pair.name));
  for (let p = 0; p < pairs.length; p++) {
    const pair = pairs[p] as ScannedPair;
    const key = keys[p] as string;
    if (
      key.length === 0 ||
      SKIP_NAMES.has(key) ||
      isSourceLocation(pair.name) ||
      (pair.value >= 1 && pair.value <= 31 && DATE_NAME_RE.test(key))
    ) {
      prose++;
      continue;
    }
    if (pair.total !== undefined && POSITION_NAMES.has(key) && !STEP_NAMES.has(key)) {
      // `Batch 100/600`: a position inside the epoch, never a metric.
      if (position === undefined) position = { value: pair.value, total: pair.total };
      continue;
    }
    if (
      EVAL_WORDS.has(key) &&
      Number.isInteger(pair.value) &&
      // `val 3.0000` is a validation value that happens to be whole; a counter prints no fraction.
      pair.decimal !== true &&
      (pair.total !== undefined || !pair.assigned || (pair === pairs[0] && pairs.length > 1))
    ) {
      // `| Eval  12 at step 48000 |`, `Test: [ 0/29]`, `Test:0, Cost:0.27` opening the line: the
      // eval's own counter announces an evaluation (but `Val: 0.2020` is a metric named Val).
      evalCounter = true;
      continue;
    }
    if (
      pair === pairs[0] &&
      pair.total !== undefined &&
      (key === 'train' || key === 'training') &&
      Number.isInteger(pair.value)
    ) {
      // A phase word and a bracketed counter opening the line (a MetricLogger header): Swin's
      // `Train: [14/300][250/1251]` (the epoch, then the position in it), DINOv2's
      // `Training  [     40/5000000]` (the run's iteration). Never a metric named `Train`.
      phaseCounter = pair;
      continue;
    }
    if (EVAL_STEP_RE.test(key) && Number.isInteger(pair.value) && pair.value >= 0) {
      // PaddleClas's `epoch:0  , valid step:50  , top1: 0.75, loss: 0.97`: the eval loop's step
      // announces an evaluation and is its step.
      evalCounter = true;
      if (stepRank > 0) {
        step = pair.value;
        stepRank = 0;
      }
      continue;
    }
    if (key === 'batch' && pair.total === undefined && batchCounter === undefined) {
      batchCounter = pair;
      continue;
    }
    const rank = blockMetric && key !== ctx.block ? undefined : stepRankOf(key);
    if (rank !== undefined) {
      if (pair.total !== undefined && POSITION_NAMES.has(key) && position === undefined) {
        position = { value: pair.value, total: pair.total };
        positionFromStep = true;
      }
      if (rank < stepRank && Number.isFinite(pair.value) && pair.value >= 0) {
        // `Step: 86k` (a vocoder's `| Step: 86k |`): thousands of steps.
        step = pair.thousands === true ? pair.value * 1000 : pair.value;
        stepRank = rank;
        stepKey = key;
      }
      continue;
    }
    if (pair.assigned) assigned++;
    if (pair.percent) percents++;
    // `226/572: 84.8 (84.8) Hz objective: 44.63` (MatConvNet): the speed's unit opens the next name.
    let name = canonicalName(key.startsWith('hz ') ? pair.name.slice(3) : pair.name);
    // `average_loss = 0.055, ..., loss = 1.66` (TF Estimator's evaluation): a spelling of a
    // canonical name printed beside that name itself keeps its own name.
    if (pairs.length > 1 && name !== pair.name.trim()) {
      const exact = CANONICAL_KEYS.get(name) ?? normalizeName(name);
      if (exact !== key && keys.includes(exact)) name = pair.name.trim();
    }
    // `train epoch: 1`, `eval epoch: 1` (Flax examples): the epoch of a train or an eval line.
    if (
      name === 'epoch' ||
      // FANN's `Epochs            1. Current error: 0.36`: the epochs done so far.
      (key === 'epochs' && pair.total === undefined && pair === pairs[0]) ||
      /^(?:train(?:ing)? |eval |val |valid |validation |test |finished |completed )?epoch(?:\(\w+\))?$/.test(
        key,
      ) ||
      (key.endsWith(' epoch') && withoutEventLead(key) === 'epoch')
    ) {
      name = 'epoch';
      epoch ??= pair;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    if (
      name === 'loss' ||
      name === 'eval_loss' ||
      METRIC_WORD_RE.test(key) ||
      TIMING_NAME_RE.test(key) ||
      // `train/s2s     : 4.0577`, `eval/ctc : 4.51` (AuxiliaryASR): a name under a phase's namespace
      // is a measure of that phase, the way trackers file them.
      PHASE_NAMESPACE_RE.test(key) ||
      ((key.charCodeAt(0) > 127 || LOCAL_METRIC_START_RE.test(key) || NON_ASCII_RE.test(key)) &&
        CJK_METRIC_WORD_RE.test(key))
    ) {
      metricLike = true;
    }
    if (/loss/.test(key)) {
      lossNames++;
      if (name === 'eval_loss' || /^(?:eval|val|valid|validation|test|dev)\b/.test(key))
        evalNames++;
    }
    metrics.push([name, pair.value]);
  }
  if (phaseCounter !== undefined) {
    const nested = scanned.loose.some((n) => n.total !== undefined && Number.isInteger(n.value));
    if (nested && epoch === undefined) {
      epoch = phaseCounter;
      if (!seen.has('epoch')) {
        seen.add('epoch');
        metrics.unshift(['epoch', phaseCounter.value]);
      }
    } else if (
      !nested &&
      epoch === undefined &&
      stepRank === 99 &&
      ctx.currentEpoch === undefined &&
      phaseCounter.value >= 0
    ) {
      step = phaseCounter.value;
      stepRank = STEP_NAMES.size;
    }
  }
  if (batchCounter !== undefined) {
    // BMSG-GAN's `Elapsed [8:37:01] batch: 37350  d_loss: 0.0  g_loss: 20.8`: a batch counter with
    // no total opening the line, no epoch anywhere, counts the run's batches: a step. Beside an
    // epoch it is a position inside it, kept as printed.
    // (Opening the line: after `Pass 0, Batch 100` the pass is the epoch, unnamed as such.)
    const b = batchCounter.value;
    if (ctx.lastBatch !== undefined && ctx.lastBatch >= 0 && b < ctx.lastBatch) ctx.lastBatch = -1;
    if (
      ctx.lastBatch !== -1 &&
      batchCounter === pairs[0] &&
      step === undefined &&
      epoch === undefined &&
      position === undefined &&
      ctx.currentEpoch === undefined &&
      metrics.length > 0 &&
      Number.isInteger(b) &&
      b >= 0
    ) {
      step = b;
      stepRank = STEP_NAMES.size;
      stepKey = 'batch';
      ctx.lastBatch = b;
    } else if (
      batchCounter.range === true &&
      epoch !== undefined &&
      epoch.value === 0 &&
      stepRank === 99 &&
      Number.isInteger(b)
    ) {
      // `Epoch[0] Batch [8880-8900]`: in the first epoch the batches done are the run's steps.
      step = b;
      stepRank = STEP_NAMES.size;
    } else if (!seen.has('batch')) {
      seen.add('batch');
      metrics.push([canonicalName(batchCounter.name), b]);
    }
  }
  // Darknet's `11000: 0.051831, 0.085730 avg loss, 0.001000 rate, ...`: the unnamed value after
  // the counter is the batch's loss, the named one its running average (kept as `avg loss`).
  const avg = scanned.leadingCounter !== undefined ? AVG_AFTER_VALUE_RE.exec(text) : null;
  if (avg !== null && scanned.loose.length === 1) {
    const avgName = normalizeName(pairs[0]?.name ?? '');
    const base = avgName.startsWith('avg ') ? avgName.slice(4) : '';
    const index = metrics.findIndex(([name]) => name === canonicalName(base));
    const lone = scanned.loose[0]?.value;
    if (base.length > 0 && index >= 0 && lone !== undefined && !seen.has(`avg ${base}`)) {
      const metric = metrics[index] as [string, number];
      metrics.splice(index, 1, [metric[0], lone], [`avg ${base}`, metric[1]]);
    }
  }
  // `epoch 0, learning rate 0.001` (a loop announcing each epoch's rate): the rate of that epoch,
  // where a lone `learning rate = 0.5` is a setting.
  if (epoch !== undefined && metrics.some(([name]) => name === 'learning_rate')) metricLike = true;
  // `max_val: 92.50%, max_val_Test: 80.81%` (OGB examples): two rates or more on a line are
  // measures, whatever their names; settings are rarely printed in percent.
  if (percents >= 2) metricLike = true;
  if (metrics.length === 1 && epoch !== undefined && step === undefined && position === undefined) {
    // `Epoch 3/10` alone on its line: the epoch of the records below it.
    if (Number.isInteger(epoch.value) && scanned.proseWords === 0) {
      ctx.currentEpoch = epoch.value;
      if (epoch.value === 0) ctx.zeroBasedEpochs = true;
    }
    return undefined;
  }
  if (!lone) ctx.block = undefined;
  if (metrics.length === 0) {
    // `Iteration: \t 0` alone on its line opens a block of one pair a line: their step.
    if (lone && pairs[0]?.assigned === true && step !== undefined && epoch === undefined) {
      ctx.block = stepKey;
      ctx.lineStep = step;
      return { format: 'generic', kind: 'train', metrics, step };
    }
    // `[batch=1/100]:` alone on its line (Composer): the header of the pairs printed below it,
    // its counter their step (read as an explicit step with no metric of its own).
    const header = epoch === undefined ? (step ?? position?.value) : undefined;
    if (header !== undefined && COUNTER_HEADER_RE.test(text.trim())) {
      return { format: 'generic', kind: 'train', metrics, step: header };
    }
    // `--> TIME: ... -- STEP: 200/3984 -- GLOBAL_STEP: 200`, `Iteration 200, Testing net (#0)`:
    // a step without metrics, the step of the lines below it.
    if (step !== undefined && !evalCounter && prose <= 4 && !ctx.countedLog) {
      ctx.headerStep = step;
      ctx.headerEval = false;
      ctx.headerNames.clear();
    }
    return undefined;
  }
  if (scanned.loose.length > 0 && position === undefined) {
    for (const n of scanned.loose) {
      if (n.total !== undefined && Number.isInteger(n.value) && n.value <= n.total) {
        position = { value: n.value, total: n.total };
        break;
      }
    }
  }
  // Mostly prose with a stray number (`Saving 3 shards to out/`) is no record.
  if (prose > 2 * metrics.length + 2) return undefined;
  // A question's sentence around one value (`I am getting validation loss='nan' while training.`):
  // words after the value end it with a full stop; a metric line ends with its values.
  if (metrics.length === 1 && step === undefined && epoch === undefined && endsSentence(text))
    return undefined;
  // A step and assigned pairs (`34:  learn: 0.95  test: 0.82`, `[5]: train's l2:0.095`) make a
  // record whatever the names; so does an epoch (`Epoch[0] Time cost=28.650`).
  const stepped =
    step !== undefined ||
    epoch !== undefined ||
    scanned.leadingCounter !== undefined ||
    position !== undefined ||
    counter !== undefined;
  // A step (named, or a counter opening the line) and three or more pairs with nothing else
  // (`tick 14  kimg 70.1  sec/tick 366.1`, `94: [D] real 0.049 fake 0.055 q -0.49`, no `:`
  // between names and values): the columns of a record, not a sentence.
  const steppedColumns =
    ((step !== undefined && stepRank !== 99) ||
      scanned.leadingCounter !== undefined ||
      counter !== undefined) &&
    metrics.length >= 3 &&
    prose === 0;
  if (!metricLike && !(stepped && assigned >= 1 && prose <= 1) && !steppedColumns && !blockMetric) {
    // Names that say nothing of a metric (`Num examples = 467`): a record only when the same names
    // come back on another line, as the lines of an unknown trainer do.
    if (assigned + (step !== undefined ? 1 : 0) < 2 && metrics.length < 2) return undefined;
    if (prose > 1) return undefined;
    // A repeat with the same values (one line per rank, a config printed twice) does not count:
    // the names of a metric line come back with other values.
    const signature = metrics.map(([name]) => name).join('\u0000');
    const values = metrics.map(([, value]) => String(value)).join(' ');
    const before = ctx.signatures.get(signature);
    if (before !== CONFIRMED) {
      if (before === undefined || before === values) {
        if (ctx.signatures.size < 256) ctx.signatures.set(signature, values);
        return undefined;
      }
      ctx.signatures.set(signature, CONFIRMED);
    }
  }

  // An epoch with a position inside it: the global position e × N + n. A step printed as that
  // position (`Epoch [2/10], Step [100/600]`) is no global step; a step of its own is kept.
  if (epoch !== undefined && epoch.value === 0) ctx.zeroBasedEpochs = true;
  // A step printed beside the epoch that starts again (or stays) when the epoch changes (`Epoch
  // 00001 | Step 00000`) is a position inside the epoch: it never collapses the records of two epochs.
  if (
    epoch !== undefined &&
    Number.isInteger(epoch.value) &&
    step !== undefined &&
    position === undefined &&
    stepRank !== 99
  ) {
    const track = ctx.epochSteps;
    if (track.firstEpoch === undefined) track.firstEpoch = epoch.value;
    if (
      !track.inEpoch &&
      track.lastEpoch !== undefined &&
      epoch.value > track.lastEpoch &&
      // `epoch:2 step: 1875` after `epoch:1 step: 1875` (MindSpore's LossMonitor once an epoch):
      // a step that did not move while the epoch did is a position in the epoch too.
      step <= (track.lastStep ?? 0)
    ) {
      track.inEpoch = true;
    }
    track.lastEpoch = epoch.value;
    track.lastStep = step;
    if (track.inEpoch) {
      track.length = Math.max(track.length, step + 1);
      progressStep = (epoch.value - track.firstEpoch) * track.length + step;
      step = undefined;
    } else track.length = Math.max(track.length, step + 1);
  }
  if (epoch !== undefined && position !== undefined && Number.isInteger(epoch.value)) {
    const stepIsPosition = stepRank === 99 || (positionFromStep && step === position.value);
    // `Epoch[2] Iteration[569/469]` (Ignite): past its total, the counter is the run's own.
    if (stepIsPosition && position.value > position.total) {
      step = position.value;
      stepRank = 99;
    } else if (stepIsPosition) {
      fromPosition = true;
      // `Epoch 0/9` (Lightning counts from 0 up to the last index): epochs seen from 0 are counted
      // from 0 whether or not a total follows them.
      const zeroBased =
        ctx.zeroBasedEpochs || (epoch.total === undefined && /epoch:\s*\[/i.test(text));
      const e = zeroBased ? epoch.value : epoch.value - 1;
      step = undefined;
      stepRank = 99;
      // In the first epoch the position is the global step itself.
      if (e <= 0) step = position.value;
      else progressStep = e * position.total + position.value;
    }
  }
  if (
    epoch === undefined &&
    position !== undefined &&
    !positionFromStep &&
    stepRank === 99 &&
    ctx.currentEpoch !== undefined
  ) {
    // `Epoch 0/139` on a line of its own, then `Batch 567/17168: loss: 1.32`: the batch is a
    // position inside the header's epoch.
    fromPosition = true;
    const e = ctx.zeroBasedEpochs ? ctx.currentEpoch : ctx.currentEpoch - 1;
    if (e <= 0) step = position.value;
    else progressStep = e * position.total + position.value;
  }
  if (step === undefined && progressStep === undefined && scanned.leadingCounter !== undefined) {
    step = scanned.leadingCounter;
  }
  // tflearn's `Training Step: 2  | total loss: 114.27` over `| Adam | epoch: 002 | loss: 114.27 ...
  // -- iter: 239/239`: a position inside the epoch yields to the step printed on the line above.
  const above = stepAbove ?? ctx.headerStep;
  if (fromPosition && above !== undefined) {
    step = above;
    progressStep = undefined;
    ctx.lineStep = above;
    ctx.lineStepTaker = text;
  }
  let underHeader = false;
  if (step !== undefined || progressStep !== undefined) ctx.headerStep = undefined;
  else if (ctx.headerStep !== undefined && epoch === undefined && counter === undefined) {
    // One record a line under the step line; a name twice means records of their own (a step-less
    // log under a stray `Saving checkpoint at step 500`): counted, never collapsed onto one step.
    // (An eval section's names are its own: its `avg_loss` is no second train `loss`.)
    const section = ctx.headerEval ? 'eval\u0000' : '';
    if (metrics.some(([name]) => ctx.headerNames.has(section + name))) ctx.headerStep = undefined;
    else {
      for (const [name] of metrics)
        if (ctx.headerNames.size < 256) ctx.headerNames.add(section + name);
      step = ctx.headerStep;
      underHeader = true;
    }
  }
  // Coqui STT's and DeepSpeech's `Epoch 6 | Validation | Elapsed Time: 0:00:27 | Steps: 176 |
  // Loss: 62.08`: a cell holding only the phase names the record's phase, and `Steps:` (plural)
  // beside the epoch counts that phase's batches (the same every epoch): the epoch is the record's
  // step. A singular `Step: 100` there stays the step.
  const phaseCell = text.indexOf('|') >= 0 ? PHASE_CELL_RE.exec(text) : null;
  if (phaseCell !== null && epoch !== undefined && step !== undefined && stepKey === 'steps') {
    step = undefined;
    stepRank = 99;
  }
  let weakStep: number | undefined;
  if (sentenceStep && step !== undefined && progressStep === undefined) {
    // `Score at iteration 0 is 4088.2` eleven times with eleven scores (a Deeplearning4j listener
    // whose count does not move): a sentence's counter is the step only while it advances.
    weakStep = step;
    step = undefined;
  } else if (
    step === undefined &&
    progressStep === undefined &&
    epoch !== undefined &&
    Number.isInteger(epoch.value) &&
    epoch.value >= 0
  ) {
    weakStep = epoch.value;
  } else if (step === undefined && progressStep === undefined && counter !== undefined) {
    weakStep = counter;
  } else if (
    step === undefined &&
    progressStep === undefined &&
    epoch === undefined &&
    ctx.currentEpoch !== undefined
  ) {
    weakStep = ctx.currentEpoch;
  }

  const lead = scanned.lead;
  const leadWord = firstWord(lead);
  // `Averaged stats: lr: 0.0013  loss: 0.0366`: the epoch's averages repeat its points.
  if (/^(?:averaged|average|avg|summary|total)\b/.test(lead)) return undefined;
  // `val Loss: 0.22 Acc: 0.93`: an eval word opening the first name announces the line too.
  const firstName = normalizeName(pairs[0]?.name ?? '');
  const announcedEval =
    tagged ||
    evalCounter ||
    // TF Estimator's evaluation: `Saving dict for global step 200: accuracy = 0.5, loss = 3.3`.
    lead.startsWith('saving dict for') ||
    // ML.NET's `Phase: Training, Dataset used: Validation, ..., Accuracy: 0.47`: a field whose
    // value is the evaluation's word.
    hasEvalField(text) ||
    (phaseCell !== null && !/^train/i.test(phaseCell[1] as string)) ||
    (underHeader && ctx.headerEval) ||
    EVAL_WORDS.has(leadWord) ||
    (lead.length === 0 && firstName.indexOf(' ') > 0 && EVAL_WORDS.has(firstWord(firstName))) ||
    evaluatingSplit(text);
  // `===> Epoch 131: testing psnr = 34.21, ssim = 0.934`: a phase word in `-ing` form opening the
  // first metric's name announces the line (no train metric beside it); the word names no metric.
  const phaseEval =
    !announcedEval && evalNames === lossNames && phaseLedMetric(metrics, seen.has('epoch'));
  let evalRecord = announcedEval || phaseEval || (lossNames > 0 && evalNames === lossNames);
  if (evalRecord) renameEvalMetrics(metrics, announcedEval || phaseEval);
  if (announcedEval && fromPosition && !evalCounter) {
    // open_clip's `Eval Epoch: 1 [6464 / 4839]  Loss: 0.75`: a position in the evaluation's own
    // loop is no training step; the record takes the step of the train record before it.
    step = undefined;
    progressStep = undefined;
  }
  // A one-pair line under `Train:` or `Valid:` (objects_counting_dmap's `\tMean error: -0.468`):
  // the block is one record of that phase; its lines after the first continue it.
  let blockTail = false;
  if (phaseBlock !== undefined && lone && step === undefined && progressStep === undefined) {
    if (phaseBlock.eval) {
      if (!evalRecord) renameEvalMetrics(metrics, true);
      evalRecord = true;
    } else blockTail = phaseBlock.lines > 0;
    phaseBlock.lines++;
    ctx.phaseBlock = phaseBlock;
  }
  if (
    /^(?:best|final|overall)\b/.test(lead) ||
    /^(?:best|final)\b/.test(normalizeName(pairs[0]?.name ?? '')) ||
    // `Early stopping occurred at epoch 2 with best_epoch = 1 and best_val_0_auc = 0.73` (TabNet).
    (metrics.some(([name]) => /^(?:best|final)\b/.test(normalizeName(name))) &&
      metrics.every(([name]) => name === 'epoch' || /^(?:best|final)\b/.test(normalizeName(name))))
  ) {
    const best: LineRecord = { format: 'generic', kind: 'summary', metrics };
    // pSp's `**Best**: Step - 10000, Loss - 0.950` above the dict of that step: the step it names.
    if (step !== undefined && stepRank !== 99) best.step = step;
    return best;
  }
  const record: LineRecord = {
    format: 'generic',
    kind: evalRecord ? 'eval' : 'train',
    metrics,
  };
  const tableRow = blockMetric && ctx.block === '' ? ctx.tableRows++ : -1;
  if (step !== undefined || progressStep !== undefined || weakStep !== undefined)
    ctx.steplessNames.clear();
  if (step !== undefined) record.step = step;
  else if (progressStep !== undefined) record.progressStep = progressStep;
  if (step !== undefined && stepRank !== 99 && !fromPosition) {
    ctx.lineStep = step;
    ctx.lineStepTaker = undefined;
  } else if (weakStep !== undefined) {
    record.weakStep = weakStep;
    if (epoch !== undefined && /^(?:finished|completed) /.test(normalizeName(epoch.name)))
      record.epochEnd = true;
  }
  // The rows after the first of a table under a rule are that table's record, continued.
  else if (tableRow > 0 || blockTail) record.tail = true;
  else if (scanned.tail) record.tail = true;
  else if (!evalRecord && !ctx.countedLog) {
    for (const [name] of metrics) {
      if (ctx.steplessNames.has(name)) ctx.countedLog = true;
      else if (ctx.steplessNames.size < 256) ctx.steplessNames.add(name);
    }
  }
  return record;
}

/**
 * Two words or more after the line's last digit, the last one closing a sentence with `.`, `?` or
 * `!` (`... loss='nan' while training.`). Linear: one scan back from the end.
 */
function endsSentence(text: string): boolean {
  const t = text.trimEnd();
  const stop = t.charCodeAt(t.length - 1);
  if (stop !== 46 && stop !== 63 && stop !== 33) return false;
  let letters = 0;
  let spaces = 0;
  for (let i = t.length - 2; i >= 0; i--) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) break;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
    else if (c === 32 && letters > 0) spaces++;
  }
  // The word before the stop is lower-case: a sentence, not a unit or an abbreviation (`Acc. 0.9`).
  const last = t.charCodeAt(t.length - 2);
  return spaces >= 2 && last >= 97 && last <= 122;
}

/** ` at epoch: 5`, ` at step 300`: where a best value was reached. */
const AT_POSITION_RE = / at (?:epoch|step|iteration|iter)\b[:=]? *\d+/i;

/**
 * `Key metric: val_mean_dice best value: 0.1098 at epoch: 3` (MONAI's checkpoint handler): the
 * epoch or step after a best value is where that best was reached, long before the line; it is
 * dropped, so the line never sends the run back to that epoch.
 */
function dropBestPosition(text: string): string {
  // Cheap test first: most lines hold no `best` in any case.
  if (text.indexOf('est') < 0 && text.indexOf('EST') < 0) return text;
  const best = text.search(/best/i);
  if (best < 0) return text;
  const at = AT_POSITION_RE.exec(text);
  if (at === null || at.index < best) return text;
  return text.slice(0, at.index) + text.slice(at.index + at[0].length);
}

/**
 * `Train loss 0 48.220909 Grad Norm 13.48 5.71s/it`, `Validation loss 61000:  0.325403` (NVIDIA's
 * Tacotron 2 and WaveGlow): a loss name opening the line, the iteration, then the loss's value.
 */
const LOSS_ITERATION_RE = /^([A-Za-z][A-Za-z ]{0,30}loss) (\d{1,12}):? {1,8}(?=[-+]?\d{0,12}\.\d)/i;

/**
 * NVIDIA Tacotron 2's `Train loss 12 0.53 Grad Norm 0.9` and its `Validation loss 12: 0.5`: the
 * integer between a loss's name and its decimal value is the iteration, rewritten as the step
 * (`step 12 | Train loss 0.53 Grad Norm 0.9`) so the name keeps its value.
 */
function readLossIteration(text: string): string {
  const m = LOSS_ITERATION_RE.exec(text);
  if (m === null) return text;
  return `step ${m[2]} | ${m[1]} ${text.slice(m[0].length)}`;
}

/** `Score at iteration 691 is 0.0257`, `loss at step 100 is 0.53`: a name, its step, then its value. */
const AT_STEP_IS_RE =
  / at (iteration|iter|step|update|batch) (\d{1,12}) is (?=[-+]?[.\d]|nan|inf|-inf)/i;

/**
 * `Score at iteration 691 is 0.0257` (Deeplearning4j's ScoreIterationListener) and the sentences
 * of hand-written loops shaped like it: rewritten as the pairs they say (`Score = 0.0257 |
 * iteration 691`), the step after the value so the name keeps only the words before ` at `.
 */
function readAtStepIs(text: string): string {
  const found = matchBeforeToken(text, ' is ', AT_STEP_IS_RE);
  if (!found) return text;
  const { match: m, token, end } = found;
  return `${text.slice(0, m.index)} = ${token} | ${m[1]} ${m[2]} | ${text.slice(end)}`;
}

/** `: 3039/33000 (9.21%)`: a count of the total, then the percentage it makes. */
const FRACTION_PERCENT_RE = /([:=] ?)\d{1,15}\/\d{1,15} \((\d{1,3}(?:\.\d{1,12})?)%\)/g;

/**
 * `Accuracy: 9800/10000 (98%)` (PyTorch's MNIST example and the loops copied from it): the value
 * of the pair is the percentage, not the count before the slash.
 */
function readFractionPercent(text: string): string {
  if (text.indexOf('%)') < 0) return text;
  return text.replace(FRACTION_PERCENT_RE, '$1$2%');
}

/**
 * char-rnn's `634/9500 (epoch 3.337), train_loss = 1.786, ...` (Torch7, and its TensorFlow and
 * PyTorch ports): the iteration of the whole run over its total, then the (fractional) epoch.
 */
const RUN_COUNTER_RE = /^(\d{1,12})\/\d{1,12} \(epoch (\d{1,6}(?:\.\d{1,9})?)\),?/;

/** `Epoch[16 of 30]`, `Epoch[ 1 of 1]`: a bracketed counter and its total. */
const BRACKET_OF_RE = /\[ ?(\d{1,12}) of (\d{1,12})\]/g;
/** `[Training]`, `[Training Set]` after a colon: the phase of the pairs that follow. */
const TRAIN_TAG_RE = /: \[(?:Training|Train)(?: Set)?\] /g;

/**
 * CNTK's `Finished Epoch[16 of 30]: [Training Set] TrainLossPerSample = 0.626; ...` and
 * `Finished Epoch[1 of 10]: [Training] loss = 1.75 * 18010, ...`: the counter is `Epoch 16/30`,
 * the training tag names no metric.
 */
function readBracketCounters(text: string): string {
  const first = text.charCodeAt(0);
  const run = first >= 48 && first <= 57 ? RUN_COUNTER_RE.exec(text) : null;
  if (run !== null) return `step ${run[1]}, epoch ${run[2]},${text.slice(run[0].length)}`;
  if (text.indexOf(' of ') < 0 && text.indexOf('[Train') < 0) return text;
  return text.replace(BRACKET_OF_RE, ' $1/$2').replace(TRAIN_TAG_RE, ': ');
}

/** A rate unit printed after its value: `samples/sec`, `words/s`, `tok/s`. */
const RATE_UNIT_RE = /^[A-Za-z]{1,24}\/(?:s|sec|second)[,;]?$/;
const NUMBER_TOKEN_RE = /^[-+]?\d[\d,]{0,30}(?:\.\d{1,30})?$/;

/**
 * `Speed: 1293.60 samples/sec 36902.07 tokens/sec 6.25 updates/sec perplexity=355.57` (Sockeye),
 * `Time 359.59s : 3007.81 words/s` (Marian): values before their rate units. A run of
 * `value unit` opening the line or following a separator or a `label:` (never a bare name, as in
 * `loss 0.5 tok/s 1234`), and not followed by a number, is rewritten as `unit: value` pairs; after
 * a label the first value stays the label's (`Speed: 14762.29 samples/sec` is a speed).
 */
function readValueUnits(text: string): string {
  if (text.indexOf('/s') < 0) return text;
  const tokens: Array<{ text: string; start: number }> = [];
  const re = /[^ \t]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text))
    tokens.push({ text: m[0], start: m.index });
  const isNumber = (k: number) => k < tokens.length && NUMBER_TOKEN_RE.test(tokens[k]?.text ?? '');
  const isUnit = (k: number) => k < tokens.length && RATE_UNIT_RE.test(tokens[k]?.text ?? '');
  let out = '';
  let copied = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!isNumber(i) || !isUnit(i + 1)) continue;
    const before = i > 0 ? (tokens[i - 1]?.text ?? '') : '';
    if (!(before === '' || /[:|,;=\]-]$/.test(before))) continue;
    let end = i;
    while (isNumber(end + 2) && isUnit(end + 3)) end += 2;
    if (isNumber(end + 2)) {
      i = end + 1;
      continue;
    }
    // `Speed: 1293.60 samples/sec 36902.07 tokens/sec`: the label keeps its value, the unit is its unit.
    // So does a name assigned with spaces around `=` (`avg throughput = 0.309082 MB/sec`, mvfst-rl);
    // a lone `:` separates Marian's fields (`Time 359.59s : 3007.81 words/s`).
    const labelled = (before.length > 1 && /[\w)][:=]$/.test(before)) || before === '=';
    for (let j = labelled ? i + 2 : i; j <= end; j += 2) {
      const value = tokens[j] as { text: string; start: number };
      const unit = tokens[j + 1] as { text: string; start: number };
      out += `${text.slice(copied, value.start)}| ${unit.text.replace(/[,;]$/, '')}: ${value.text} |`;
      copied = unit.start + unit.text.length;
    }
    i = end + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The canonical names as `normalizeName` spells them (most renamed pairs take one of them). */
const CANONICAL_KEYS = new Map(
  ['loss', 'eval_loss', 'learning_rate', 'grad_norm', 'epoch'].map((name) => [
    name,
    normalizeName(name),
  ]),
);

/** The value of a `name: Validation` field: a word naming the evaluation split, then a separator. */
const EVAL_FIELD_VALUE_RE = /: +(?:validation|valid|val|test|eval|evaluation|dev)(?: ?[,;|]|$)/gi;

/**
 * A `name: Validation` field (a word value naming the evaluation split) whose name (a letter, then
 * up to 30 letters or spaces) opens the line or follows a separator (`,`, `;`, `|`, and a space).
 * The value is searched first, its `: ` a literal the regex engine scans for, then the name is
 * walked back from it.
 */
function hasEvalField(text: string): boolean {
  if (text.indexOf(': ') < 0) return false;
  EVAL_FIELD_VALUE_RE.lastIndex = 0;
  for (let m = EVAL_FIELD_VALUE_RE.exec(text); m !== null; m = EVAL_FIELD_VALUE_RE.exec(text)) {
    if (fieldNameBefore(text, m.index)) return true;
    // The separator ending this match may open the next field.
    EVAL_FIELD_VALUE_RE.lastIndex = m.index + 1;
  }
  return false;
}

/** `text[..., colon)` ends with a field name that opens the line or follows a separator. */
function fieldNameBefore(text: string, colon: number): boolean {
  // The run of letters and spaces before the colon (32 at most: a name and the space before it).
  let k = colon;
  while (k > 0 && colon - k < 32 && isLetterOrSpace(text.charCodeAt(k - 1))) k--;
  if (k === colon || (k > 0 && isLetterOrSpace(text.charCodeAt(k - 1)))) return false;
  const separatorAt = (at: number) => {
    const c = text.charCodeAt(at);
    return at >= 0 && (c === 44 || c === 59 || c === 124);
  };
  if (isLetter(text.charCodeAt(k))) return colon - k <= 31 && (k === 0 || separatorAt(k - 1));
  return (
    text.charCodeAt(k) === 32 &&
    isLetter(text.charCodeAt(k + 1)) &&
    colon - k - 1 <= 31 &&
    separatorAt(k - 1)
  );
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isLetterOrSpace(c: number): boolean {
  return c === 32 || isLetter(c);
}

const EVAL_TAG_RE = /^\[(?:valid|validation|val|eval|evaluation|dev)\] +(?=\S)/i;

function generalRecordTagged(
  text: string,
  ctx: GeneralState,
  counter: number | undefined,
): LineRecord | undefined {
  return generalRecord(`valid: ${text}`, ctx, counter, true);
}

/** `11000: 0.051831, 0.085730 avg loss`: a counter, a lone value, then a value named `avg ...`. */
const AVG_AFTER_VALUE_RE =
  /^ *\d+: *-?(?:nan|inf|\d+(?:\.\d*)?), *-?(?:nan|inf|\d+(?:\.\d*)?) avg /i;

/**
 * `[ITER 7000] Evaluating test: L1 0.04 PSNR 18.86` (3D Gaussian Splatting's report): `Evaluating`
 * and the split evaluated, then a colon, announce an evaluation of held-out data; `Evaluating
 * train:` (the same metrics on the training views, printed after it) is no evaluation record.
 */
const EVALUATING_SPLIT_RE = /\bevaluating(?: ([a-z]{1,12}))?:/i;

function evaluatingSplit(text: string): boolean {
  if (text.indexOf('valuating') < 0) return false;
  const m = EVALUATING_SPLIT_RE.exec(text);
  return m !== null && !/^train/i.test(m[1] ?? '');
}

/** `testing`, `evaluating`: a phase word, never the start of a metric's own name. */
const PHASE_WORD_RE = /^(?:testing|evaluating|validating|evaluation) (?=\S)/;

/**
 * The first metric (after the epoch) is named `testing psnr`: the phase word is dropped from its
 * name, and the line is an evaluation when no other name says `train`.
 */
function phaseLedMetric(metrics: Array<[string, number]>, hasEpoch: boolean): boolean {
  const first = metrics.find(([name]) => name !== 'epoch');
  if (first === undefined || (!hasEpoch && metrics[0] !== first)) return false;
  const key = normalizeName(first[0]);
  const phase = PHASE_WORD_RE.exec(key);
  if (phase === null) return false;
  if (metrics.some(([name]) => /\btrain/i.test(name))) return false;
  first[0] = first[0].slice(phase[0].length).trimStart();
  return first[0].length > 0;
}

/** `第3轮` (Chinese for "the 3rd round"), `第 120 步` ("the 120th step"), `第2个epoch`. */
const ORDINAL_RE = /第 ?(\d{1,9}) ?(个 ?)?(轮|代|回合|epoch|步|次迭代|step|批|batch)/gi;
const ORDINAL_NAMES: Record<string, string> = {
  轮: 'epoch',
  代: 'epoch',
  回合: 'epoch',
  epoch: 'epoch',
  步: 'step',
  次迭代: 'step',
  step: 'step',
  批: 'batch',
  batch: 'batch',
};

/** Chinese ordinals as the pairs they say: `第3轮 训练损失: 0.53` reads as `epoch 3, 训练损失: 0.53`. */
function readOrdinals(text: string): string {
  return text.replace(
    ORDINAL_RE,
    (_, n: string, _unit: string | undefined, what: string) =>
      ` ${ORDINAL_NAMES[what.toLowerCase()] ?? 'epoch'} ${n}, `,
  );
}

/**
 * `Optimizer = AdamW8bit`, `Max grad norm = 8`: a name of a few words, ` = `, one value and
 * nothing after it (a line of settings as a GUI or a config dump prints them).
 */
function isSetting(text: string): boolean {
  const eq = text.indexOf(' = ');
  if (eq <= 0 || eq > 48 || !/^[A-Za-z][\w .#-]*$/.test(text.slice(0, eq))) return false;
  const value = text.slice(eq + 3).trim();
  return value.length > 0 && value.length <= 40 && value.indexOf(' ') < 0;
}

function hasEvalWord(text: string): boolean {
  for (const word of text.split(' ')) if (EVAL_WORDS.has(word)) return true;
  return false;
}

function firstWord(text: string): string {
  const space = text.indexOf(' ');
  return space < 0 ? text : text.slice(0, space);
}

/** The most epochs, steps or iterations a run may take (`Max epochs`, `max_steps`). */
const RUN_LIMIT_RE = /^max(?:imum)? (?:num )?(?:epochs?|steps?|iters?|iterations?)$/;

/** A `|` cell holding only a phase's name: `| Validation |`, `|   Training |`, `| Test |`. */
const PHASE_CELL_RE =
  /\| *(Training|Train|Validation|Validating|Valid|Evaluation|Eval|Test|Testing) *\|/i;

/** `train/`, `eval/`, `val/`, `valid/`, `test/` opening a name: a tracker-style phase namespace. */
const PHASE_NAMESPACE_RE = /^(?:train|training|eval|val|valid|validation|test)\/[a-z]/;

/** Caffe's `Train net output #0:` / `Test net output #1:` before a blob's value. */
const NET_OUTPUT_RE = /^(?:train|test) net output$/;

/** `learning rate to 1e-4` in a sentence; the value is the token after it. */
const LR_CHANGE_RE = /\b(?:learning[ _]rate|lr)(?: of group \d+)? to (?=[-+.\d])/i;

/**
 * The match of `re` in a sentence (tried only when the text holds `needle`, which every match
 * holds) and the token after it, up to the next space: `... lr to 1e-4 ...` gives `1e-4`.
 */
function matchBeforeToken(
  text: string,
  needle: string,
  re: RegExp,
): { match: RegExpExecArray; token: string; end: number } | undefined {
  if (text.indexOf(needle) < 0) return undefined;
  const match = re.exec(text);
  if (!match) return undefined;
  const from = match.index + match[0].length;
  const space = text.indexOf(' ', from);
  const end = space < 0 ? text.length : space;
  return { match, token: text.slice(from, end), end };
}

/**
 * `Updating learning rate to 0.0018`, `reducing learning rate of group 0 to 1.0000e-04.`: the
 * sentence of a scheduler that changed the learning rate, rewritten as the pair it means.
 */
function readLearningRateChange(text: string): string {
  const found = matchBeforeToken(text, ' to ', LR_CHANGE_RE);
  if (!found) return text;
  const token = found.token.endsWith('.') ? found.token.slice(0, -1) : found.token;
  if (parseNumber(token) === undefined) return text;
  return `${text.slice(0, found.match.index)} | learning_rate: ${token} | ${text.slice(found.end)}`;
}

/** `train.py:267`, `trainer.py`: a source location printed by a logger, not a metric name. */
function isSourceLocation(name: string): boolean {
  return /\.(?:py|cc|cpp|h|rs|go|js|ts|java|lua)$/i.test(name) || name.indexOf('://') >= 0;
}

/**
 * `losses/q1_loss 65.3581 193000`: a TensorBoard tag, its value and its step, printed as the
 * arguments of `writer.add_scalar(tag, value, step)` (RL scripts in the CleanRL style). The tag
 * has a `/` namespace; the value may be a one-element list (`[0.0157]`).
 */
const SCALAR_PRINT_RE =
  /^([A-Za-z_][\w.-]*(?:\/[\w.-]+)+) +\[?([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)\]? +(\d{1,15})$/i;

function readScalarPrint(text: string): LineRecord | undefined {
  if (text.indexOf('/') < 0) return undefined;
  const m = SCALAR_PRINT_RE.exec(text.trim());
  if (!m) return undefined;
  return {
    format: 'generic',
    kind: 'train',
    step: Number(m[3]),
    metrics: [[m[1] as string, Number(m[2])]],
  };
}

/**
 * `[4200, 9.990004373906418e-05]` (RVC), `[2.91, 1.91, 5.49, 11.86, 2.74, 1.27, 200, 0.000299]`
 * (VITS, MeloTTS, Bert-VITS2): the VITS family's `logger.info(losses + [global_step, lr])`, a bare
 * Python list whose last two numbers are the step (a whole number) and the learning rate (a
 * fraction). The losses before them have no names, so only the step and the rate are read; the
 * named losses printed on the lines below it (`loss_disc=3.959, loss_gen=3.062`) take its step.
 */
const LIST_NUMBER_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

function readStepRateList(text: string): { step: number; rate: number } | undefined {
  const t = text.trim();
  if (t.length < 6 || t.length > 2000 || t.charCodeAt(0) !== 91 || !t.endsWith(']'))
    return undefined;
  const parts = t.slice(1, -1).split(',');
  if (parts.length < 2 || parts.length > 64) return undefined;
  for (const part of parts) if (!LIST_NUMBER_RE.test(part.trim())) return undefined;
  const stepText = (parts[parts.length - 2] as string).trim();
  const rateText = (parts[parts.length - 1] as string).trim();
  if (!/^\d{1,12}$/.test(stepText) || !/[.e]/i.test(rateText)) return undefined;
  const rate = Number(rateText);
  if (!(rate > 0 && rate < 1)) return undefined;
  return { step: Number(stepText), rate };
}

/** `Key: avg_train_loss, Value: 0.107` (llama-recipes' end-of-run table). */
function readKeyValueSummary(text: string): LineRecord | undefined {
  if (!text.startsWith('Key: ')) return undefined;
  const comma = text.indexOf(', Value: ');
  if (comma < 0) return undefined;
  const value = parseNumber(text.slice(comma + 9));
  if (value === undefined) return undefined;
  return { format: 'generic', kind: 'summary', metrics: [[text.slice(5, comma).trim(), value]] };
}

/** The general grammar: every text line no other format claims. */
export const generalFormat = {
  id: 'generic' as const,
  name: 'Any other text log: key/value pairs in any spelling, plain sentences (mmengine, detectron2, timm, OpenNMT, ESPnet, ...)',
  example:
    '10/30 22:18:02 - mmengine - INFO - Epoch(train) [1][200/735]  lr: 1.9870e-04  eta: 2:46:39  time: 2.8906  loss: 2.7522  grad_norm: 3.0608',
  reads: 'line',
  createState: (): GeneralState => ({
    signatures: new Map(),
    zeroBasedEpochs: false,
    block: undefined,
    tableRows: 0,
    settings: 0,
    currentEpoch: undefined,
    headerStep: undefined,
    lineStep: undefined,
    lineStepTaker: undefined,
    phaseBlock: undefined,
    tree: undefined,
    headerEval: false,
    headerNames: new Set(),
    steplessNames: new Set(),
    countedLog: false,
    lastBatch: undefined,
    epochSteps: {
      firstEpoch: undefined,
      lastEpoch: undefined,
      lastStep: undefined,
      length: 0,
      inEpoch: false,
    },
  }),
  // `OVERFLOW! ... Attempted loss scale: 65536, reducing to 32768` is a warning, not a record.
  claims: (line) => line.indexOf('OVERFLOW') < 0,
  read: generalRecord,
} satisfies LineFormat<'generic', GeneralState>;
