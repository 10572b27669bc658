import { QueryClient } from '@tanstack/react-query';
import { act, render, renderHook, screen } from '@testing-library/react';
import { TrainvizError } from '@trainviz/client';
import { describe, expect, it, vi } from 'vitest';
import { TrainingMetricsChart } from '../components/TrainingMetricsChart';
import { TrainvizProvider } from '../components/TrainvizProvider';
import { useLogTextMetrics } from '../log/useLogTextMetrics';
import { trainvizKeys } from '../queryKeys';
import { createTestQueryClient, fakeClient, makeRun, providers } from './helpers/fixtures';

describe('data first', () => {
  it('keeps the chart and adds an "update failed" badge when a background refetch fails', async () => {
    let attempts = 0;
    const client = fakeClient(() => {
      attempts += 1;
      if (attempts > 1) throw new TrainvizError({ kind: 'network', message: 'offline' });
      return makeRun();
    });
    const queryClient = createTestQueryClient();
    render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} />, {
      wrapper: providers(client, queryClient),
    });
    await screen.findByRole('img', { name: /loss for 1 run/ });
    await act(() => queryClient.refetchQueries({ queryKey: trainvizKeys.all }).catch(() => {}));
    expect(await screen.findByText('run-a: update failed')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /loss for 1 run/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });
});

describe('TrainvizProvider', () => {
  it('creates a client from a baseUrl and requests the metrics endpoint', async () => {
    const requested: string[] = [];
    const fetchStub = vi.fn(async (url: string | URL | Request) => {
      requested.push(String(url));
      const body = {
        experiment_id: 'exp-1',
        run_id: 'run-a',
        status: 'running',
        last_step: 20,
        updated_at: '2026-11-27T10:00:00.000Z',
        started_at: null,
        step_source: 'explicit',
        restarts: [],
        metrics: { loss: { steps: [10, 20], values: [2.31, 'NaN'] } },
      };
      return new Response(JSON.stringify(body), {
        headers: { 'content-type': 'application/json' },
      });
    });
    vi.stubGlobal('fetch', fetchStub);
    try {
      render(
        <TrainvizProvider baseUrl="https://metrics.test/api">
          <TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} />
        </TrainvizProvider>,
      );
      expect(await screen.findByText('loss became NaN at step 20')).toBeInTheDocument();
      expect(requested).toEqual(['https://metrics.test/api/experiments/exp-1/runs/run-a/metrics']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('creates a QueryClient when the host has none', async () => {
    const client = fakeClient(() => makeRun());
    render(
      <TrainvizProvider client={client}>
        <TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} />
      </TrainvizProvider>,
    );
    expect(await screen.findByRole('img', { name: /loss for 1 run/ })).toBeInTheDocument();
  });

  it("uses the host's QueryClient when there is one", async () => {
    const client = fakeClient(() => makeRun());
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} />, {
      wrapper: providers(client, queryClient),
    });
    await screen.findByRole('img', { name: /loss for 1 run/ });
    expect(queryClient.getQueryData(trainvizKeys.runMetrics('exp-1', 'run-a'))).toMatchObject({
      runId: 'run-a',
    });
  });
});

describe('useLogTextMetrics', () => {
  const line = (step: number, loss: number) => `{"step": ${step}, "loss": ${loss}}\n`;

  it('parses appended text incrementally with the same result as parsing it whole', () => {
    const first = line(1, 2.5) + line(2, 2.4);
    const { result, rerender } = renderHook(({ text }) => useLogTextMetrics(text), {
      initialProps: { text: first },
    });
    expect(result.current.series.loss).toEqual({ steps: [1, 2], values: [2.5, 2.4] });
    rerender({ text: first + line(3, 2.2) });
    expect(result.current.series.loss).toEqual({ steps: [1, 2, 3], values: [2.5, 2.4, 2.2] });
  });

  it('starts over when the text is replaced', () => {
    const { result, rerender } = renderHook(({ text }) => useLogTextMetrics(text), {
      initialProps: { text: line(1, 2.5) },
    });
    rerender({ text: line(5, 1.1) });
    expect(result.current.series.loss).toEqual({ steps: [5], values: [1.1] });
  });

  it('reads an unterminated last line once the log is complete', () => {
    const { result, rerender } = renderHook(
      ({ complete }) => useLogTextMetrics(`${line(1, 2.5)}{"step": 2, "loss": 2.4}`, { complete }),
      { initialProps: { complete: false } },
    );
    expect(result.current.series.loss?.steps).toEqual([1]);
    rerender({ complete: true });
    expect(result.current.series.loss?.steps).toEqual([1, 2]);
  });
});
