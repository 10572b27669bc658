/**
 * Metric names split for a metric menu: what people look at first, then the rest under "More".
 *
 * @example
 * ```ts
 * const { main, more } = orderMetrics(Object.keys(run.metrics));
 * ```
 */
export interface OrderedMetrics {
  /** Training signals, most looked-at first: loss, eval_loss, learning_rate, grad_norm, rewards. */
  main: string[];
  /** Bookkeeping: epoch, runtimes, throughput, FLOPs and end-of-run summaries. */
  more: string[];
}

/** The first metrics a user reaches for, in this order. */
const leading = [
  'loss',
  'eval_loss',
  'learning_rate',
  'grad_norm',
  'rewards/chosen',
  'rewards/rejected',
  'rewards/margins',
  'rewards/accuracies',
] as const;

/** Timing, throughput and counters: rarely charted, kept out of the way. */
const bookkeeping =
  /^(epoch|step|global_step|total_flos|train_loss)$|(^|[_/])(runtime|flos)$|_per_second$|(^|[_/])(mem|memory)[_/]|^train_(runtime|samples_per_second|steps_per_second)$/;

function rank(name: string): number {
  const at = (leading as readonly string[]).indexOf(name);
  if (at >= 0) return at;
  if (name.startsWith('rewards/')) return leading.length;
  if (name.startsWith('eval_')) {
    // An eval metric sorts right after its train twin's group: eval_rewards/margins after rewards.
    return leading.length + 1;
  }
  if (name.startsWith('logps/') || name.startsWith('logits/')) return leading.length + 2;
  return leading.length + 3;
}

/**
 * Orders a run's metric names for a menu: loss, eval_loss, learning_rate, grad_norm and the reward
 * metrics of preference training first, then other training metrics alphabetically; epoch, runtimes,
 * `*_per_second` throughput, FLOPs and end-of-run summaries go to `more`. Duplicates are dropped.
 *
 * @param names - metric names, in any order
 * @returns `main` and `more`, each sorted
 *
 * @example
 * ```ts
 * orderMetrics(['epoch', 'eval_runtime', 'grad_norm', 'loss']);
 * // { main: ['loss', 'grad_norm'], more: ['epoch', 'eval_runtime'] }
 * ```
 */
export function orderMetrics(names: Iterable<string>): OrderedMetrics {
  const unique = [...new Set(names)];
  const byRank = (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  return {
    main: unique.filter((name) => !bookkeeping.test(name)).sort(byRank),
    more: unique.filter((name) => bookkeeping.test(name)).sort(),
  };
}
