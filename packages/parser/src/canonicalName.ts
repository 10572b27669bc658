/**
 * Canonical names, keyed by the normalised spelling ({@link normalizeName}): case, camel case and
 * word separators do not matter, so `ValLoss`, `Val Loss`, `val-loss` and `val_loss` are one name.
 */
const CANONICAL = new Map<string, string>(
  Object.entries({
    loss: 'loss',
    'lm loss': 'loss',
    'reduced train loss': 'loss',
    'train loss': 'loss',
    'training loss': 'loss',
    'train loss step': 'loss',
    'average loss': 'loss',
    'avg loss': 'loss',
    'mean loss': 'loss',
    'eval loss': 'eval_loss',
    'val loss': 'eval_loss',
    'validation loss': 'eval_loss',
    'valid loss': 'eval_loss',
    'vali loss': 'eval_loss',
    'learning rate': 'learning_rate',
    // MATLAB's `trainNetwork` table: `Mini-batch Loss`, `Validation Loss`, `Base Learning Rate`.
    'mini batch loss': 'loss',
    'minibatch loss': 'loss',
    'base learning rate': 'learning_rate',
    lr: 'learning_rate',
    'grad norm': 'grad_norm',
    gnorm: 'grad_norm',
    'gradient norm': 'grad_norm',
    epoch: 'epoch',
    // `Ep  10 | loss: 46.31` (graph-learning loops), `Ep. 1` (Marian).
    ep: 'epoch',
    // Chinese (simplified and traditional) and Japanese spellings, as hand-written loops print them.
    损失: 'loss',
    训练损失: 'loss',
    训练集损失: 'loss',
    平均损失: 'loss',
    損失: 'loss',
    訓練損失: 'loss',
    验证损失: 'eval_loss',
    验证集损失: 'eval_loss',
    测试损失: 'eval_loss',
    测试集损失: 'eval_loss',
    驗證損失: 'eval_loss',
    検証損失: 'eval_loss',
    学习率: 'learning_rate',
    學習率: 'learning_rate',
    学習率: 'learning_rate',
    轮次: 'epoch',
    轮数: 'epoch',
    训练轮次: 'epoch',
    训练轮数: 'epoch',
    テスト損失: 'eval_loss',
    // `epoca 1/5  loss_train=2.28  loss_val=1.11`: the phase after the metric.
    'loss train': 'loss',
    'loss training': 'loss',
    'loss val': 'eval_loss',
    'loss valid': 'eval_loss',
    'loss validation': 'eval_loss',
    'loss eval': 'eval_loss',
    // Other languages, as hand-written loops print them (`Epoche 1/100, Verlust: 0.0058`,
    // `Эпоха 1/30`, `Época 1/25 | loss_D = 0.80`, `| 에폭 1 | 퍼플렉서티 417.50`): looked up in lower
    // case, accents kept.
    эпоха: 'epoch',
    епоха: 'epoch',
    época: 'epoch',
    epoca: 'epoch',
    epoche: 'epoch',
    époque: 'epoch',
    epoka: 'epoch',
    epok: 'epoch',
    에폭: 'epoch',
    에포크: 'epoch',
    エポック: 'epoch',
    verlust: 'loss',
    trainingsverlust: 'loss',
    'validierungs loss': 'eval_loss',
    validierungsverlust: 'eval_loss',
    lernrate: 'learning_rate',
    потери: 'loss',
    потеря: 'loss',
    'скорость обучения': 'learning_rate',
    pérdida: 'loss',
    perdida: 'loss',
    perda: 'loss',
    perdita: 'loss',
    perte: 'loss',
    kayıp: 'loss',
    'mất mát': 'loss',
    'tasa de aprendizaje': 'learning_rate',
    'taxa de aprendizado': 'learning_rate',
    "taux d'apprentissage": 'learning_rate',
    손실: 'loss',
    '학습 손실': 'loss',
    '훈련 손실': 'loss',
    '검증 손실': 'eval_loss',
    학습률: 'learning_rate',
  }),
);

/** A word for average opening a name (`avg`, `mean`, `Durchschnittl.`, `moyenne`, `평균`). */
const AVERAGE_RE =
  /^(?:avg|average|mean|durchschnittl\.?|durchschnittliche[rn]?|promedio|m[ée]dia|moyenne|средн[а-я]*|평균|平均) /i;

/** Any character beyond ASCII: the name may need a lower-case lookup outside `A`-`Z`. */
const NON_ASCII_RE = /[\u0080-\uffff]/;

/**
 * Namespaces that a tracker puts before a name (`train/loss`, `eval/loss`); Chainer's reporter
 * puts its updater's name, `main/loss`, and `validation/main/loss` for the evaluator's.
 */
const TRAIN_NAMESPACE = /^(?:train|training|main)\//;
const EVAL_NAMESPACE = /^(?:eval|val|valid|validation)\//;

