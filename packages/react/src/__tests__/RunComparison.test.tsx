import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TrainvizError } from '@trainviz/client';
import { describe, expect, it } from 'vitest';
import { RunComparison } from '../components/RunComparison';
import { fakeClient, makeRun, providers } from './helpers/fixtures';

const runs = {
  'run-a': makeRun({
    runId: 'run-a',
    status: 'completed',
    lastStep: 300,
    metrics: {
      loss: { steps: [100, 200, 300], values: [2.0, 1.5, 1.6] },
      eval_loss: { steps: [300], values: [1.7] },
      learning_rate: { steps: [100, 300], values: [1e-4, 2e-5] },
    },
  }),
  'run-b': makeRun({
    runId: 'run-b',
    status: 'running',
    lastStep: 200,
    metrics: {
      loss: { steps: [100, 200], values: [1.9, 1.2] },
      eval_loss: { steps: [200], values: [1.4] },
    },
  }),
};

function rowNames(): string[] {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent?.replace('■', '') ?? '');
}

describe('RunComparison', () => {
  it('overlays the runs and tabulates their facts, sortable', async () => {
    const client = fakeClient(({ runId }) => runs[runId as keyof typeof runs]);
    render(<RunComparison experimentId="exp-1" runIds={['run-a', 'run-b']} />, {
      wrapper: providers(client),
    });
    expect(await screen.findByRole('img', { name: /^loss for 2 runs/ })).toBeInTheDocument();
    const rowA = screen.getByRole('row', { name: /run-a/ });
    expect(
      within(rowA)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['completed', '300', '1.6', '1.5', '1.7', '2e-5']);
    const rowB = screen.getByRole('row', { name: /run-b/ });
    expect(
      within(rowB)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['running', '200', '1.2', '1.2', '1.4', '–']);
    expect(rowNames()).toEqual(['run-a', 'run-b']);
    const bestLoss = screen.getByRole('button', { name: 'Best loss' });
    await userEvent.click(bestLoss);
    expect(rowNames()).toEqual(['run-b', 'run-a']);
    expect(bestLoss.closest('th')).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(bestLoss);
    expect(rowNames()).toEqual(['run-a', 'run-b']);
    expect(bestLoss.closest('th')).toHaveAttribute('aria-sort', 'descending');
  });

  it('shows a failing run as an error row without hiding the others', async () => {
    const client = fakeClient(({ runId }) => {
      if (runId === 'run-c') {
        throw new TrainvizError({ kind: 'http', status: 500, message: 'database is locked' });
      }
      return runs[runId as keyof typeof runs];
    });
    render(<RunComparison experimentId="exp-1" runIds={['run-a', 'run-b', 'run-c']} />, {
      wrapper: providers(client),
    });
    expect(await screen.findByRole('img', { name: /^loss for 2 runs/ })).toBeInTheDocument();
    const rowC = await screen.findByRole('row', { name: /run-c/ });
    expect(within(rowC).getByRole('alert')).toHaveTextContent('database is locked');
    expect(screen.getByRole('row', { name: /run-a/ })).toHaveTextContent('completed');
  });
});
