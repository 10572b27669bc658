import { runColors } from './runColors';

/** FNV-1a: a small, well-spread string hash, the same in every browser and on the server. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Colours for runs that stay the same in every view of a host. Each run prefers the palette slot
 * its id hashes to, so it keeps its colour from one page to the next; when that slot is taken by a
 * run earlier in `runIds` (or in `taken`), the next free slot is used, so runs shown together never
 * share a colour while the palette lasts. Give it the experiment's whole run list, in a fixed order,
 * and pass the result to every chart and comparison as `runColors`.
 *
 * @param runIds - the runs to colour, in a stable order (the experiment's run list)
 * @param options.palette - colours to draw from. @defaultValue {@link runColors} (colour-blind-safe)
 * @param options.taken - colours already given, by run id; kept as they are. @defaultValue undefined
 * @returns a colour per run id
 *
 * @example
 * ```tsx
 * const colors = assignRunColors(experiment.runs.map((run) => run.id));
 * <TrainingMetricsChart runIds={[id]} runColors={colors} />
 * <RunComparison runIds={picked} runColors={colors} />
 * ```
 */
export function assignRunColors(
  runIds: readonly string[],
  options: {
    palette?: readonly string[];
    taken?: Readonly<Record<string, string>>;
  } = {},
): Record<string, string> {
  const palette = options.palette && options.palette.length > 0 ? options.palette : runColors;
  const result: Record<string, string> = Object.create(null);
  const used = new Map<string, number>();
  const use = (color: string) => used.set(color, (used.get(color) ?? 0) + 1);
  if (options.taken) {
    for (const [runId, color] of Object.entries(options.taken)) {
      result[runId] = color;
      use(color);
    }
  }
  for (const runId of runIds) {
    if (Object.hasOwn(result, runId)) continue;
    const start = hash(runId) % palette.length;
    // The least-used colour nearest the preferred slot: free slots first, then the palette again.
    let best = start;
    let bestUses = Number.POSITIVE_INFINITY;
    for (let k = 0; k < palette.length; k++) {
      const slot = (start + k) % palette.length;
      const uses = used.get(palette[slot] as string) ?? 0;
      if (uses < bestUses) {
        best = slot;
        bestUses = uses;
        if (uses === 0) break;
      }
    }
    const color = palette[best] as string;
    result[runId] = color;
    use(color);
  }
  return result;
}