/**
 * Maps the spellings of the five canonical metrics to one name (`loss`, `eval_loss`,
 * `learning_rate`, `grad_norm`, `epoch`), ignoring case, camel case and word separators, and
 * reading the `train/` and `eval/` namespaces of trackers (`train/loss`, `eval/loss`); every other
 * key comes back trimmed and otherwise unchanged, so nothing numeric is thrown away.
 *
 * @param key - A metric name as printed (`lm loss`, `Learning Rate`, `gnorm`, `rewards/chosen`).
 * @returns The canonical name, or the trimmed key.
 * @defaultValue the trimmed key when it is not a canonical spelling
 * @example
 * ```ts
 * canonicalName('Learning Rate'); // 'learning_rate'
 * canonicalName('ValLoss'); // 'eval_loss'
 * canonicalName(' rewards/margins '); // 'rewards/margins'
 * ```
 */
export function canonicalName(key: string): string {
  const cached = CACHE.get(key);
  if (cached !== undefined) return cached;
  const trimmed = key.trim();
  const normal = normalizeName(trimmed);
  let name = CANONICAL.get(normal);
  // `Эпоха`, `Época`, `Époque`: normalizeName lowers `A`-`Z` only.
  if (name === undefined && NON_ASCII_RE.test(normal)) name = CANONICAL.get(normal.toLowerCase());
  if (name === undefined && normal.indexOf('/') > 0) {
    if (TRAIN_NAMESPACE.test(normal)) name = CANONICAL.get(normal.replace(TRAIN_NAMESPACE, ''));
    else if (EVAL_NAMESPACE.test(normal)) {
      const rest = normal.replace(EVAL_NAMESPACE, '');
      const inner = CANONICAL.get(rest.replace(TRAIN_NAMESPACE, ''));
      if (inner === 'loss') name = 'eval_loss';
    }
  }
  // `Durchschnittl. Validierungs-Loss`, `average validation loss`: an average of a loss per step
  // is that loss.
  if (name === undefined && AVERAGE_RE.test(normal)) {
    const inner = CANONICAL.get(normal.replace(AVERAGE_RE, '').toLowerCase());
    if (inner === 'loss' || inner === 'eval_loss') name = inner;
  }
  // BigDL's `Current learning rate is 0.0759`: in words, the value now is the value (an identifier
  // such as Coqui's `current_lr` is a name of its own).
  if (name === undefined && /^current /i.test(trimmed)) {
    const inner = CANONICAL.get(normal.slice(8));
    if (inner !== undefined && inner !== 'epoch') name = inner;
  }
  // PaddleClas's `lr(PiecewiseDecay): 0.001`: the scheduler's name in brackets after a canonical
  // spelling qualifies it; the value is still the learning rate.
  if (name === undefined && trimmed.charCodeAt(trimmed.length - 1) === 41) {
    const qualified = QUALIFIER_RE.exec(trimmed);
    if (qualified) name = CANONICAL.get(normalizeName(qualified[1] as string));
  }
  name ??= trimmed;
  // Logs repeat the same few keys millions of times; the cache is capped so odd keys cannot grow it.
  if (CACHE.size < 4096) CACHE.set(key, name);
  return name;
}

/**
 * A name in one spelling: lower case, camel case split (`ValLoss` → `val loss`), `_` `-` and runs
 * of spaces as one space. Slashes are kept (`rewards/chosen`).
 *
 * @param name - A name as printed.
 * @returns The normalised spelling, for comparing names.
 * @example
 * ```ts
 * normalizeName('ValLoss'); // 'val loss'
 * normalizeName('global_step'); // 'global step'
 * ```
 */
export function normalizeName(name: string): string {
  let out = '';
  let space = true;
  const n = name.length;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c === 95 || c === 45 || c === 32 || c === 9) {
      if (!space) {
        out += ' ';
        space = true;
      }
      continue;
    }
    if (c >= 65 && c <= 90) {
      const prev = name.charCodeAt(i - 1);
      const next = name.charCodeAt(i + 1);
      // A capital after a lower-case letter, or ending a run of capitals before a lower-case one,
      // starts a word (`ValLoss`, `LRSchedule`), unless the word before is one letter (`mAP`).
      const lowerBefore = prev >= 97 && prev <= 122;
      const upperRunEnd = prev >= 65 && prev <= 90 && next >= 97 && next <= 122;
      if (!space && (lowerBefore || upperRunEnd) && !(lowerBefore && isOneLetterWord(name, i))) {
        out += ' ';
      }
      out += String.fromCharCode(c + 32);
      space = false;
      continue;
    }
    out += name[i];
    space = false;
  }
  return space && out.length > 0 ? out.slice(0, -1) : out;
}

function isOneLetterWord(name: string, i: number): boolean {
  const before = name.charCodeAt(i - 2);
  return i === 1 || !((before >= 65 && before <= 90) || (before >= 97 && before <= 122));
}

const CACHE = new Map<string, string>();

/** A name and a bracketed word glued after it (`lr(PiecewiseDecay)`): the name, then the word. */
const QUALIFIER_RE = /^([A-Za-z][\w -]{0,40})\([A-Za-z]\w{0,40}\)$/;
