/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import trlDpoLog from '../../../parser/src/__tests__/fixtures/corpus/trl-dpo__trl-pr-570.log?raw';
import { TrainingMetricsChart } from '../components/TrainingMetricsChart';
import {
  flakyHandler,
  liveRunHandler,
  lossCurve,
  metricsHandler,
  pendingHandler,
  runWire,
  STORY_EXPERIMENT,
  trainerMetrics,
} from './mocks';

const sft7 = runWire({ runId: 'sft-7', metrics: trainerMetrics(1) });

const meta = {
  title: 'Charts/TrainingMetricsChart',
  component: TrainingMetricsChart,
  args: { experimentId: STORY_EXPERIMENT, runIds: ['sft-7'], height: 320 },
  parameters: { msw: { handlers: [metricsHandler({ 'sft-7': sft7 })] } },
} satisfies Meta<typeof TrainingMetricsChart>;

export default meta;
type Story = StoryObj<typeof meta>;

const chartOf = (canvasElement: HTMLElement, name: RegExp) =>
  within(canvasElement).findByRole('img', { name }, { timeout: 5000 });

/** A finished run with loss, grad_norm, learning_rate and epoch. */
export const Data: Story = {
  play: async ({ canvasElement }) => {
    await chartOf(canvasElement, /^loss for 1 run: sft-7 300 points/);
  },
};

/** The request has not answered yet: a skeleton of the chart's height, so the page does not jump. */
export const Loading: Story = {
  parameters: { msw: { handlers: [pendingHandler()] } },
};

const flaky = flakyHandler(sft7);

/** The first request fails (HTTP 503); Retry asks again, and the handler now answers. */
export const ErrorWithRetry: Story = {
  parameters: { msw: { handlers: [flaky.handler] } },
  beforeEach: () => {
    flaky.reset();
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, { timeout: 5000 });
    await expect(alert).toHaveTextContent('Could not load metrics: metrics store is restarting');
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await chartOf(canvasElement, /^loss for 1 run/);
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** The run exists but recorded no metric. */
export const Empty: Story = {
  parameters: {
    msw: { handlers: [metricsHandler({ 'sft-7': runWire({ runId: 'sft-7', metrics: {} }) })] },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText('No metrics recorded for this run', {}, { timeout: 5000 }),
    ).toBeVisible();
  },
};

/** The run failed part way: the curve so far, and a note saying where it stopped. */
export const PartialFailedRun: Story = {
  parameters: {
    msw: {
      handlers: [
        metricsHandler({
          'sft-7': runWire({
            runId: 'sft-7',
            status: 'failed',
            metrics: { loss: lossCurve({ points: 87, stepEvery: 10 }) },
          }),
        }),
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText('Run failed at step 860', {}, { timeout: 5000 }),
    ).toBeVisible();
  },
};

const diverging = (() => {
  const { steps, values } = lossCurve({ points: 617, stepEvery: 2 });
  // The loss climbs for the last 40 points before it becomes NaN at step 1234.
  const climbed = values.map((value, i) => (i > 576 ? value * (1 + (i - 576) * 0.08) : value));
  return {
    steps: [...steps, 1234, 1236, 1238],
    values: [...climbed, Number.NaN, Number.NaN, Number.POSITIVE_INFINITY],
  };
})();

/** The loss diverged: a marker at the top of the plot and a note for the first non-finite value. */
export const NaNMarkers: Story = {
  parameters: {
    msw: {
      handlers: [
        metricsHandler({
          'sft-7': runWire({ runId: 'sft-7', status: 'failed', metrics: { loss: diverging } }),
        }),
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(/^loss became NaN at step 1234/, {}, { timeout: 5000 }),
    ).toBeVisible();
  },
};

/** The run was resumed from its step-600 checkpoint: a dashed "resumed" line. */
export const RestartAfterResume: Story = {
  parameters: {
    msw: {
      handlers: [
        metricsHandler({
          'sft-7': runWire({
            runId: 'sft-7',
            metrics: { loss: lossCurve({ points: 120, stepEvery: 10, seed: 3 }) },
            restarts: [{ step: 600 }],
          }),
        }),
      ],
    },
  },
};

const live = liveRunHandler({ runId: 'live-1', total: 400, chunk: 25, first: 60 });

/** A running job: every second the chart asks for the points after its last step and grows. */
export const LiveRunGrowing: Story = {
  args: { runIds: ['live-1'], isLive: true, pollIntervalMs: 1000 },
  parameters: { msw: { handlers: [live.handler] } },
  beforeEach: () => {
    live.reset();
  },
  play: async ({ canvasElement }) => {
    await chartOf(canvasElement, /live-1 60 points/);
    await chartOf(canvasElement, /live-1 (8[5-9]|9\d|1\d\d) points/);
  },
};

/** Log y axis: the late, small improvements of the loss become visible. */
export const LogScale: Story = { args: { defaultYScale: 'log' } };

const noisy = runWire({
  runId: 'sft-7',
  metrics: { loss: lossCurve({ points: 400, noise: 0.35, seed: 4 }) },
});

/** EMA smoothing 0.9: the smoothed line over the faint raw one. */
export const Smoothing: Story = {
  args: { defaultSmoothing: 0.9 },
  parameters: { msw: { handlers: [metricsHandler({ 'sft-7': noisy })] } },
};

const spiky = (() => {
  const { steps, values } = lossCurve({ points: 300, seed: 6 });
  // Three loss spikes (bad batches) that would flatten the curve into a line at the bottom.
  for (const i of [40, 150, 230]) values[i] = 48;
  return runWire({ runId: 'sft-7', metrics: { loss: { steps, values } } });
})();

/** Three spikes of 48 are clipped: the y range is the 5th to 95th percentile. */
export const IgnoreOutliers: Story = {
  args: { defaultIgnoreOutliers: true },
  parameters: { msw: { handlers: [metricsHandler({ 'sft-7': spiky })] } },
};

/** Same spikes, outliers kept, for comparison. */
export const WithOutliers: Story = {
  parameters: { msw: { handlers: [metricsHandler({ 'sft-7': spiky })] } },
};

/** x axis by epoch (from the run's `epoch` series). */
export const XAxisByEpoch: Story = { args: { defaultXAxis: 'epoch' } };

/** x axis by time since the run started (from the points' `times`). */
export const XAxisByTime: Story = { args: { defaultXAxis: 'time' } };

/** Dark theme on a dark page. */
export const DarkTheme: Story = {
  args: { theme: 'dark', runIds: ['sft-7', 'sft-8'], defaultSmoothing: 0.6 },
  parameters: {
    dark: true,
    msw: {
      handlers: [
        metricsHandler({
          'sft-7': sft7,
          'sft-8': runWire({ runId: 'sft-8', metrics: trainerMetrics(2, 300, 0.8) }),
        }),
      ],
    },
  },
};

/**
 * A light and a dark chart on one page: each keeps its own colours (the charts share one stylesheet,
 * keyed on each root's theme).
 */
export const LightAndDarkSideBySide: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gap: 16 }}>
      <TrainingMetricsChart {...args} theme="light" />
      <TrainingMetricsChart {...args} theme="dark" />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll('[role="img"]')).toHaveLength(2), {
      timeout: 5000,
    });
    const roots = [...canvasElement.querySelectorAll<HTMLElement>('.tvz-root')];
    const colors = roots.map((root) => {
      const style = getComputedStyle(root);
      return [style.backgroundColor, style.color];
    });
    await expect(colors).toEqual([
      ['rgb(255, 255, 255)', 'rgb(31, 35, 40)'],
      ['rgb(13, 17, 23)', 'rgb(230, 237, 243)'],
    ]);
  },
};

