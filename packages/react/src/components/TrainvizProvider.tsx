'use client';
import type { QueryClient } from '@tanstack/react-query';
import {
  QueryClient as QueryClientClass,
  QueryClientContext,
  QueryClientProvider,
} from '@tanstack/react-query';
import type { TrainvizClient } from '@trainviz/client';
import { getRunMetrics } from '@trainviz/client';
import type { ReactNode } from 'react';
import { useContext, useMemo, useState } from 'react';
import { createRunColorRegistry } from '../data/createRunColorRegistry';
import { RunColorContext } from '../hooks/RunColorContext';
import { TrainvizContext } from '../hooks/TrainvizContext';

/**
 * Props of {@link TrainvizProvider}: a ready `client`, or a `baseUrl` to create one.
 *
 * @example
 * ```tsx
 * <TrainvizProvider baseUrl="https://metrics.example.com">{children}</TrainvizProvider>
 * ```
 */
export interface TrainvizProviderProps {
  /** A client from `createTrainvizClient` (or any object with `getRunMetrics`). @defaultValue undefined */
  client?: Pick<TrainvizClient, 'getRunMetrics'>;
  /** Base URL of the metrics endpoint, used when no `client` is given. @defaultValue undefined */
  baseUrl?: string;
  /** Headers sent with every request (auth), with `baseUrl`. @defaultValue undefined */
  headers?: Record<string, string>;
  /**
   * The React Query client. Without one, the host's `QueryClientProvider` is used; when there is none
   * either, the provider creates a `QueryClient` of its own and provides it.
   * @defaultValue the surrounding one, else a new one
   */
  queryClient?: QueryClient;
  children?: ReactNode;
}

/**
 * Supplies the metrics client to the trainviz hooks and components, and a React Query client when the
 * host has none. Without `client` or `baseUrl` it throws an error of `kind` `'missing-client'`.
 *
 * @param props - {@link TrainvizProviderProps}
 * @returns the children, wrapped
 *
 * @example
 * ```tsx
 * <QueryClientProvider client={queryClient}>
 *   <TrainvizProvider baseUrl="/api">
 *     <TrainingMetricsChart experimentId="exp-1" runIds={['sft-7']} isLive />
 *   </TrainvizProvider>
 * </QueryClientProvider>
 * ```
 */
export function TrainvizProvider(props: TrainvizProviderProps) {
  const { client, baseUrl, headers, queryClient, children } = props;
  const headersKey = headers ? JSON.stringify(headers) : '';
  const resolved = useMemo(() => {
    if (client) return client;
    if (baseUrl === undefined) {
      throw Object.assign(new Error('TrainvizProvider needs a `client` or a `baseUrl`.'), {
        kind: 'missing-client' as const,
      });
    }
    const parsedHeaders = headersKey ? (JSON.parse(headersKey) as Record<string, string>) : null;
    const config = parsedHeaders ? { baseUrl, headers: parsedHeaders } : { baseUrl };
    // The hooks only read run metrics: a whole `createTrainvizClient` would also bring the run
    // list's code into every host bundle.
    const created: Pick<TrainvizClient, 'getRunMetrics'> = {
      getRunMetrics: (experimentId, runId, options) =>
        getRunMetrics(config, experimentId, runId, options),
    };
    return created;
  }, [client, baseUrl, headersKey]);
  const outer = useContext(QueryClientContext);
  const [own] = useState(() => (queryClient || outer ? null : new QueryClientClass()));
  // One colour registry per provider: every chart under it gives a run the same colour.
  const [colors] = useState(createRunColorRegistry);
  const provided = (
    <TrainvizContext.Provider value={resolved}>
      <RunColorContext.Provider value={colors}>{children}</RunColorContext.Provider>
    </TrainvizContext.Provider>
  );
  const active = queryClient ?? (outer ? null : own);
  if (!active) return provided;
  return <QueryClientProvider client={active}>{provided}</QueryClientProvider>;
}
