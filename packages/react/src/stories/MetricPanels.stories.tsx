import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { MetricsChartView } from '../components/MetricsChartView';
import { assignRunColors } from '../data/assignRunColors';
import type { ChartRun, ChartSeriesData } from '../data/types';
import { lossCurve, trainerMetrics } from './mocks';

/** An eval loss logged every 400 steps from step 400: nine points, like a Trainer's eval dicts. */
function evalLoss(seed: number): ChartSeriesData {
  const curve = lossCurve({
    points: 7,
    firstStep: 400,
    stepEvery: 400,
    start: 2.2,
    end: 0.6,
    seed,
  });
  return { steps: curve.steps, values: curve.values };
}

function sftRun(id: string, seed: number, end: number): ChartRun {
  return { id, metrics: { ...trainerMetrics(seed, 300, end), eval_loss: evalLoss(seed) } };
}

/** TRL's DPO metrics, generated: margins widen, chosen rewards rise, rejected ones fall. */
function dpoRun(id: string, seed: number): ChartRun {
  const loss = lossCurve({ points: 200, start: Math.LN2, end: 0.25, noise: 0.06, seed });
  const margins = loss.steps.map(
    (_, i) => Math.round((2.8 * (1 - Math.exp(-i / 60)) + Math.sin(i * seed) * 0.15) * 1e4) / 1e4,
  );
  const chosen = loss.steps.map(
    (_, i) => Math.round((-0.1 + 0.5 * (i / 200) + Math.cos(i * seed) * 0.05) * 1e4) / 1e4,
  );
  const rejected = chosen.map((value, i) => Math.round((value - (margins[i] ?? 0)) * 1e4) / 1e4);
  const accuracies = loss.steps.map(
    (_, i) => Math.round(Math.min(1, 0.5 + 0.45 * (1 - Math.exp(-i / 50))) * 16) / 16,
  );
  const steps = loss.steps;
  return {
    id,
    metrics: {
      loss,
      'rewards/chosen': { steps, values: chosen },
      'rewards/rejected': { steps, values: rejected },
      'rewards/margins': { steps, values: margins },
      'rewards/accuracies': { steps, values: accuracies },
      epoch: { steps, values: steps.map((step) => Math.round((step / 2000) * 100) / 100) },
    },
  };
}

const sftRuns = [sftRun('sft-lr2e-5', 1, 0.4), sftRun('sft-lr1e-4', 2, 0.55)];
const colors = assignRunColors(['sft-lr2e-5', 'sft-lr1e-4', 'dpo-beta0.1', 'dpo-beta0.05']);

const meta = {
  title: 'Charts/Metric panels',
  component: MetricsChartView,
  args: {
    runs: sftRuns.map((run) => ({ ...run, color: colors[run.id] as string })),
    height: 300,
  },
} satisfies Meta<typeof MetricsChartView>;

export default meta;
type Story = StoryObj<typeof meta>;

const panelTitles = (canvasElement: HTMLElement) =>
  Array.from(canvasElement.querySelectorAll('.tvz-panel-title')).map((node) => node.textContent);

/**
 * The SFT preset: loss, eval_loss, learning_rate and grad_norm side by side, one shared toolbar and
 * legend. The sparse eval loss gets a marker on each of its points and starts where the run does.
 */
export const SftPreset: Story = {
  args: { metrics: 'sft' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('img', { name: /^eval_loss for 2 runs/ }, { timeout: 5000 });
    await expect(panelTitles(canvasElement)).toEqual([
      'loss',
      'eval_loss',
      'learning_rate',
      'grad_norm',
    ]);
    // No metric selector with panels: the panels are the selection.
    await expect(canvas.queryByLabelText('Metric')).toBeNull();
    // 7 eval points per run, each with a marker.
    await waitFor(() => expect(canvasElement.querySelectorAll('.tvz-point').length).toBe(14));
    // One legend for all panels; hiding a run hides it in every panel.
    await userEvent.click(canvas.getByRole('button', { name: 'sft-lr1e-4' }));
    await canvas.findByRole('img', { name: /^loss for 1 run: sft-lr2e-5/ });
    await canvas.findByRole('img', { name: /^grad_norm for 1 run: sft-lr2e-5/ });
  },
};

/** The DPO preset: loss and TRL's rewards (chosen, rejected, margins, accuracies). */
export const DpoPreset: Story = {
  args: {
    runs: [dpoRun('dpo-beta0.1', 3), dpoRun('dpo-beta0.05', 5)].map((run) => ({
      ...run,
      color: colors[run.id] as string,
    })),
    metrics: 'dpo',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('img', { name: /^rewards\/accuracies for 2 runs/ }, { timeout: 5000 });
    await expect(panelTitles(canvasElement)).toEqual([
      'loss',
      'rewards/chosen',
      'rewards/rejected',
      'rewards/margins',
      'rewards/accuracies',
    ]);
  },
};

