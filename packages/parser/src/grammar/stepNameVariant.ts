/**
 * A step counter's name with the words a programmer adds around it: `iter_num` and `iterNum`
 * (nanoGPT's variable), `step_num`, `cur_iter`, `curr_step`, `current_step`, `Step#`,
 * `Iteration #`, `itr`, `stepCount`. Normalised names (lower case, one space between words).
 * Counts of the whole run (`n_iter`, `num_steps`, `total_steps`) are not among them: they are
 * printed the same on every line.
 */
const VARIANT_RE =
  /^(?:(?:cur|curr|current)\s)?(step|iter|iteration|itr)\s?(?:num|number|no|#|idx|index|count)?$/;

/**
 * The plain step name a variant spelling stands for (`'iter num'` is `'iter'`, `'itr'` is
 * `'iter'`), or `undefined` when the name is none (the plain names themselves included).
 *
 * @param name - A normalised name ({@link normalizeName}).
 * @returns `step`, `iter` or `iteration`, or `undefined`.
 * @example
 * ```ts
 * stepNameVariant('cur iter'); // 'iter'
 * stepNameVariant('n iter'); // undefined
 * ```
 */
export function stepNameVariant(name: string): string | undefined {
  // Every variant is short and holds `it` or `st`: most names are rejected before the regex.
  if (name.length > 20 || (name.indexOf('it') < 0 && name.indexOf('st') < 0)) return undefined;
  const m = VARIANT_RE.exec(name);
  if (!m) return undefined;
  const base = m[1] === 'itr' ? 'iter' : (m[1] as string);
  // The plain name itself is no variant: the caller's own list has it.
  return name === base ? undefined : base;
}
