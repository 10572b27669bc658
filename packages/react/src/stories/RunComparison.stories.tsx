import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useRef } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { RunComparisonProps } from '../components/RunComparison';
import { RunComparison } from '../components/RunComparison';
import { metricsHandler, runWire, STORY_EXPERIMENT, TWO_RUNS, trainerMetrics } from './mocks';

const threeRuns = {
  'lr-1e-5': runWire({ runId: 'lr-1e-5', metrics: trainerMetrics(1, 300, 0.9) }),
  'lr-3e-5': runWire({ runId: 'lr-3e-5', metrics: trainerMetrics(2, 300, 0.6) }),
  'lr-1e-4': runWire({ runId: 'lr-1e-4', status: 'failed', metrics: trainerMetrics(3, 180) }),
};

const meta = {
  title: 'Charts/RunComparison',
  component: RunComparison,
  args: {
    experimentId: STORY_EXPERIMENT,
    runIds: ['lr-1e-5', 'lr-3e-5', 'lr-1e-4'],
  },
  parameters: { msw: { handlers: [metricsHandler(threeRuns)] } },
} satisfies Meta<typeof RunComparison>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Three learning rates overlaid, one of them failed, with the per-run table. */
export const ThreeRuns: Story = {};

/** One run's fetch fails (HTTP 500): the others are still drawn, the failure has its own Retry. */
export const OneRunFailing: Story = {
  args: { runIds: ['lr-1e-5', 'lr-3e-5', 'broken'] },
  parameters: {
    msw: {
      handlers: [
        metricsHandler({ ...threeRuns, broken: { error: 500, message: 'database is locked' } }),
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('img', { name: /^loss for 2 runs/ }, { timeout: 5000 });
    await waitFor(() => expect(canvasElement.textContent).toContain('broken: database is locked'));
  },
};

const twoRuns = {
  'run-a': runWire({ runId: 'run-a', metrics: { loss: TWO_RUNS.a } }),
  'run-b': runWire({ runId: 'run-b', metrics: { loss: TWO_RUNS.b } }),
};

/** Two short runs with round values (the browser test hovers step 50: 1.6 and 1.95). */
export const TwoRuns: Story = {
  args: { runIds: ['run-a', 'run-b'] },
  parameters: { msw: { handlers: [metricsHandler(twoRuns)] } },
};

/** Clicking a run in the legend hides its line; the button reports it with aria-pressed. */
export const LegendToggle: Story = {
  args: { runIds: ['run-a', 'run-b'] },
  parameters: { msw: { handlers: [metricsHandler(twoRuns)] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('img', { name: /^loss for 2 runs/ }, { timeout: 5000 });
    const lines = () => canvasElement.querySelectorAll('path.tvz-line').length;
    await waitFor(() => expect(lines()).toBe(2));
    const legend = canvas.getByRole('list', { name: 'Runs' });
    const runB = within(legend).getByRole('button', { name: 'run-b' });
    await expect(runB).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(runB);
    await expect(runB).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(lines()).toBe(1));
    await canvas.findByRole('img', { name: /^loss for 1 run: run-a/ });
    await userEvent.click(runB);
    await waitFor(() => expect(lines()).toBe(2));
  },
};

function ComparisonModal(props: RunComparisonProps) {
  const dialog = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
    return () => node?.close();
  }, []);
  return (
    <>
      <p>Experiment page behind the modal.</p>
      <dialog
        ref={dialog}
        aria-label="Compare runs"
        style={{
          width: 'min(760px, 92vw)',
          padding: 20,
          borderRadius: 8,
          border: '1px solid #d1d9e0',
        }}
      >
        <h2 style={{ marginTop: 0, fontSize: 18 }}>Compare runs</h2>
        <RunComparison {...props} height={260} />
        <form method="dialog" style={{ textAlign: 'right', marginTop: 12 }}>
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}

/** RunComparison in a modal `<dialog>`: sized by the dialog, not the page. */
export const InModal: Story = {
  render: (args) => <ComparisonModal {...args} />,
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('dialog', {
      name: 'Compare runs',
    });
    const chart = await within(dialog).findByRole(
      'img',
      { name: /^loss for 3 runs/ },
      { timeout: 5000 },
    );
    await expect(chart.getBoundingClientRect().width).toBeLessThanOrEqual(760);
  },
};
