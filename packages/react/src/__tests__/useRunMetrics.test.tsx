import { act, renderHook } from '@testing-library/react';
import type { RunMetrics } from '@trainviz/client';
import { TrainvizError } from '@trainviz/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useRunComparison } from '../hooks/useRunComparison';
import { useRunMetrics } from '../hooks/useRunMetrics';
import { preloadPollMerge } from '../runMetricsQueryOptions';
import {
  createTestQueryClient,
  type FetchCall,
  fakeClient,
  makeRun,
  providers,
} from './helpers/fixtures';

// The poll merge is a dynamic import, which takes real time however the fake timers advance: load
// it before the polls under fake timers (a browser has it a poll interval ahead; a test on a loaded
// machine might not).
beforeAll(() => preloadPollMerge());

/** A run that gains one loss point every poll and completes at step 30. */
function growingRun(call: FetchCall): RunMetrics {
  // The hook asks again for its last step (since_step is exclusive), so the last step it has is since + 1.
  const last = call.options.sinceStep === undefined ? 0 : call.options.sinceStep + 1;
  const next = last + 10;
  return makeRun({
    status: next >= 30 ? 'completed' : 'running',
    lastStep: next,
    metrics: { loss: { steps: [next], values: [3 - next / 100] } },
  });
}

const flush = async () => {
  for (let i = 0; i < 4; i++) await act(() => vi.advanceTimersByTimeAsync(1));
};
const advance = async (ms: number) => {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  // Let the fetch's promise chain and React Query's batched notification settle.
  await flush();
};