/** No endpoint: a real TRL DPO log (trl PR 570) parsed in the browser. */
export const LogTextSource: Story = {
  render: ({ height }) => (
    <TrainingMetricsChart logText={trlDpoLog} logComplete {...(height ? { height } : {})} />
  ),
  play: async ({ canvasElement }) => {
    await chartOf(canvasElement, /^loss for 1 run: log 2 points/);
  },
};

/** Each state can be replaced: here the error, with the host's own Retry. */
export const RenderErrorOverride: Story = {
  args: {
    renderError: (error, retry) => (
      <div role="alert" style={{ padding: 24, border: '1px dashed #cf222e' }}>
        <strong>Host error panel:</strong> {error.message} ({error.kind}){' '}
        <button type="button" onClick={retry}>
          Try again
        </button>
      </div>
    ),
  },
  parameters: {
    msw: {
      handlers: [metricsHandler({ 'sft-7': { error: 500, message: 'database is locked' } })],
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Host error panel:', {}, { timeout: 5000 })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/** The loading state replaced. */
export const RenderLoadingOverride: Story = {
  args: { renderLoading: () => <p role="status">Waiting for the first step…</p> },
  parameters: { msw: { handlers: [pendingHandler()] } },
};

/** The empty state replaced. */
export const RenderEmptyOverride: Story = {
  args: { renderEmpty: () => <p role="status">This run logged nothing yet.</p> },
  parameters: {
    msw: { handlers: [metricsHandler({ 'sft-7': runWire({ runId: 'sft-7', metrics: {} }) })] },
  },
};

function yTicks(canvasElement: HTMLElement): number[] {
  // Recharts 3 draws tick labels in a layer of their own; the y axis' are the right-aligned ones.
  return [
    ...canvasElement.querySelectorAll('.recharts-cartesian-axis-tick-value[text-anchor="end"]'),
  ]
    .map((tick) => Number(tick.textContent))
    .filter((value) => Number.isFinite(value));
}

/** Choosing grad_norm in the Metric select redraws the chart for it. */
export const MetricSwitching: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await chartOf(canvasElement, /^loss for 1 run/);
    // The loss starts at 2.6, so its y axis tops out around 3.
    await expect(Math.max(...yTicks(canvasElement))).toBeLessThan(4);
    await userEvent.selectOptions(canvas.getByLabelText('Metric'), 'grad_norm');
    await chartOf(canvasElement, /^grad_norm for 1 run/);
    // grad_norm starts at 9: the axis must now reach past 8.
    await waitFor(() => expect(Math.max(...yTicks(canvasElement))).toBeGreaterThanOrEqual(8));
    const axisLabels = [...canvasElement.querySelectorAll('.recharts-label')].map(
      (label) => label.textContent,
    );
    await expect(axisLabels).toContain('grad_norm');
  },
};
