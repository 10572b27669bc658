import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TrainvizError } from '@trainviz/client';
import { describe, expect, it, vi } from 'vitest';
import { TrainingMetricsChart } from '../components/TrainingMetricsChart';
import { fakeClient, makeRun, providers } from './helpers/fixtures';

describe('TrainingMetricsChart', () => {
  it('draws the loss curve of a run and describes it for screen readers', async () => {
    const client = fakeClient(() => makeRun());
    render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} />, {
      wrapper: providers(client),
    });
    const chart = await screen.findByRole('img', { name: /loss for 1 run/ });
    expect(chart).toHaveAccessibleName('loss for 1 run: run-a 3 points, last 1.8 at step 30');
    expect(chart.querySelector('svg.recharts-surface')).not.toBeNull();
    expect(client.calls).toEqual([
      { experimentId: 'exp-1', runId: 'run-a', options: { signal: expect.any(AbortSignal) } },
    ]);
  });

  it('shows a fixed-height skeleton while loading', () => {
    const client = fakeClient(() => new Promise(() => {}));
    render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} height={240} />, {
      wrapper: providers(client),
    });
    const skeleton = screen.getByRole('status', { name: 'Loading metrics' });
    expect(skeleton).toHaveAttribute('aria-busy', 'true');
    expect(skeleton).toHaveStyle({ height: '240px' });
  });

  it('shows the error message with a Retry that fetches again', async () => {
    let attempts = 0;
    const client = fakeClient(() => {
      attempts += 1;
      if (attempts === 1) {
        throw new TrainvizError({ kind: 'http', status: 404, message: 'run not found' });
      }
      return makeRun();
    });
    render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} />, {
      wrapper: providers(client),
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('run not found');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('img', { name: /loss for 1 run/ })).toBeInTheDocument();
    expect(attempts).toBe(2);
  });

  it('says so when the run recorded no metrics', async () => {
    const client = fakeClient(() => makeRun({ metrics: {}, lastStep: null }));
    render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} />, {
      wrapper: providers(client),
    });
    expect(await screen.findByText('No metrics recorded for this run')).toBeInTheDocument();
  });

  it('lets the host replace the loading, error and empty states', async () => {
    const failing = fakeClient(() => {
      throw new TrainvizError({ kind: 'network', message: 'offline' });
    });
    render(
      <TrainingMetricsChart
        experimentId="exp-1"
        runIds={['run-a']}
        renderError={(error) => <p>custom: {error.message}</p>}
      />,
      { wrapper: providers(failing) },
    );
    expect(await screen.findByText('custom: offline')).toBeInTheDocument();
  });

  it('shows the empty state, not a spinner, when fetching is disabled', () => {
    const client = fakeClient(() => makeRun());
    render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} enabled={false} />, {
      wrapper: providers(client),
    });
    expect(screen.getByText('No metrics recorded for this run')).toBeInTheDocument();
    expect(client.calls).toHaveLength(0);
  });

  it('draws a failed run up to where it stopped, with a note', async () => {
    const client = fakeClient(() =>
      makeRun({
        status: 'failed',
        lastStep: 300,
        metrics: { loss: { steps: [100, 200, 300], values: [2.1, 1.9, 1.85] } },
      }),
    );
    render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} />, {
      wrapper: providers(client),
    });
    expect(await screen.findByText('Run failed at step 300')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /run-a 3 points, last 1.85 at step 300/ }),
    ).toBeVisible();
  });

  it('marks a NaN loss instead of breaking', async () => {
    const client = fakeClient(() =>
      makeRun({
        metrics: {
          loss: { steps: [1232, 1233, 1234, 1235], values: [1.4, 1.5, Number.NaN, Number.NaN] },
        },
      }),
    );
    const { container } = render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} />, {
      wrapper: providers(client),
    });
    expect(
      await screen.findByText('loss became NaN at step 1234 (1 more non-finite point)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('img')).toHaveAccessibleName(/last 1.5 at step 1233/);
    await waitFor(() => expect(container.querySelectorAll('.tvz-nonfinite').length).toBe(2));
  });

  it('draws a resume as a "resumed" line', async () => {
    const client = fakeClient(() =>
      makeRun({
        restarts: [{ step: 20 }],
        metrics: { loss: { steps: [10, 20, 30], values: [2, 1.9, 1.8] } },
      }),
    );
    const { container } = render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} />, {
      wrapper: providers(client),
    });
    await screen.findByRole('img', { name: /loss for 1 run/ });
    expect(container.querySelector('.tvz-resume')).not.toBeNull();
    expect(screen.getByText('resumed')).toBeInTheDocument();
  });

  it('switches metric from the selector, offering every recorded metric', async () => {
    const onMetricChange = vi.fn();
    const client = fakeClient(() =>
      makeRun({
        metrics: {
          loss: { steps: [1, 2], values: [2, 1.8] },
          eval_loss: { steps: [2], values: [1.9] },
          'rewards/chosen': { steps: [1, 2], values: [0.1, 0.4] },
        },
      }),
    );
    render(
      <TrainingMetricsChart
        experimentId="exp-1"
        runIds={['run-a']}
        onMetricChange={onMetricChange}
      />,
      { wrapper: providers(client) },
    );
    const select = await screen.findByRole('combobox', { name: 'Metric' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['loss', 'eval_loss', 'rewards/chosen']);
    await userEvent.selectOptions(select, 'rewards/chosen');
    expect(onMetricChange).toHaveBeenCalledWith('rewards/chosen');
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'rewards/chosen for 1 run: run-a 2 points, last 0.4 at step 2',
    );
  });

  it('follows a controlled metric', async () => {
    const client = fakeClient(() => makeRun());
    render(
      <TrainingMetricsChart experimentId="exp-1" runIds={['run-a']} metric="learning_rate" />,
      {
        wrapper: providers(client),
      },
    );
    expect(
      await screen.findByRole('img', { name: /^learning_rate for 1 run/ }),
    ).toHaveAccessibleName(/last 6e-5 at step 30/);
  });

  it('hides and shows a run from the legend', async () => {
    const client = fakeClient(({ runId }) => makeRun({ runId }));
    render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a', 'run-b']} />, {
      wrapper: providers(client),
    });
    await screen.findByRole('img', { name: /loss for 2 runs/ });
    const toggle = screen.getByRole('button', { name: 'run-b' });
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('img')).toHaveAccessibleName(/^loss for 1 run: run-a/);
    toggle.focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('img')).toHaveAccessibleName(/^loss for 2 runs/);
  });

  it('keeps the other runs when one run fails', async () => {
    const client = fakeClient(({ runId }) => {
      if (runId === 'run-c') throw new TrainvizError({ kind: 'timeout', message: 'timed out' });
      return makeRun({ runId });
    });
    render(<TrainingMetricsChart experimentId="exp-1" runIds={['run-a', 'run-b', 'run-c']} />, {
      wrapper: providers(client),
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('run-c: timed out');
    expect(screen.getByRole('img')).toHaveAccessibleName(/^loss for 2 runs: run-a .*; run-b /);
  });

  it('charts raw log text parsed in the browser', async () => {
    const text = [
      "{'loss': 2.5, 'learning_rate': 5e-05, 'epoch': 0.1, 'step': 10}",
      "{'loss': 2.2, 'learning_rate': 4e-05, 'epoch': 0.2, 'step': 20}",
      '',
    ].join('\n');
    render(<TrainingMetricsChart logText={text} />);
    // The parser is loaded on first use: a skeleton first, then the chart.
    expect(
      await screen.findByRole('img', { name: 'loss for 1 run: log 2 points, last 2.2 at step 20' }),
    ).toBeInTheDocument();
  });
});