/** A list of metrics of your own; ones no run recorded are left out instead of drawn empty. */
export const ChosenMetrics: Story = {
  args: { metrics: ['grad_norm', 'loss', 'rewards/margins'] },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('img', { name: /^loss for 2 runs/ }, { timeout: 5000 });
    await expect(panelTitles(canvasElement)).toEqual(['grad_norm', 'loss']);
  },
};

/** Three seeds of each of two configs, grouped: one mean line per config with a min-max band. */
function seeds(config: string, end: number, first: number): ChartRun[] {
  return [0, 1, 2].map((i) => ({
    id: `${config}-seed${i}`,
    metrics: {
      loss: lossCurve({ points: 150, seed: first + i, end: end + i * 0.03, noise: 0.05 }),
    },
  }));
}
const groupedRuns = [...seeds('lr2e-5', 0.45, 11), ...seeds('lr1e-4', 0.7, 21)];
const groups = Object.fromEntries(
  groupedRuns.map((run) => [run.id, run.id.replace(/-seed\d$/, '')]),
);

/**
 * Run groups: seed replicas of a config drawn as their mean with a band (min-max, or ± one std
 * from the toolbar); the tooltip lists the mean, the band and every member.
 */
export const RunGroups: Story = {
  args: {
    runs: groupedRuns,
    runGroups: groups,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelectorAll('.tvz-group-band').length).toBe(2), {
      timeout: 5000,
    });
    // The legend lists the two configs, not the six runs.
    const legend = within(canvas.getByRole('list', { name: 'Runs' }));
    await expect(legend.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'lr2e-5',
      'lr1e-4',
    ]);
    const band = canvas.getByLabelText('Group band');
    await userEvent.selectOptions(band, 'std');
    await expect(band).toHaveValue('std');
    await userEvent.click(legend.getByRole('button', { name: 'lr1e-4' }));
    await waitFor(() => expect(canvasElement.querySelectorAll('.tvz-group-band').length).toBe(1));
    // Shown again, with the min-max band: the state the screenshot keeps.
    await userEvent.click(legend.getByRole('button', { name: 'lr1e-4' }));
    await userEvent.selectOptions(band, 'minmax');
    await waitFor(() => expect(canvasElement.querySelectorAll('.tvz-group-band').length).toBe(2));
  },
};

/**
 * PNG and SVG exports are figures: each metric as a title, the axis labels, a legend with the run
 * names and colours, in a font stack that renders the same everywhere. The play function captures
 * the SVG the button produces.
 */
export const Exports: Story = {
  args: { metrics: 'sft' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('img', { name: /^grad_norm for 2 runs/ }, { timeout: 5000 });
    const blobs: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      if (blob instanceof Blob) blobs.push(blob);
      return original.call(URL, blob);
    };
    try {
      await userEvent.click(canvas.getByRole('button', { name: 'SVG' }));
      await waitFor(() => expect(blobs.length).toBe(1));
    } finally {
      URL.createObjectURL = original;
    }
    const text = await (blobs[0] as Blob).text();
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const texts = Array.from(doc.querySelectorAll('text')).map((node) => node.textContent);
    for (const title of ['loss', 'eval_loss', 'learning_rate', 'grad_norm', 'step']) {
      await expect(texts).toContain(title);
    }
    // The legend: both runs, each next to a swatch of its colour.
    await expect(texts).toContain('sft-lr2e-5');
    await expect(texts).toContain('sft-lr1e-4');
    await expect(text).toContain(`fill="${colors['sft-lr2e-5']}"`);
    await expect(doc.documentElement.getAttribute('font-family')).toMatch(/^Arial, Helvetica/);
    // Shown in the page, so the screenshot of this story is the exported figure itself.
    const image = document.createElement('img');
    image.alt = 'Exported figure';
    image.style.maxWidth = '100%';
    image.style.border = '1px solid #d1d9e0';
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    canvasElement.appendChild(image);
    await waitFor(() => expect(image.complete && image.naturalWidth > 0).toBe(true));
  },
};

/** On a 360 px phone: panels stack in one column, controls wrap, nothing scrolls sideways. */
export const Phone: Story = {
  args: { metrics: 'sft' },
  decorators: [
    (Story) => (
      <div style={{ width: 340 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('img', { name: /^loss for 2 runs/ }, { timeout: 5000 });
    const root = canvasElement.querySelector('.tvz-root') as HTMLElement;
    await expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth + 1);
  },
};
