'use client';
import type { TrainvizClient } from '@trainviz/client';
import { createContext } from 'react';

/**
 * The client the hooks fetch with, set by `TrainvizProvider`. `null` outside a provider.
 *
 * @example
 * ```tsx
 * <TrainvizContext.Provider value={client}>{children}</TrainvizContext.Provider>
 * ```
 */
export const TrainvizContext = createContext<Pick<TrainvizClient, 'getRunMetrics'> | null>(null);
