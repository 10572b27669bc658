import type { Meta, StoryObj } from '@storybook/react-vite';
import { within } from 'storybook/test';
import { MetricsChartView } from '../components/MetricsChartView';
import type { ChartRun } from '../data/types';
import { largeSeries, TWO_RUNS } from './mocks';

const meta = {
  title: 'Charts/MetricsChartView',
  component: MetricsChartView,
  args: {
    runs: [
      { id: 'run-a', metrics: { loss: TWO_RUNS.a } },
      { id: 'run-b', metrics: { loss: TWO_RUNS.b } },
    ],
    height: 320,
  },
} satisfies Meta<typeof MetricsChartView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The pure view, fed runs directly (no fetching). */
export const DirectData: Story = {};

/** One million generated points: smoothed in full, drawn downsampled to the plot's pixels. */
export const LargeSeries: Story = {
  loaders: [
    async (): Promise<{ runs: ChartRun[] }> => ({
      runs: [
        {
          id: 'pretrain-1m',
          label: 'pretrain (1M points)',
          metrics: { loss: largeSeries(1_000_000) },
        },
      ],
    }),
  ],
  render: (args, { loaded }) => (
    <MetricsChartView {...args} runs={(loaded as { runs: ChartRun[] }).runs} />
  ),
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole(
      'img',
      { name: /^loss for 1 run: pretrain \(1M points\) 1000000 points/ },
      { timeout: 10000 },
    );
  },
};

/** Without its controls: just the plot, for dashboards that bring their own. */
export const WithoutControls: Story = { args: { controls: false, height: 200 } };