describe('useRunMetrics live polling', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fetches only the points after the last step, merges them, and stops once completed', async () => {
    const client = fakeClient(growingRun);
    const { result } = renderHook(
      () => useRunMetrics('exp-1', 'run-a', { isLive: true, pollIntervalMs: 1000 }),
      { wrapper: providers(client) },
    );
    await flush();
    expect(result.current.data?.metrics.loss?.steps).toEqual([10]);
    expect(client.calls[0]?.options.sinceStep).toBeUndefined();

    await advance(1000);
    expect(client.calls[1]?.options.sinceStep).toBe(9);
    expect(result.current.data?.metrics.loss?.steps).toEqual([10, 20]);

    await advance(1000);
    expect(client.calls[2]?.options.sinceStep).toBe(19);
    expect(result.current.data?.status).toBe('completed');
    expect(result.current.data?.metrics.loss?.values).toEqual([2.9, 2.8, 2.7]);

    await advance(10_000);
    expect(client.calls).toHaveLength(3);
  });

  it('follows the status: stops at interrupted (or any status but pending and running)', async () => {
    let status = 'running';
    const client = fakeClient(() => makeRun({ status: status as RunMetrics['status'] }));
    renderHook(() => useRunMetrics('exp-1', 'run-a', { isLive: true, pollIntervalMs: 1000 }), {
      wrapper: providers(client),
    });
    await flush();
    await advance(1000);
    expect(client.calls).toHaveLength(2);
    status = 'interrupted';
    await advance(1000);
    expect(client.calls).toHaveLength(3);
    await advance(10_000);
    expect(client.calls).toHaveLength(3);
  });

  it('asks once for a run that does not exist, shows the 404, and polls no more until refetch', async () => {
    const client = fakeClient(() => {
      throw new TrainvizError({ kind: 'http', status: 404, message: 'run not found' });
    });
    const { result } = renderHook(
      () => useRunMetrics('exp-1', 'nope', { isLive: true, pollIntervalMs: 1000 }),
      { wrapper: providers(client) },
    );
    await flush();
    expect(result.current.error?.kind).toBe('http');
    expect(result.current.error?.status).toBe(404);
    await advance(30_000);
    expect(client.calls).toHaveLength(1);
    expect(result.current.isError).toBe(true);
    // Retry is the user's call, and it asks once more.
    await act(async () => {
      await result.current.refetch();
    });
    await advance(30_000);
    expect(client.calls).toHaveLength(2);
  });

  it('keeps polling after a server error (it may heal), and with data after any failed poll', async () => {
    let calls = 0;
    const client = fakeClient(() => {
      calls += 1;
      if (calls === 1) throw new TrainvizError({ kind: 'http', status: 503, message: 'busy' });
      if (calls === 3) throw new TrainvizError({ kind: 'network', message: 'offline' });
      return makeRun({ status: 'running' });
    });
    const { result } = renderHook(
      () => useRunMetrics('exp-1', 'run-a', { isLive: true, pollIntervalMs: 1000 }),
      { wrapper: providers(client) },
    );
    await flush();
    await advance(1000);
    expect(result.current.data?.status).toBe('running');
    await advance(1000);
    await advance(1000);
    expect(client.calls.length).toBeGreaterThanOrEqual(4);
  });

  it('polls every 3 seconds by default', async () => {
    const client = fakeClient(() => makeRun({ status: 'running' }));
    renderHook(() => useRunMetrics('exp-1', 'run-a', { isLive: true }), {
      wrapper: providers(client),
    });
    await flush();
    await advance(2900);
    expect(client.calls).toHaveLength(1);
    await advance(100);
    expect(client.calls).toHaveLength(2);
  });

  it('never has two requests in flight, however slow the server', async () => {
    let inFlight = 0;
    let most = 0;
    const client = fakeClient(async (call) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // The first answer is quick; every later one takes 5 s, longer than the 1 s interval.
      if (call.options.sinceStep !== undefined) await new Promise((r) => setTimeout(r, 5000));
      inFlight -= 1;
      return makeRun({ status: 'running', lastStep: 10 });
    });
    renderHook(() => useRunMetrics('exp-1', 'run-a', { isLive: true, pollIntervalMs: 1000 }), {
      wrapper: providers(client),
    });
    await flush();
    await advance(4500);
    expect(client.calls).toHaveLength(2);
    expect(most).toBe(1);
    await advance(6000);
    expect(most).toBe(1);
  });

  it('does not poll when not live', async () => {
    const client = fakeClient(() => makeRun({ status: 'running' }));
    renderHook(() => useRunMetrics('exp-1', 'run-a'), { wrapper: providers(client) });
    await flush();
    await advance(20_000);
    expect(client.calls).toHaveLength(1);
  });

  it('picks up a metric logged at the last step after the previous poll (an eval after the train loss)', async () => {
    const responses: RunMetrics[] = [
      makeRun({ status: 'running', lastStep: 10, metrics: { loss: { steps: [10], values: [3] } } }),
      makeRun({
        status: 'running',
        lastStep: 20,
        metrics: {
          loss: { steps: [20], values: [2.5] },
          eval_loss: { steps: [10], values: [3.1] },
        },
      }),
    ];
    const client = fakeClient(() => responses.shift() ?? makeRun({ status: 'completed' }));
    const { result } = renderHook(
      () => useRunMetrics('exp-1', 'run-a', { isLive: true, pollIntervalMs: 1000 }),
      { wrapper: providers(client) },
    );
    await flush();
    await advance(1000);
    expect(client.calls[1]?.options.sinceStep).toBe(9);
    expect(result.current.data?.metrics.loss).toEqual({ steps: [10, 20], values: [3, 2.5] });
    expect(result.current.data?.metrics.eval_loss).toEqual({ steps: [10], values: [3.1] });
  });

  it('refetches from just before a new resume so rewritten points replace the old ones', async () => {
    const responses: RunMetrics[] = [
      makeRun({
        status: 'running',
        lastStep: 30,
        metrics: { loss: { steps: [10, 20, 30], values: [3, 2.5, 2.4] } },
      }),
      // The run resumed from step 20's checkpoint and has logged step 40 since.
      makeRun({
        status: 'running',
        lastStep: 40,
        restarts: [{ step: 20 }],
        metrics: { loss: { steps: [40], values: [2.0] } },
      }),
      makeRun({
        status: 'running',
        lastStep: 40,
        restarts: [{ step: 20 }],
        metrics: { loss: { steps: [20, 30, 40], values: [2.45, 2.2, 2.0] } },
      }),
    ];
    const client = fakeClient(() => responses.shift() ?? makeRun({ status: 'completed' }));
    const { result } = renderHook(
      () => useRunMetrics('exp-1', 'run-a', { isLive: true, pollIntervalMs: 1000 }),
      { wrapper: providers(client) },
    );
    await flush();
    await advance(1000);
    expect(client.calls.map((c) => c.options.sinceStep)).toEqual([undefined, 29, 19]);
    expect(result.current.data?.metrics.loss).toEqual({
      steps: [10, 20, 30, 40],
      values: [3, 2.45, 2.2, 2.0],
    });
    expect(result.current.data?.restarts).toEqual([{ step: 20 }]);
  });

  it('polls several runs in parallel', async () => {
    const client = fakeClient(({ runId }) => makeRun({ runId, status: 'running' }));
    const queryClient = createTestQueryClient();
    const { result } = renderHook(
      () => useRunComparison('exp-1', ['a', 'b', 'c'], { isLive: true, pollIntervalMs: 1000 }),
      { wrapper: providers(client, queryClient) },
    );
    await flush();
    expect(result.current.map((r) => r.data?.runId)).toEqual(['a', 'b', 'c']);
    await advance(1000);
    expect(
      client.calls
        .filter((c) => c.options.sinceStep === 29)
        .map((c) => c.runId)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
  });
});
