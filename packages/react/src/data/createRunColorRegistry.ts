import { assignRunColors } from './assignRunColors';

/**
 * Remembers the colour given to each run of each experiment, so a run keeps it in every view of a
 * host even when the host passes no colour map.
 *
 * @example
 * ```ts
 * const registry = createRunColorRegistry();
 * registry.colorsFor('exp-1', ['a']).a === registry.colorsFor('exp-1', ['b', 'a']).a; // true
 * ```
 */
export interface RunColorRegistry {
  /**
   * Colours of `runIds`: runs seen before keep theirs, new runs get one by {@link assignRunColors}
   * that no run of the experiment has yet (while the palette lasts).
   */
  colorsFor(experimentId: string, runIds: readonly string[]): Readonly<Record<string, string>>;
}

/**
 * Creates a {@link RunColorRegistry}. `TrainvizProvider` holds one, so every chart and comparison
 * under it agrees on run colours; a run first seen on its own page keeps that colour when it is
 * later compared with others.
 *
 * @param palette - colours to draw from. @defaultValue `runColors` (colour-blind-safe)
 * @returns an empty registry
 *
 * @example
 * ```ts
 * const registry = createRunColorRegistry();
 * const colors = registry.colorsFor('exp-1', ['sft-7', 'sft-8']);
 * ```
 */
export function createRunColorRegistry(palette?: readonly string[]): RunColorRegistry {
  const byExperiment = new Map<string, Record<string, string>>();
  return {
    colorsFor(experimentId, runIds) {
      const known = byExperiment.get(experimentId) ?? Object.create(null);
      const missing = runIds.filter((runId) => !Object.hasOwn(known, runId));
      if (missing.length > 0) {
        const next = assignRunColors(
          missing,
          palette ? { palette, taken: known } : { taken: known },
        );
        byExperiment.set(experimentId, next);
        return next;
      }
      byExperiment.set(experimentId, known);
      return known;
    },
  };
}
