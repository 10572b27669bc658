import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { TrainingMetricsChart } from '../components/TrainingMetricsChart';
import { trainvizKeys } from '../queryKeys';
import { createTestQueryClient, fakeClient, makeRun, providers } from './helpers/fixtures';

describe('live polling cost', () => {
  it('does not re-render when a poll brings nothing new', async () => {
    const client = fakeClient(({ runId }) => makeRun({ runId, status: 'running' }));
    const queryClient = createTestQueryClient();
    let commits = 0;
    render(
      <Profiler id="chart" onRender={() => commits++}>
        <TrainingMetricsChart experimentId="exp-1" runIds={['run-a', 'run-b']} />
      </Profiler>,
      { wrapper: providers(client, queryClient) },
    );
    await screen.findByRole('img', { name: /loss for 2 runs/ });
    // Updates are batched per animation frame: let the pending one land.
    await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    const before = commits;
    const calls = client.calls.length;
    await act(() => queryClient.refetchQueries({ queryKey: trainvizKeys.all }));
    expect(client.calls.length).toBe(calls + 2);
    expect(client.calls.at(-1)?.options.sinceStep).toBe(29);
    expect(commits).toBe(before);
  });

  it('draws the points a poll brings', async () => {
    let polls = 0;
    const client = fakeClient(({ options }) => {
      if (options.sinceStep === undefined) return makeRun({ status: 'running' });
      polls++;
      return makeRun({
        status: 'running',
        lastStep: 40,
        metrics: { loss: { steps: [30, 40], values: [1.8, 1.6] } },
      });
    });
    const queryClient = createTestQueryClient();
    render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} />, {
      wrapper: providers(client, queryClient),
    });
    await screen.findByRole('img', { name: /run-a 3 points/ });
    await act(() => queryClient.refetchQueries({ queryKey: trainvizKeys.all }));
    expect(polls).toBe(1);
    expect(
      await screen.findByRole('img', { name: /run-a 4 points, last 1.6 at step 40/ }),
    ).toBeInTheDocument();
  });
});
