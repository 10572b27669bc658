'use client';
import { useEffect, useSyncExternalStore } from 'react';
import type { LazyModule } from '../data/createLazyModule';

/**
 * Loads `module` when `needed` and re-renders when it arrives: true once the caller can use it
 * (loaded, or its chunk failed and the caller should draw without it), or when it is not needed.
 * On the server and in the first client render of a hydration it is false for a needed module,
 * so the markup matches.
 *
 * @param module - a module from `createLazyModule`
 * @param needed - whether the caller needs it now
 * @returns whether the caller can go on
 *
 * @example
 * ```tsx
 * const ready = useLazyModule(runGroupsModule, props.runGroups !== undefined);
 * ```
 */
export function useLazyModule(module: LazyModule<unknown>, needed: boolean): boolean {
  const settled = useSyncExternalStore(
    module.subscribe,
    () => module.current !== null || module.failed,
    () => false,
  );
  useEffect(() => {
    if (needed && module.current === null) {
      module.load().catch(() => {
        // `failed` is set and the subscribers re-render: the caller draws without the module.
      });
    }
  }, [module, needed]);
  return settled || !needed;
}
