const CANONICAL = new Map<string, string>(
  Object.entries({
    loss: 'loss',
    'lm loss': 'loss',
    lm_loss: 'loss',
    reduced_train_loss: 'loss',
    'train loss': 'loss',
    train_loss_step: 'loss',
    eval_loss: 'eval_loss',
    'val loss': 'eval_loss',
    val_loss: 'eval_loss',
    'validation loss': 'eval_loss',
    valid_loss: 'eval_loss',
    'valid loss': 'eval_loss',
    learning_rate: 'learning_rate',
    lr: 'learning_rate',
    'learning rate': 'learning_rate',
    grad_norm: 'grad_norm',
    'grad norm': 'grad_norm',
    gnorm: 'grad_norm',
    'grad-norm': 'grad_norm',
    epoch: 'epoch',
  }),
);

/**
 * Maps the spellings of the five canonical metrics to one name (`loss`, `eval_loss`,
 * `learning_rate`, `grad_norm`, `epoch`), case-insensitively; every other key comes back trimmed and
 * otherwise unchanged, so nothing numeric is thrown away.
 *
 * @param key - A metric name as printed (`lm loss`, `Learning Rate`, `gnorm`, `rewards/chosen`).
 * @returns The canonical name, or the trimmed key.
 * @defaultValue the trimmed key when it is not a canonical spelling
 * @example
 * ```ts
 * canonicalName('Learning Rate'); // 'learning_rate'
 * canonicalName(' rewards/margins '); // 'rewards/margins'
 * ```
 */
export function canonicalName(key: string): string {
  const cached = CACHE.get(key);
  if (cached !== undefined) return cached;
  const trimmed = key.trim();
  const name =
    CANONICAL.get(trimmed) ?? CANONICAL.get(trimmed.toLowerCase().replace(/\s+/g, ' ')) ?? trimmed;
  // Logs repeat the same few keys millions of times; the cache is capped so odd keys cannot grow it.
  if (CACHE.size < 4096) CACHE.set(key, name);
  return name;
}

const CACHE = new Map<string, string>();
