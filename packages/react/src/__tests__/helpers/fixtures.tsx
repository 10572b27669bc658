import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { GetRunMetricsOptions, RunMetrics } from '@trainviz/client';
import type { ReactNode } from 'react';
import type { Mock } from 'vitest';
import { vi } from 'vitest';
import { TrainvizProvider } from '../../components/TrainvizProvider';

export function makeRun(overrides: Partial<RunMetrics> = {}): RunMetrics {
  return {
    experimentId: 'exp-1',
    runId: 'run-a',
    status: 'completed',
    lastStep: 30,
    updatedAt: '2026-11-27T10:00:00.000Z',
    startedAt: '2026-11-27T09:00:00.000Z',
    stepSource: 'explicit',
    restarts: [],
    metrics: {
      loss: { steps: [10, 20, 30], values: [2.5, 2.1, 1.8] },
      learning_rate: { steps: [10, 20, 30], values: [1e-4, 8e-5, 6e-5] },
    },
    ...overrides,
  };
}

export type FetchCall = { experimentId: string; runId: string; options: GetRunMetricsOptions };

export function fakeClient(handler: (call: FetchCall) => RunMetrics | Promise<RunMetrics>): {
  getRunMetrics: Mock<RunMetricsFetcher>;
  calls: FetchCall[];
} {
  const calls: FetchCall[] = [];
  const getRunMetrics = vi.fn<RunMetricsFetcher>(
    async (experimentId: string, runId: string, options: GetRunMetricsOptions = {}) => {
      const call = { experimentId, runId, options };
      calls.push(call);
      return handler(call);
    },
  );
  return { getRunMetrics, calls };
}

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } },
  });
}

export function providers(
  client: { getRunMetrics: RunMetricsFetcher },
  queryClient = createTestQueryClient(),
) {
  // biome-ignore lint/correctness/noComponentHookFactories: a test wrapper closing over its clients
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <QueryClientProvider client={queryClient}>
        <TrainvizProvider client={client}>{children}</TrainvizProvider>
      </QueryClientProvider>
    );
  };
}

type RunMetricsFetcher = (
  experimentId: string,
  runId: string,
  options?: GetRunMetricsOptions,
) => Promise<RunMetrics>;
