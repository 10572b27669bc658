'use client';
import type { TrainvizClient } from '@trainviz/client';
import { useContext } from 'react';
import { TrainvizContext } from './TrainvizContext';

/**
 * Thrown by {@link useTrainvizClient} outside a `TrainvizProvider`.
 *
 * @example
 * ```ts
 * if ((error as MissingProviderError).kind === 'missing-provider') renderSetupHelp();
 * ```
 */
export interface MissingProviderError extends Error {
  kind: 'missing-provider';
}

/**
 * The client of the nearest `TrainvizProvider`.
 *
 * @returns the client
 * @throws {@link MissingProviderError} when there is no provider
 *
 * @example
 * ```tsx
 * const client = useTrainvizClient();
 * const metrics = await client.getRunMetrics('exp-1', 'sft-7');
 * ```
 */
export function useTrainvizClient(): Pick<TrainvizClient, 'getRunMetrics'> {
  const client = useContext(TrainvizContext);
  if (!client) {
    const error = new Error(
      'useTrainvizClient: no TrainvizProvider above this component. Wrap it in <TrainvizProvider baseUrl="...">.',
    ) as MissingProviderError;
    error.kind = 'missing-provider';
    throw error;
  }
  return client;
}
