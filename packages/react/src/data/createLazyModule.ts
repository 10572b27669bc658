/**
 * A module loaded on first use, as a bundler splits a dynamic `import()` into a chunk of its own.
 * `current` is the module once loaded (else null), so pure helpers can use it synchronously and
 * fall back while it is missing; `subscribe` tells components when it arrives.
 *
 * @example
 * ```ts
 * const groups: LazyModule<typeof import('./groupRows')> = createLazyModule(() => import('./groupRows'));
 * ```
 */
export interface LazyModule<T> {
  /** The loaded module, or null before it has arrived. */
  readonly current: T | null;
  /** True after a load failed (and until a later load succeeds). */
  readonly failed: boolean;
  /** Starts the load once; resolves with the module, rejects if the chunk cannot be fetched. */
  load(): Promise<T>;
  /** Calls `listener` when the module arrives or fails; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * Creates a {@link LazyModule}. A failed load is forgotten, so the next `load()` tries again.
 *
 * @param importer - the dynamic import, e.g. `() => import('./groupRows')`
 * @returns the lazy module
 *
 * @example
 * ```ts
 * const epoch = createLazyModule(() => import('./createEpochInterpolator'));
 * epoch.current?.createEpochInterpolator(series);
 * ```
 */
export function createLazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  const listeners = new Set<() => void>();
  let pending: Promise<T> | null = null;
  const lazy = {
    current: null as T | null,
    failed: false,
    load() {
      pending ??= importer().then(
        (module) => {
          lazy.current = module;
          lazy.failed = false;
          for (const listener of listeners) listener();
          return module;
        },
        (error: unknown) => {
          pending = null;
          lazy.failed = true;
          for (const listener of listeners) listener();
          throw error;
        },
      );
      return pending;
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  return lazy;
}
