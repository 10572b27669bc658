import type { RunMetrics } from '@trainviz/client';
import { describe, expect, it, vi } from 'vitest';
import { runMetricsQueryOptions } from '../runMetricsQueryOptions';
import { createTestQueryClient, fakeClient, makeRun } from './helpers/fixtures';

// The merge chunk is a dynamic import: make it fail while `chunk.fails` is set, as a chunk the
// network or a new deploy lost would.
const chunk = vi.hoisted(() => ({ fails: true, imports: 0 }));
vi.mock('../pollMerge', async (importOriginal) => {
  chunk.imports += 1;
  if (chunk.fails) throw new Error('Failed to fetch dynamically imported module');
  return importOriginal();
});

/** A running run whose every poll brings step `lastStep + 10`. */
function growingRun(options: { sinceStep?: number }): RunMetrics {
  const last = options.sinceStep === undefined ? 20 : options.sinceStep + 1;
  const steps = options.sinceStep === undefined ? [10, 20] : [last, last + 10];
  return makeRun({
    status: 'running',
    lastStep: last + (options.sinceStep === undefined ? 0 : 10),
    metrics: { loss: { steps, values: steps.map((step) => 3 - step / 100) } },
  });
}

// One file, in order: the chunk stays loaded once a test has loaded it.
describe('the poll merge chunk', () => {
  it('is not loaded for a finished run', async () => {
    const client = fakeClient(() => makeRun({ status: 'completed' }));
    const queryClient = createTestQueryClient();
    await queryClient.fetchQuery(
      runMetricsQueryOptions(client, 'exp-1', 'run-a', { isLive: true }),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(chunk.imports).toBe(0);
  });

  it('falls back to fetching the whole run while the chunk cannot load, and tries it again', async () => {
    const client = fakeClient(({ options }) => growingRun(options));
    const queryClient = createTestQueryClient();
    const options = runMetricsQueryOptions(client, 'exp-1', 'run-a', { isLive: true });
    await queryClient.fetchQuery(options);
    // A running run: the chunk starts loading after the first fetch.
    await vi.waitFor(() => expect(chunk.imports).toBe(1));

    const full = await queryClient.fetchQuery({ ...options, staleTime: 0 });
    expect(client.calls.map((call) => call.options.sinceStep)).toEqual([undefined, undefined]);
    expect(full.metrics.loss?.steps).toEqual([10, 20]);
    expect(chunk.imports).toBe(2);

    chunk.fails = false;
    const merged = await queryClient.fetchQuery({ ...options, staleTime: 0 });
    expect(chunk.imports).toBe(3);
    expect(client.calls.at(-1)?.options.sinceStep).toBe(19);
    expect(merged.metrics.loss?.steps).toEqual([10, 20, 30]);
  });

  it('merges polls with the chunk loaded: in place, and `previous` itself when nothing is new', async () => {
    let nothingNew = false;
    const client = fakeClient(({ options }) =>
      nothingNew
        ? // Only the last point again, as a poll of a run that logged nothing since answers.
          makeRun({
            status: 'running',
            lastStep: 30,
            metrics: { loss: { steps: [30], values: [2.7] } },
          })
        : growingRun(options),
    );
    const queryClient = createTestQueryClient();
    const options = runMetricsQueryOptions(client, 'exp-1', 'run-a', { isLive: true });
    const first = await queryClient.fetchQuery(options);
    const loss = first.metrics.loss?.steps;
    const polled = await queryClient.fetchQuery({ ...options, staleTime: 0 });
    expect(client.calls.at(-1)?.options.sinceStep).toBe(19);
    expect(polled).not.toBe(first);
    expect(polled.metrics.loss?.steps).toBe(loss);
    expect(loss).toEqual([10, 20, 30]);

    nothingNew = true;
    const same = await queryClient.fetchQuery({ ...options, staleTime: 0 });
    expect(client.calls.at(-1)?.options.sinceStep).toBe(29);
    expect(same).toBe(polled);
    expect(chunk.imports).toBe(3);
  });
});
